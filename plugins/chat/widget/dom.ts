/** A tiny hyperscript: strings become text nodes (never HTML), `on…` props become listeners. */
type Child = Node | string | null | undefined | false;
type Props = Record<string, unknown> | null;

const PROPS = new Set(['value', 'disabled', 'hidden', 'checked', 'type']);

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    else if (PROPS.has(k)) (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Node, children: (Child | Child[])[]): void {
  for (const c of children.flat()) if (c || c === '') el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
}

const SVG = 'http://www.w3.org/2000/svg';

/** 24×24 line icons (stroke = currentColor). */
const PATHS = {
  chat: 'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3 0-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z',
  close: 'M6 6l12 12M18 6L6 18',
  down: 'M6 9l6 6 6-6',
  send: 'M4.5 12h13M12.5 6l6 6-6 6',
  smile: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8.5 14.5s1.2 2 3.5 2 3.5-2 3.5-2M9 9.5h.01M15 9.5h.01',
  check: 'M5 12.5l4.5 4.5L19 7.5',
  checks: 'M2.5 12.5 7 17l9.5-9.5M12 16l1 1 9.5-9.5',
  clock: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7v5l3 2',
  alert: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 7.5v5.5M12 16.5h.01',
  mail: 'M3.5 6.5h17v11h-17zM4 7l8 6 8-6',
  file: 'M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8zM14 3v5h5',
  clip: 'M21.4 11.1l-9.2 9.2a6 6 0 0 1-8.5-8.5l9.2-9.2a4 4 0 0 1 5.7 5.7l-9.2 9.2a2 2 0 0 1-2.9-2.9l8.5-8.5',
  download: 'M12 4v11M7 10.5l5 5 5-5M5 20h14',
  star: 'M12 3.5l2.6 5.3 5.9.9-4.2 4.1 1 5.8L12 16.9l-5.3 2.7 1-5.8-4.2-4.1 5.9-.9z',
} as const;

export type IconName = keyof typeof PATHS;

export function icon(name: IconName, size = 20): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name]);
  svg.appendChild(path);
  return svg;
}

/** Only http(s) URLs reach a src or href; relative ones resolve against the core. */
export function safeUrl(url: string | null | undefined, base: string): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Adds a stylesheet to a shadow root: constructable where supported, a `<style>` element otherwise (older Safari). */
export function adoptCss(shadow: ShadowRoot, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, sheet];
  } catch {
    shadow.appendChild(h('style', null, css));
  }
}

/**
 * The viewport less its scrollbars, where fixed elements live (a page without a doctype reports it
 * on <body>), in the CSS pixels of `inside`: a page's `html { zoom: 1.1 }` scales every length the
 * widget sets, so a launcher placed at the viewport's edge in unzoomed pixels would land outside it.
 */
export function viewportSize(inside?: Element): { width: number; height: number } {
  const viewport = document.compatMode === 'CSS1Compat' ? document.documentElement : document.body;
  // The zoom of `inside` and its ancestors (Chromium 128+, Firefox 126+, Safari); older browsers scale fixed elements themselves.
  // The viewport's size is in unzoomed pixels; a length the widget sets is multiplied by its zoom.
  const zoom = (inside as (Element & { currentCSSZoom?: number }) | undefined)?.currentCSSZoom || 1;
  return { width: (viewport.clientWidth || innerWidth) / zoom, height: (viewport.clientHeight || innerHeight) / zoom };
}
