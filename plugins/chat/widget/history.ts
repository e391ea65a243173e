import type { EarlierDialogDto } from '../shared/chat.protocol.js';
import { h } from './dom.js';
import type { Dict, Locale } from './i18n.js';
import { viewOf, type ViewMessage } from './messages.js';

/** The earlier dialogs' own styles: they come with this chunk, which only returning visitors load. */
export const css = `
.hist-more{align-self:center;margin:4px 0 8px}
.hist-more[aria-busy=true]{opacity:.65;cursor:default}
.hist-sep{align-self:stretch;display:flex;align-items:center;gap:8px;margin:12px 0 6px;color:var(--mu);font-size:12px}
.hist-sep::before,.hist-sep::after{content:"";flex:1;border-top:1px solid var(--bd)}
.hist-end{align-self:stretch;border-top:1px dashed var(--bd);margin:12px 0 4px}
`;

/** What the controller knows of the visitor's earlier dialogs (issue 9), oldest first. */
export interface HistoryView {
  dialogs: EarlierDialogDto[];
  more: boolean;
  loading: boolean;
}

export interface Row {
  key: string;
  sig: string;
  build: () => HTMLElement;
}

/**
 * Rows above the current conversation: the "Earlier conversations" link while older ones remain,
 * then each earlier dialog under a line with its date, its messages drawn as the view draws any.
 */
export function historyRows(view: HistoryView, t: Dict, locale: Locale, message: (m: ViewMessage) => HTMLElement, more: () => void): Row[] {
  const rows: Row[] = [];
  if (view.more) {
    rows.push({
      key: 'hist:more',
      sig: String(view.loading) + t.earlier,
      build: () => {
        const b = h('button', { class: 'link hist-more', type: 'button', 'data-testid': 'cp-history-more', 'aria-busy': String(view.loading) }, view.loading ? t.earlierLoading : t.earlier);
        b.addEventListener('click', () => !view.loading && more());
        return b;
      },
    });
  }
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric' });
  for (const d of view.dialogs) {
    const label = t.earlierOf(day.format(new Date(d.createdAt)));
    rows.push({ key: `hist:${d.id}`, sig: label, build: () => h('div', { class: 'hist-sep', 'data-testid': 'cp-history-dialog' }, label) });
    for (const m of d.messages) {
      const row = viewOf(m);
      rows.push({ key: `hist:m:${m.id}`, sig: JSON.stringify([m.text, m.editedAt, m.attachments.map((a) => a.url)]), build: () => message(row) });
    }
  }
  if (view.dialogs.length) rows.push({ key: 'hist:end', sig: '', build: () => h('div', { class: 'hist-end', 'aria-hidden': 'true' }) });
  return rows;
}
