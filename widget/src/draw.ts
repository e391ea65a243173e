/**
 * What plugins' widget parts draw alike (the chat's and the calls' cards): a 24×24 line icon from
 * its path (stroke = currentColor, hidden from assistive technology) and a person's initials.
 */
const SVG = 'http://www.w3.org/2000/svg';

export function lineIcon(d: string, size = 20): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', d);
  svg.appendChild(path);
  return svg;
}

/** "Анна Петрова" → "АП"; "?" for a name without letters. */
export const initials = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('') || '?';
