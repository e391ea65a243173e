import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../build.mjs';

/** The chat chunk loads on every page of every site with live chat (compare: Crisp ~90 KB, Chatwoot ~170 KB). */
const BUDGET = 30 * 1024;

const gz = (file: string) => gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** esbuild hoists an ES module's static imports to its head: `import{a as b}from"./x.js";import"./y.js";`. */
function staticImports(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const head = /^\s*(?:import|export)\s*(?:[\w$*{},\s]*?\s*from\s*)?["']([^"']+)["'];?/;
  let rest = code;
  for (let m = head.exec(rest); m; m = head.exec(rest)) {
    found.push(path.resolve(path.dirname(file), m[1]!));
    rest = rest.slice(m[0].length);
  }
  return found;
}

/** The entry and every chunk it pulls in statically, i.e. what the browser must fetch before mount() runs. */
function staticClosure(entry: string): string[] {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    staticImports(f).forEach(visit);
  };
  visit(entry);
  return [...seen];
}

describe('chat widget size budget', () => {
  let outDir: string;
  let chatEntry: string;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-chat-widget-'));
    chatEntry = path.join(outDir, (await buildWidget({ outDir })).manifest.plugins.chat!);
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('keeps the chat chunk, socket.io-client and its static imports under 30 KB gzip', () => {
    const entry = chatEntry;
    const files = staticClosure(entry);
    const sizes = files.map((f) => `${path.relative(outDir, f)} ${gz(f)} B`);
    const total = files.reduce((sum, f) => sum + gz(f), 0);
    expect(fs.readFileSync(entry, 'utf8'), 'socket.io-client is bundled into the chunk').toContain('/socket.io');
    expect(total, `chat chunk: ${total} B gzip (${sizes.join(', ')})`).toBeLessThanOrEqual(BUDGET);
  });

  it('ships the WebSocket transport only: the widget never long-polls', () => {
    const code = staticClosure(chatEntry).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(code).toContain('WebSocket');
    expect(code).not.toContain('XMLHttpRequest');
    expect(code).not.toContain('WebTransport');
  });

  // Not needed for the first paint: each loads on first use (the picker, a full-size image, the first
  // file and its row, the offline form, the rating, Branded's and Side's styles, the design page's preview).
  it.each(['emoji', 'lightbox', 'uploads', 'upload-row', 'offline-form', 'rating', 'style-branded', 'style-side', 'preview'])('keeps the %s chunk out of it, as a lazy chunk', (name) => {
    const entry = chatEntry;
    const closure = staticClosure(entry);
    const lazy = closure.flatMap((f) => [...fs.readFileSync(f, 'utf8').matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => path.resolve(path.dirname(f), m[1]!)));
    const chunk = lazy.find((f) => new RegExp(`/${name}-[\\w-]+\\.js$`).test(f));
    expect(chunk && fs.existsSync(chunk), `a lazy ${name} chunk`).toBe(true);
    expect(closure.some((f) => path.basename(f).startsWith(`${name}-`))).toBe(false);
    // Its code is really there, not in the entry (a stray static import would pull it in).
    expect(gz(chunk!), `${name} chunk ${gz(chunk!)} B gzip`).toBeGreaterThan(300);
  });
});
