import type { IconName } from './dom.js';

/** Its own styles travel with the lazy chunk, so the first paint carries none of them. */
const css = `
.lb{position:fixed;inset:0;z-index:1;display:flex;flex-direction:column;align-items:center;justify-content:center;gap:12px;padding:64px 24px 20px;background:rgba(10,14,22,.92);animation:lbin .15s ease}
@keyframes lbin{from{opacity:0}}
@media (prefers-reduced-motion:reduce){.lb{animation:none}}
.lb img{display:block;min-width:0;min-height:0;max-width:100%;max-height:100%;object-fit:contain;border-radius:6px;background:#fff;box-shadow:0 12px 40px rgba(0,0,0,.5)}
.lb .cap{flex:none;display:flex;align-items:center;gap:14px;max-width:100%;color:#fff;font-size:13.5px}
.lb .cap span{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.lb .cap a{flex:none;display:flex;align-items:center;gap:6px;padding:6px 12px;border-radius:18px;background:rgba(255,255,255,.14);color:#fff;text-decoration:none}
.lb .cap a:hover,.lb .x:hover{background:rgba(255,255,255,.26)}
.lb .x{position:absolute;top:14px;right:14px;width:40px;height:40px;border-radius:50%;background:rgba(255,255,255,.14);color:#fff;display:flex;align-items:center;justify-content:center}
.lb :focus-visible{outline:2px solid #fff;outline-offset:2px}
`;

export interface LightboxOptions {
  src: string;
  name: string;
  labels: { close: string; download: string };
  /** The view's icon set, lent rather than imported: an import would split dom.ts out of the chat chunk. */
  icon: (name: IconName, size: number) => SVGSVGElement;
  /** Gets the focus back on close. */
  opener: HTMLElement | null;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/**
 * C7: an image at full size over the page (a lazy chunk, `import('./lightbox.js')`, loaded on the
 * first click on a thumbnail). Esc, the close button or a click beside the image close it; focus
 * stays inside while it is open and goes back to the thumbnail after.
 */
export function openLightbox(root: HTMLElement, o: LightboxOptions): void {
  const close = el('button', { class: 'x', type: 'button', 'aria-label': o.labels.close, title: o.labels.close, 'data-testid': 'cp-lightbox-close' }, o.icon('close', 22));
  const download = el('a', { href: o.src, target: '_blank', rel: 'noopener', download: o.name }, o.icon('download', 16), o.labels.download);
  const box = el(
    'div',
    { class: 'lb', role: 'dialog', 'aria-modal': 'true', 'aria-label': o.name, 'data-testid': 'cp-lightbox' },
    el('style', {}, css),
    close,
    el('img', { src: o.src, alt: o.name, decoding: 'async' }),
    el('div', { class: 'cap' }, el('span', {}, o.name), download),
  );
  const dismiss = () => {
    box.remove();
    o.opener?.focus();
  };
  close.addEventListener('click', dismiss);
  box.addEventListener('click', (e) => e.target === box && dismiss());
  box.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      // Esc closes the picture, not the chat window behind it.
      e.stopPropagation();
      dismiss();
    } else if (e.key === 'Tab') {
      e.preventDefault();
      (e.target === close ? download : close).focus();
    }
  });
  root.appendChild(box);
  close.focus();
}
