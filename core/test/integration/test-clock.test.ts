import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MovableClock } from '../../src/kernel/test-clock.js';
import { seedAgency, startTestCore, type TestCore } from '../support/harness.js';

/** The e2e stack's movable clock (TEST_CLOCK_TOKEN): off by default, guarded, and what it moves. */

const TOKEN = 'e2e-test-clock-token-0123456789abcdef';
const DAY = 24 * 3600 * 1000;
let core: TestCore;
let plain: TestCore;
let staff: string;
let client: string;

const move = (body: unknown, token = TOKEN, on = core) =>
  fetch(`${on.url}/internal/test-clock`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
const licence = async () => (await core.api.call<{ plan: string; expired: boolean; daysLeft: number | null; expiresSoon: boolean }>('GET', `/api/billing/agency/clients/${client}/licence`, { token: staff })).body;

beforeAll(async () => {
  core = await startTestCore({ testClockToken: TOKEN, plugins: { billing: {} } });
  plain = await startTestCore({ plugins: {} });
  const agency = await seedAgency(core, 'Clock agency');
  client = agency.clientId;
  staff = (await core.api.login(agency.staff.email, agency.staff.password)).accessToken;
});
afterAll(async () => {
  await core?.stop();
  await plain?.stop();
});

describe('the movable clock of the e2e stack', () => {
  it('is not there without TEST_CLOCK_TOKEN, and refuses a wrong token or a bad body', async () => {
    expect((await move({ offsetMs: DAY }, TOKEN, plain)).status).toBe(404);
    expect((await move({ offsetMs: DAY }, 'x'.repeat(TOKEN.length))).status).toBe(403);
    expect((await move({ offsetMs: DAY }, '')).status).toBe(403);
    expect((await move({ offsetMs: 'soon' })).status).toBe(400);
    expect((await move({ offsetMs: 0, extra: true })).status).toBe(400);
  });

  it("moves what the plugins' clock says: a licence's last days, then its end on Free, and back", async () => {
    const end = new Date(Date.now() + 10 * DAY).toISOString();
    await core.api.call('PUT', `/api/billing/agency/clients/${client}/licence`, { token: staff, body: { plan: 'pro', seats: 5, paidUntil: end } });
    expect(await licence()).toMatchObject({ plan: 'pro', daysLeft: 9, expiresSoon: false });
    const moved = await move({ at: new Date(Date.parse(end) - 3.5 * DAY).toISOString() });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { offsetMs: number }).offsetMs).toBeGreaterThan(6 * DAY);
    expect(await licence()).toMatchObject({ plan: 'pro', daysLeft: 3, expiresSoon: true });
    await move({ at: new Date(Date.parse(end) + 3600 * 1000).toISOString() });
    expect(await licence()).toMatchObject({ plan: 'free', expired: true });
    await move({ offsetMs: 0 });
    expect(await licence()).toMatchObject({ plan: 'pro', expired: false });
  });

  it('fires the timers that fall due when moved, and re-arms the rest', async () => {
    const clock = new MovableClock();
    const fired: string[] = [];
    clock.after(DAY, () => fired.push('day'));
    clock.after(3 * DAY, () => fired.push('three days'));
    const cancelled = clock.after(DAY / 2, () => fired.push('cancelled'));
    cancelled();
    clock.setOffset(2 * DAY);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fired).toEqual(['day']);
    clock.setOffset(0);
  });
});
