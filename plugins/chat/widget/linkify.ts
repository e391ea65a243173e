/** A piece of message text; `href` only on links, and only ever http(s). */
export interface TextPart {
  text: string;
  href?: string;
}

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'`]+/gi;
const TRAILING = /[.,;:!?'"»)\]}]+$/;

/**
 * Splits text into plain parts and link parts. The caller renders every part with textContent, so
 * nothing here is ever parsed as HTML; a link is kept only when it parses as an http(s) URL.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_RE)) {
    let raw = match[0];
    // Trailing punctuation belongs to the sentence, except a ")" that closes a "(" inside the URL.
    const trail = TRAILING.exec(raw)?.[0] ?? '';
    raw = raw.slice(0, raw.length - trail.length);
    if (trail.startsWith(')') && raw.includes('(') && !raw.includes(')')) raw += ')';
    const start = match.index;
    let href: string | undefined;
    try {
      const url = new URL(/^www\./i.test(raw) ? `https://${raw}` : raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      /* not a URL after all: plain text */
    }
    if (!href || !raw) continue;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length || !parts.length) parts.push({ text: text.slice(last) });
  return parts;
}
