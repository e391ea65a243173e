import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../support/harness.js';

/** Issue 9 #21: the errors of Express's own parts (static files, body parsing) say what happened. */
let core: TestCore;
let widgetDir: string;

beforeAll(async () => {
  widgetDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-widget-'));
  fs.writeFileSync(path.join(widgetDir, 'loader.js'), 'console.log("loader")');
  core = await startTestCore({ widgetDir });
});
afterAll(async () => {
  await core?.stop();
  fs.rmSync(widgetDir, { recursive: true, force: true });
});

/** A GET with the path sent as is (fetch would resolve the `..` before sending). */
function rawGet(rawPath: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${core.url}${rawPath}`, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode!, body: JSON.parse(text) as unknown });
          } catch {
            resolve({ status: res.statusCode!, body: text });
          }
        });
      })
      .on('error', reject);
  });
}

describe('errors of static files and bodies', () => {
  it('a widget path climbing out of its folder is refused as such', async () => {
    expect((await fetch(`${core.url}/widget/loader.js`)).status).toBe(200);
    for (const p of ['/widget/..%2f..%2fetc%2fpasswd', '/widget/%2e%2e%2f%2e%2e%2fetc%2fpasswd']) {
      expect(await rawGet(p), p).toEqual({ status: 403, body: { error: { code: 'forbidden_path', message: 'This path is not allowed' } } });
    }
  });

  it('a missing widget file is a 404, and malformed JSON still says so', async () => {
    expect(await rawGet('/widget/nope.js')).toEqual({ status: 404, body: { error: { code: 'not_found', message: 'Not found' } } });
    const malformed = await core.api.call('POST', '/api/auth/login', { raw: '{"email":' });
    expect(malformed).toMatchObject({ status: 400, body: { error: { code: 'entity.parse.failed', message: 'The request body is not valid JSON' } } });
  });
});
