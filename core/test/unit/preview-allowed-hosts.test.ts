import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { isAllowedHost } from '../../src/sites/design-page-fetch.js';

/** Issue 9 #15: PREVIEW_ALLOWED_HOSTS, the only way past the preview's public-address rule. */
const base = { CMS_API_TOKEN: 'x'.repeat(32), CORE_WEBHOOK_SECRET: 'w'.repeat(32), CORE_JWT_SECRET: 'j'.repeat(32), VISITOR_TOKEN_SECRET: 'v'.repeat(32), CORE_SECRETS_KEY: 's'.repeat(32) };

describe('PREVIEW_ALLOWED_HOSTS', () => {
  it('is empty unless set, and a list of host or host:port entries', () => {
    expect(loadConfig(base).previewAllowedHosts).toEqual([]);
    expect(loadConfig({ ...base, PREVIEW_ALLOWED_HOSTS: ' localhost:3001, 127.0.0.1:3001 ,[::1]:8080,staging.lan ' }).previewAllowedHosts).toEqual(['localhost:3001', '127.0.0.1:3001', '[::1]:8080', 'staging.lan']);
    for (const bad of ['http://localhost:3001', 'localhost/x', 'host:port', '10.0.0.0/8']) {
      expect(() => loadConfig({ ...base, PREVIEW_ALLOWED_HOSTS: bad }), bad).toThrow(ConfigError);
    }
  });

  it('matches the host, and the port where the entry names one', () => {
    const allowed = ['localhost:3001', 'staging.lan', '[::1]:8080'];
    expect(isAllowedHost(new URL('http://localhost:3001/x'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://LOCALHOST:3001/'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://localhost:1337/'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('http://127.0.0.1:3001/'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('https://staging.lan/'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://staging.lan:9000/'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://[::1]:8080/'), allowed)).toBe(true);
    expect(isAllowedHost(new URL('http://[::1]:1337/'), allowed)).toBe(false);
    expect(isAllowedHost(new URL('http://localhost:80/'), ['localhost:80'])).toBe(true);
    expect(isAllowedHost(new URL('http://evil.staging.lan/'), allowed)).toBe(false);
  });
});
