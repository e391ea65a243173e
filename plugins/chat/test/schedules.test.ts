import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../core/test/support/fake-clock.js';
import { cmsClient, seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';

interface Schedule {
  userId: number;
  name: string;
  intervals: { day: number; from: string; to: string }[];
}
interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const WEEKDAYS = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));
const NOW = Date.parse('2025-06-02T08:00:00+10:00');

let core: TestCore;
let acc: SeededAccount;
let other: SeededAccount;
let second: { id: number };
let adminToken: string;
let operatorToken: string;
let otherAdminToken: string;

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} }, clock: new FakeClock(NOW) });
  acc = await seedAccount(core);
  other = await seedAccount(core, 'Other');
  await cmsClient().accounts.update(acc.accountId, { timezone: 'Asia/Vladivostok' });
  second = await seedUser(core, acc.accountId, { firstName: 'Petr', lastName: 'Second' });
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  operatorToken = (await core.api.login(acc.operator.email, acc.operator.password)).accessToken;
  otherAdminToken = (await core.api.login(other.admin.email, other.admin.password)).accessToken;
});
afterAll(() => core?.stop());

const put = (token: string, userId: number, body: unknown) => core.api.call<Schedule & ErrorBody>('PUT', `/api/chat/schedules/${userId}`, { token, body });
const putMany = (token: string, body: unknown) => core.api.call<Schedule[] & ErrorBody>('PUT', '/api/chat/schedules', { token, body });
const list = async (token: string) => (await core.api.call<{ timezone: string; schedules: Schedule[] }>('GET', '/api/chat/schedules', { token })).body;

describe('schedules (A6)', () => {
  it('lists everyone of the account for an admin, in the account time zone, without hours at first', async () => {
    const view = await list(adminToken);
    expect(view.timezone).toBe('Asia/Vladivostok');
    expect(view.schedules.map((s) => [s.name, s.intervals])).toEqual([
      ['Anna Admin', []],
      ['Oleg Operator', []],
      ['Petr Second', []],
    ]);
  });

  it('an admin sets one person\'s hours; they are stored in the CMS with the save time', async () => {
    const res = await put(adminToken, acc.operator.id, { intervals: [...WEEKDAYS].reverse() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ userId: acc.operator.id, name: 'Oleg Operator', intervals: WEEKDAYS });
    await core.content.refresh();
    expect((await core.api.call<Schedule>('GET', `/api/chat/schedules/${acc.operator.id}`, { token: adminToken })).body.intervals).toEqual(WEEKDAYS);
    const [record] = await cmsClient().collection<{ effectiveFrom: string }>('schedules').list({ 'filters[user][id][$eq]': acc.operator.id });
    expect(record?.effectiveFrom).toBe(new Date(NOW).toISOString());
  });

  it('sets the same hours for several people at once', async () => {
    const evening = [{ day: 6, from: '18:00', to: '24:00' }];
    const res = await putMany(adminToken, { userIds: [acc.operator.id, second.id, second.id], intervals: evening });
    expect(res.status).toBe(200);
    expect(res.body.map((s) => [s.userId, s.intervals])).toEqual([
      [acc.operator.id, evening],
      [second.id, evening],
    ]);
    await core.content.refresh();
    expect((await list(adminToken)).schedules.filter((s) => s.intervals.length).map((s) => s.userId).sort()).toEqual([acc.operator.id, second.id].sort());
    // No hours: no schedule (the status is set by hand only); the record is gone from the CMS.
    expect((await put(adminToken, second.id, { intervals: [] })).body.intervals).toEqual([]);
    expect(await cmsClient().collection<{ effectiveFrom: string }>('schedules').list({ 'filters[user][id][$eq]': second.id })).toEqual([]);
  });

  it('refuses bad hours with a clear message per period, and changes nothing', async () => {
    const bad: [unknown, string, string][] = [
      [{ intervals: [{ day: 1, from: '18:00', to: '09:00' }] }, 'intervals.0.to', 'The end must be later than the start'],
      [{ intervals: [{ day: 9, from: '09:00', to: '18:00' }] }, 'intervals.0.day', 'A day is 1 (Monday) to 7 (Sunday)'],
      [{ intervals: [{ day: 1, from: '9am', to: '18:00' }] }, 'intervals.0.from', 'A time as HH:MM, from 00:00 to 24:00'],
      [{ intervals: [{ day: 2, from: '09:00', to: '14:00' }, { day: 2, from: '13:00', to: '18:00' }] }, 'intervals.1', 'Tuesday: 09:00–14:00 and 13:00–18:00 overlap'],
      [{ intervals: Array.from({ length: 29 }, () => ({ day: 1, from: '09:00', to: '10:00' })) }, 'intervals', 'At most 28 working periods a week'],
      [{}, 'intervals', 'A list of working periods'],
    ];
    for (const [body, field, message] of bad) {
      const res = await put(adminToken, acc.operator.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.fields?.[field], JSON.stringify(body)).toBe(message);
    }
    expect((await putMany(adminToken, { userIds: [], intervals: WEEKDAYS })).body.error.fields?.userIds).toBe('Choose at least one person');
    expect((await put(adminToken, 0, { intervals: WEEKDAYS })).status).toBe(400);
    expect((await core.api.call<Schedule>('GET', `/api/chat/schedules/${acc.operator.id}`, { token: adminToken })).body.intervals).toEqual([{ day: 6, from: '18:00', to: '24:00' }]);
  });

  it('operators see and change only their own hours', async () => {
    const own = await list(operatorToken);
    expect(own.schedules.map((s) => s.userId)).toEqual([acc.operator.id]);
    expect((await put(operatorToken, acc.operator.id, { intervals: WEEKDAYS })).status).toBe(200);
    const others = await put(operatorToken, second.id, { intervals: WEEKDAYS });
    expect(others.status).toBe(403);
    expect(others.body.error.message).toBe('Operators can change only their own schedule');
    expect((await core.api.call('GET', `/api/chat/schedules/${acc.admin.id}`, { token: operatorToken })).status).toBe(403);
    expect((await putMany(operatorToken, { userIds: [acc.operator.id], intervals: [] })).status).toBe(403);
    expect((await core.api.call('GET', '/api/chat/schedules')).status).toBe(401);
  });

  it('another account cannot read or touch them; a foreign person in a batch changes nobody', async () => {
    expect((await core.api.call('GET', `/api/chat/schedules/${acc.operator.id}`, { token: otherAdminToken })).status).toBe(404);
    expect((await put(otherAdminToken, acc.operator.id, { intervals: [] })).status).toBe(404);
    const batch = await putMany(otherAdminToken, { userIds: [other.operator.id, acc.operator.id], intervals: [] });
    expect(batch.status).toBe(404);
    expect((await list(otherAdminToken)).schedules.map((s) => s.userId).sort()).toEqual([other.admin.id, other.operator.id].sort());
    expect((await putMany(adminToken, { userIds: [second.id, other.operator.id], intervals: WEEKDAYS })).status).toBe(404);
    expect((await core.api.call<Schedule>('GET', `/api/chat/schedules/${second.id}`, { token: adminToken })).body.intervals).toEqual([]);
    await core.content.refresh();
    expect((await core.api.call<Schedule>('GET', `/api/chat/schedules/${acc.operator.id}`, { token: adminToken })).body.intervals).toEqual(WEEKDAYS);
  });
});
