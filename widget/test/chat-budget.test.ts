import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../build.mjs';
import { br, gz, staticClosure } from './chunks.js';

/**
 * What loads before the launcher — the loader, the host (with socket.io-client) and the chat's
 * first stage with their static imports — is on every page of every site with live chat (compare:
 * Crisp ~90 KB, Chatwoot ~170 KB). Counted as served: the core sends the build's brotli twins.
 */
const BUDGET = 30 * 1024;

describe('chat widget size budget', () => {
  let outDir: string;
  let chatEntry: string;
  let hostEntry: string;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-chat-widget-'));
    const { manifest } = await buildWidget({ outDir });
    chatEntry = path.join(outDir, manifest.plugins.chat!);
    hostEntry = path.join(outDir, manifest.host);
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it('keeps the loader, the host, the chat first stage and their static imports under 30 KB as served', () => {
    const files = [...new Set([path.join(outDir, 'loader.js'), ...staticClosure(hostEntry), ...staticClosure(chatEntry)])];
    const sizes = files.map((f) => `${path.relative(outDir, f)} ${br(f)} B`);
    const total = files.reduce((sum, f) => sum + br(f), 0);
    const gzipped = files.reduce((sum, f) => sum + gz(f), 0);
    // One connection for every plugin: socket.io-client is the host's, not the chat's.
    expect(fs.readFileSync(hostEntry, 'utf8'), 'socket.io-client is bundled into the host').toContain('/socket.io');
    expect(staticClosure(chatEntry).some((f) => fs.readFileSync(f, 'utf8').includes('/socket.io')), 'the chat brings no socket.io-client of its own').toBe(false);
    expect(total, `before the launcher: ${total} B brotli, ${gzipped} B gzip (${sizes.join(', ')})`).toBeLessThanOrEqual(BUDGET);
  });

  it('ships the WebSocket transport only: the widget never long-polls', () => {
    const code = [...staticClosure(hostEntry), ...staticClosure(chatEntry)].map((f) => fs.readFileSync(f, 'utf8')).join('\n');
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
