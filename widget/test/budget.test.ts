import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildWidget } from '../build.mjs';

/** The loader is on every page of every client site: its size is a feature (budget: 2 KB gzip). */
describe('widget size budget', () => {
  it('keeps the loader under 2 KB gzip', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-widget-'));
    await buildWidget({ outDir });
    const gzipped = gzipSync(fs.readFileSync(path.join(outDir, 'loader.js')), { level: 9 }).length;
    expect(gzipped, `loader.js is ${gzipped} B gzip`).toBeLessThanOrEqual(2048);
  });

  it('names plugin chunks by their content and ships .br and .gz twins of every script', async () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-widget-'));
    const { manifest } = await buildWidget({ outDir });
    expect(manifest.plugins.chat).toMatch(/^plugins\/chat-[A-Z0-9]{8}\.js$/);
    const scripts = fs.readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
    expect(scripts).toContain(manifest.plugins.chat);
    for (const file of scripts) {
      const raw = fs.readFileSync(path.join(outDir, file));
      if (raw.length < 200) continue; // a tiny file may compress to more than itself: it goes out raw
      expect(brotliDecompressSync(fs.readFileSync(path.join(outDir, `${file}.br`))).equals(raw), `${file}.br`).toBe(true);
      expect(gunzipSync(fs.readFileSync(path.join(outDir, `${file}.gz`))).equals(raw), `${file}.gz`).toBe(true);
    }
    fs.rmSync(outDir, { recursive: true, force: true });
  });
});
