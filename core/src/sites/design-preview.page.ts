import { defaultTreeAdapter as tree, parse, serialize, type DefaultTreeAdapterTypes as T } from 'parse5';

/** What the preview page loads: the core's preview script, told where the panel is. */
export interface PreviewScript {
  src: string;
  panelOrigin: string;
  /** Why the client's page could not be shown (the sample page is shown instead). */
  error?: string;
}

/** Elements that run code, embed other documents or change how the document loads. */
const DROPPED = new Set(['script', 'noscript', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'base', 'template']);
const SCRIPT_LINKS = /\b(preload|modulepreload|prefetch|prerender|import)\b/i;
const SCRIPT_URL = /^(javascript|vbscript|data:text\/html)/i;

const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value;

/**
 * "Preview over my site": the client's page as its HTML and CSS draw it, with every way to run
 * its scripts removed (the response's CSP blocks them as well — the page is served from the
 * panel's origin), `<base href>` first in `<head>` so its styles and images come from the site,
 * and the preview script at the end of `<body>`.
 */
export function previewOverSite(html: string, pageUrl: URL, script: PreviewScript): string {
  const document = parse(html);
  sanitize(document);
  const htmlEl = child(document, 'html') ?? appendElement(document, 'html');
  const head = child(htmlEl, 'head') ?? appendElement(htmlEl, 'head');
  const body = child(htmlEl, 'body') ?? appendElement(htmlEl, 'body');
  const base = tree.createElement('base', 'http://www.w3.org/1999/xhtml' as never, [{ name: 'href', value: pageUrl.href }]);
  const first = head.childNodes[0];
  if (first) tree.insertBefore(head, base, first);
  else tree.appendChild(head, base);
  tree.appendChild(body, scriptElement(script));
  return serialize(document);
}

/** The preview without a page of the client's: a neutral sample web page behind the widget. */
export function samplePage(script: PreviewScript): string {
  const page = parse(SAMPLE);
  const body = child(child(page, 'html')!, 'body')!;
  tree.appendChild(body, scriptElement(script));
  return serialize(page);
}

function scriptElement(script: PreviewScript): T.Element {
  const attrs = [
    { name: 'type', value: 'module' },
    { name: 'src', value: script.src },
    { name: 'data-panel-origin', value: script.panelOrigin },
  ];
  if (script.error) attrs.push({ name: 'data-error', value: script.error });
  return tree.createElement('script', 'http://www.w3.org/1999/xhtml' as never, attrs);
}

function sanitize(node: T.ParentNode): void {
  for (const item of [...node.childNodes]) {
    if (!('tagName' in item)) continue;
    const el = item;
    const rel = attr(el, 'rel') ?? '';
    if (DROPPED.has(el.tagName) || (el.tagName === 'meta' && attr(el, 'http-equiv') !== undefined) || (el.tagName === 'link' && SCRIPT_LINKS.test(rel))) {
      tree.detachNode(el);
      continue;
    }
    el.attrs = el.attrs.filter((a) => !a.name.startsWith('on') && a.name !== 'srcdoc' && !SCRIPT_URL.test(a.value.replace(/[\s\p{Cc}]/gu, '')));
    sanitize(el);
  }
}

function child(parent: T.ParentNode, tagName: string): T.Element | undefined {
  return parent.childNodes.find((n): n is T.Element => 'tagName' in n && n.tagName === tagName);
}

function appendElement(parent: T.ParentNode, tagName: string): T.Element {
  const el = tree.createElement(tagName, 'http://www.w3.org/1999/xhtml' as never, []);
  tree.appendChild(parent, el);
  return el;
}

/** A calm, wordless page: the widget's colours and position are judged against something page-like. */
const SAMPLE = `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Callpy widget preview</title>
<style>
*{box-sizing:border-box}html,body{margin:0;height:100%}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f6f7fb;color:#1f2937}
.top{height:64px;background:#fff;border-bottom:1px solid #e5e7eb;display:flex;align-items:center;gap:32px;padding:0 48px}
.brand{width:120px;height:22px;border-radius:6px;background:#1f2937;opacity:.85}
.nav{display:flex;gap:22px}.nav i{display:block;width:64px;height:10px;border-radius:5px;background:#d1d5db}
.hero{max-width:1100px;margin:48px auto 0;padding:0 48px;display:grid;grid-template-columns:1.1fr .9fr;gap:48px;align-items:center}
.h1{height:26px;border-radius:8px;background:#374151;margin:0 0 14px}.h1.s{width:70%}
.line{height:11px;border-radius:6px;background:#d1d5db;margin:12px 0}.line.s{width:82%}.line.xs{width:60%}
.btn{width:160px;height:44px;border-radius:10px;background:#94a3b8;margin-top:26px}
.pic{height:300px;border-radius:18px;background:linear-gradient(135deg,#e0e7ff,#f1f5f9 55%,#e2e8f0)}
.cards{max-width:1100px;margin:56px auto;padding:0 48px;display:grid;grid-template-columns:repeat(3,1fr);gap:24px}
.card{background:#fff;border-radius:16px;padding:22px;box-shadow:0 1px 3px rgba(16,24,40,.08)}
.card .pic{height:120px;border-radius:12px;margin-bottom:16px}
.banner{position:fixed;left:16px;top:16px;right:16px;padding:10px 14px;border-radius:10px;background:#fff4e5;color:#8a4b00;font-size:13px;box-shadow:0 4px 14px rgba(16,24,40,.12)}
@media (max-width:700px){.top,.hero,.cards{padding:0 18px}.hero,.cards{grid-template-columns:1fr}.nav{display:none}}
</style></head>
<body>
<div class="top"><div class="brand"></div><div class="nav"><i></i><i></i><i></i><i></i></div></div>
<div class="hero"><div><div class="h1"></div><div class="h1 s"></div><div class="line"></div><div class="line s"></div><div class="line xs"></div><div class="btn"></div></div><div class="pic"></div></div>
<div class="cards"><div class="card"><div class="pic"></div><div class="line"></div><div class="line xs"></div></div><div class="card"><div class="pic"></div><div class="line"></div><div class="line xs"></div></div><div class="card"><div class="pic"></div><div class="line"></div><div class="line xs"></div></div></div>
</body></html>`;
