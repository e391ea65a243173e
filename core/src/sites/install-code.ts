/**
 * The two install variants of the guide (B1). Both load the same small loader asynchronously, so
 * neither blocks the host page: the first starts the download while the page is still parsed
 * (fastest), the second waits for the page's `load` event and can stand anywhere, even in <head>.
 * Both first define a stub `Callpy.track` that only queues (G1: the page may track events before
 * the widget has loaded; the loader takes the queue over).
 */
const TRACK_STUB = 'window.Callpy=window.Callpy||{q:[],track:function(){window.Callpy.q.push(arguments)}};';

export interface InstallCode {
  afterBody: string;
  anywhere: string;
}

export function installCode(publicUrl: string, siteKey: string): InstallCode {
  const src = `${publicUrl}/widget/loader.js`;
  const attrs = JSON.stringify(src);
  const key = JSON.stringify(siteKey);
  return {
    afterBody: `<!-- Callpy -->\n<script>${TRACK_STUB}</script>\n<script async src=${attrs} data-callpy-site=${key}></script>\n<!-- /Callpy -->`,
    anywhere: [
      '<!-- Callpy -->',
      '<script>',
      TRACK_STUB,
      '(function (w, d) {',
      '  function load() {',
      "    var s = d.createElement('script');",
      `    s.async = true; s.src = ${attrs};`,
      `    s.setAttribute('data-callpy-site', ${key});`,
      '    d.body.appendChild(s);',
      '  }',
      "  if (d.readyState === 'complete') load(); else w.addEventListener('load', load);",
      '})(window, document);',
      '</script>',
      '<!-- /Callpy -->',
    ].join('\n'),
  };
}
