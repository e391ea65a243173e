import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
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
});
