/** The call UI's few DOM helpers: text only ever goes in as text, never as HTML. */
type Child = Node | string | null | false;

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c) node.append(c);
  return node;
}

const SVG = 'http://www.w3.org/2000/svg';

/** 24×24 line icons in the chat's manner (stroke = currentColor). */
const PATHS = {
  phone: 'M5 4h3.5l1.8 4.4-2.2 1.4a11 11 0 0 0 6.1 6.1l1.4-2.2L20 15.5V19a1.8 1.8 0 0 1-2 1.8A16.5 16.5 0 0 1 3.2 6 1.8 1.8 0 0 1 5 4z',
  hang: 'M3 14.5c5-4.7 13-4.7 18 0l-2.3 2.7-3.6-1.6v-2.8a11 11 0 0 0-6.2 0v2.8l-3.6 1.6z',
  mic: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21',
  micOff: 'M12 3a3 3 0 0 0-3 3v6a3 3 0 0 0 6 0V6a3 3 0 0 0-3-3zM5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M4 4l16 16',
  cam: 'M3.5 7.5h11v9h-11zM14.5 10.5l6-3.5v10l-6-3.5',
  camOff: 'M3.5 7.5h11v9h-11zM14.5 10.5l6-3.5v10l-6-3.5M3 4l17 17',
  screen: 'M3.5 4.5h17v11h-17zM8 20h8M12 15.5V20',
  volume: 'M4 9.5h3.5L12 5.5v13l-4.5-4H4zM15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11',
  rec: 'M12 17a5 5 0 1 0 0-10 5 5 0 0 0 0 10z',
} as const;

export type IconName = keyof typeof PATHS;

/**
 * A line icon. The chat draws its own the same way; the two do not share a module, because a module
 * both import becomes a chunk of its own on the chat's first-load path, which is at its budget
 * (e2e/widget-budget.spec.ts: a shared one cost 230 B there).
 */
export function icon(name: IconName, size = 20): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  const attrs = { viewBox: '0 0 24 24', width: String(size), height: String(size), 'aria-hidden': 'true', focusable: 'false' };
  for (const [k, v] of Object.entries(attrs)) svg.setAttribute(k, v);
  svg.appendChild(document.createElementNS(SVG, 'path')).setAttribute('d', PATHS[name]);
  return svg;
}

/** "Анна Петрова" → "АП" (the operator's face on the card); "?" for a name without letters. */
export const initials = (name: string): string => name.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]!.toUpperCase()).join('') || '?';

/** A button with a visible or a spoken label (and the same words as its tooltip). */
export function button(testid: string, cls: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', class: cls, 'data-testid': testid });
  b.addEventListener('click', onClick);
  return b;
}

/** Sets a button's face: an icon, and its words shown (`shown`) or only spoken. */
export function face(b: HTMLButtonElement, name: IconName, words: string, shown = false): void {
  b.replaceChildren(icon(name), shown ? el('span', {}, words) : '');
  b.setAttribute('aria-label', words);
  b.title = words;
}
