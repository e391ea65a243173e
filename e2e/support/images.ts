import type { Browser } from '@playwright/test';

/**
 * A real PNG of exactly width×height pixels, drawn by the browser from `html`: fixtures made in the
 * test (a logo, an avatar) rather than binary files kept in the repository.
 */
export async function renderPng(browser: Browser, html: string, width: number, height: number, options: { transparent?: boolean } = {}): Promise<Buffer> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  try {
    const page = await context.newPage();
    await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;width:${width}px;height:${height}px;overflow:hidden${options.transparent ? ';background:transparent' : ''}}</style></head><body>${html}</body></html>`);
    return await page.screenshot({ type: 'png', omitBackground: options.transparent ?? false });
  } finally {
    await context.close();
  }
}

/** A minimal PDF: real magic bytes, so the server's content check decides, not the file's name. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/** The shop's logo: a teapot mark and the name, on a transparent background (the widget puts it on a tile). */
export const LOGO_HTML = `
  <div style="display:flex;align-items:center;gap:22px;height:100%;padding:0 26px;box-sizing:border-box;font-family:Georgia,'DejaVu Serif',serif">
    <svg width="150" height="150" viewBox="0 0 64 64" aria-hidden="true">
      <circle cx="32" cy="32" r="31" fill="#5b3a1e"/>
      <path d="M17 28h26v9a11 11 0 0 1-11 11h-4a11 11 0 0 1-11-11z" fill="#f6e7c8"/>
      <path d="M43 31h3a5 5 0 0 1 0 10h-3" fill="none" stroke="#f6e7c8" stroke-width="3"/>
      <path d="M26 22c0-3 3-3 3-6M33 22c0-3 3-3 3-6" fill="none" stroke="#e9b872" stroke-width="2.4" stroke-linecap="round"/>
    </svg>
    <div style="line-height:1;color:#3b2412">
      <div style="font-size:74px;font-weight:700;letter-spacing:-1px">Чайная</div>
      <div style="font-size:74px;font-weight:700;letter-spacing:-1px;color:#b86b2b">лавка</div>
    </div>
  </div>`;

/** An operator's photo stand-in: a head and shoulders on a warm background. */
export const AVATAR_HTML = `
  <svg width="256" height="256" viewBox="0 0 256 256" style="display:block">
    <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fde68a"/><stop offset="1" stop-color="#f59e0b"/></linearGradient></defs>
    <rect width="256" height="256" fill="url(#bg)"/>
    <path d="M40 256c4-52 42-82 88-82s84 30 88 82z" fill="#1e3a8a"/>
    <path d="M108 170h40v22a20 20 0 0 1-40 0z" fill="#e8b48f"/>
    <circle cx="128" cy="112" r="52" fill="#f1c6a3"/>
    <path d="M74 108c0-40 26-62 56-62s54 20 54 56c-12-16-34-22-58-22-22 0-38 10-52 28z" fill="#4a2c17"/>
    <circle cx="108" cy="118" r="5" fill="#3b2412"/><circle cx="148" cy="118" r="5" fill="#3b2412"/>
    <path d="M110 140q18 14 36 0" fill="none" stroke="#9a3412" stroke-width="4" stroke-linecap="round"/>
  </svg>`;
