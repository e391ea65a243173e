import { h, icon } from './dom.js';
import type { Dict, Locale } from './i18n.js';
import { reason } from './reasons.js';
import type { UploadItem } from './uploads.js';

export const css = `
.pv{width:40px;height:40px;border-radius:8px;object-fit:cover;flex:none}
.bar{position:relative;flex:none;width:36px;height:4px;border-radius:2px;background:#e4e7ec;overflow:hidden}
.bar::after{content:"";position:absolute;inset:0;width:40%;border-radius:2px;background:var(--a);animation:slide 1.1s infinite linear}
@keyframes slide{from{transform:translateX(-100%)}to{transform:translateX(250%)}}
.up.failed .chip{background:#fde8e7;box-shadow:inset 0 0 0 1px #f5b5b0}
.up.failed .chip>svg:last-child,.why{color:var(--er)}
.up .meta{flex-wrap:wrap;justify-content:flex-end;max-width:240px}
.up .link{padding:0 4px;font-size:12px}
`;

/** C7: a file on its way: its name, size and a running bar, or why it failed, with retry / dismiss. A lazy chunk, as uploads are. */
export function uploadRow(u: UploadItem, t: Dict, locale: Locale, label: HTMLElement, act: { retry(key: string): void; dismiss(key: string): void }): HTMLElement {
  const failed = u.state === 'failed';
  const why = reason(locale, u.error, t.uploadFailed);
  const button = (text: string, testid: string, onclick: () => void) => h('button', { class: 'link', type: 'button', 'data-testid': testid, onclick }, text);
  const card = h(
    'div',
    { class: 'chip' },
    u.preview ? h('img', { class: 'pv', src: u.preview, alt: '', onerror: (e: Event) => (e.target as Element).replaceWith(icon('file', 22)) }) : icon('file', 22),
    label,
    failed ? icon('alert', 18) : h('span', { class: 'bar', role: 'progressbar', 'aria-label': t.uploading }),
  );
  const meta = h(
    'div',
    { class: 'meta' },
    failed ? h('span', { class: 'why', role: 'alert' }, why) : t.uploading,
    failed && u.retryable ? button(t.again, 'cp-upload-retry', () => act.retry(u.key)) : null,
    button(failed ? t.close : t.cancel, 'cp-upload-cancel', () => act.dismiss(u.key)),
  );
  return h('div', { class: `row v up gap ${failed ? 'failed' : 'pending'}`, 'data-testid': 'cp-upload', 'data-state': u.state }, h('div', { class: 'col' }, card, meta));
}
