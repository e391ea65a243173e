import { expect } from '@playwright/test';
import { stack } from './stack.js';

/** The CMS's own API with the core's token, as the core uses it: tests arrange content through it. */
export async function cms(method: string, route: string, body?: unknown): Promise<Record<string, unknown>> {
  const { cmsUrl, cmsApiToken } = stack();
  const res = await fetch(`${cmsUrl}/api/callpy${route}`, {
    method,
    headers: { authorization: `Bearer ${cmsApiToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.ok).toBe(true);
  return (await res.json()) as Record<string, unknown>;
}
