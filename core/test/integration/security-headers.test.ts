import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCore, type TestCore } from '../support/harness.js';

/** Issue 9 #20: HTTPS-only headers go out only when the core is reached over HTTPS. */
describe('security headers follow PUBLIC_URL', () => {
  let plain: TestCore;
  let secure: TestCore;

  beforeAll(async () => {
    plain = await startTestCore({ publicUrl: 'http://192.168.1.20:3000' });
    secure = await startTestCore({ publicUrl: 'https://chat.example' });
  });
  afterAll(async () => {
    await plain?.stop();
    await secure?.stop();
  });

  it('over plain HTTP: no upgrade-insecure-requests, no HSTS, the rest of the CSP intact', async () => {
    const res = await fetch(`${plain.url}/healthz`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });

  it('over HTTPS: upgrade-insecure-requests and HSTS are sent', async () => {
    const res = await fetch(`${secure.url}/healthz`);
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });
});
