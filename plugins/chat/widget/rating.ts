import { h, icon } from './dom.js';
import type { Dict } from './i18n.js';
import type { RatingView } from './view.js';

export const css = `
.rate{align-self:center;width:100%;margin:10px 0;padding:14px;border-radius:14px;background:var(--bg);box-shadow:0 1px 3px rgba(16,24,40,.1);text-align:center}
.rate p{margin:0 0 8px;font-weight:500}
.stars{display:inline-flex;gap:2px}
.stars button{width:36px;height:36px;border-radius:8px;color:#cbd2de;display:flex;align-items:center;justify-content:center}
.stars button svg{width:28px;height:28px}
.stars button.on{color:#f5a524}
.stars button.on svg path{fill:currentColor}
.stars button:hover{background:var(--sf)}
.rate .err{color:var(--er);font-size:12.5px;margin:6px 0 0}
`;

/** C15: the rating question (five stars) or the thanks for it. A lazy chunk: asked at a dialog's end only. */
export function ratingCard(r: RatingView, t: Dict, rate: (stars: number) => void): HTMLElement {
  if (r.state === 'done') return h('div', { class: 'rate', 'data-testid': 'cp-rating' }, h('p', { 'data-testid': 'cp-rating-thanks' }, t.rateThanks));
  const stars = h('div', { class: 'stars', role: 'radiogroup', 'aria-label': t.rateTitle });
  for (let n = 1; n <= 5; n++) {
    stars.appendChild(
      h('button', { type: 'button', role: 'radio', class: n <= r.value ? 'on' : '', 'aria-checked': String(n === r.value), 'aria-label': t.rateStar(n), disabled: r.state === 'sending', 'data-testid': `cp-star-${n}`, onclick: () => rate(n) }, icon('star')),
    );
  }
  // Hover preview of the value without re-rendering.
  const btns = [...stars.children] as HTMLElement[];
  const paint = (v: number) => btns.forEach((b, i) => b.classList.toggle('on', i < v));
  stars.addEventListener('mouseover', (e) => paint(btns.indexOf((e.target as Element).closest('button') as HTMLElement) + 1 || r.value));
  stars.addEventListener('mouseleave', () => paint(r.value));
  return h('div', { class: 'rate', 'data-testid': 'cp-rating' }, h('p', null, t.rateTitle), stars, r.state === 'error' ? h('p', { class: 'err', role: 'alert' }, t.rateFailed) : null);
}
