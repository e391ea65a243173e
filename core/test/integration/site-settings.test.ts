import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteView } from '../../src/sites/site-settings.contract.js';
import { cmsClient, seedAccount, startTestCore, type SeededAccount, type TestCore } from '../support/harness.js';

type Refusal = { error: { code: string; message: string; fields?: Record<string, string> } };

let core: TestCore;
let site: SiteView;
/** Access tokens: the account's admin and operator, and another account's admin. */
const tokens = { admin: '', operator: '', otherAdmin: '' };

const WEEKDAYS = [1, 2, 3, 4, 5].map((day) => ({ day, from: '09:00', to: '18:00' }));

beforeAll(async () => {
  core = await startTestCore();
  const [acc, other]: SeededAccount[] = [await seedAccount(core), await seedAccount(core, 'Other')];
  await cmsClient().accounts.update(acc!.accountId, { timezone: 'Asia/Vladivostok' });
  await core.content.refresh();
  const login = async (who: SeededAccount['admin']) => (await core.api.login(who.email, who.password)).accessToken;
  Object.assign(tokens, { admin: await login(acc!.admin), operator: await login(acc!.operator), otherAdmin: await login(other!.admin) });
  site = (await core.api.call<SiteView>('POST', '/api/sites', { token: tokens.admin, body: { name: 'Shop', url: 'https://settings-shop.example' } })).body;
});
afterAll(() => core?.stop());

const patch = (body: unknown, token = tokens.admin, id = site.id) => core.api.call<SiteView & Refusal>('PATCH', `/api/sites/${id}`, { token, body });
const get = async (id = site.id) => (await core.api.call<SiteView>('GET', `/api/sites/${id}`, { token: tokens.admin })).body;

describe('site settings (A8, I2)', () => {
  it('a new site answers everyone in its chat language, always', async () => {
    const view = await get();
    expect(view).toMatchObject({
      name: 'Shop',
      url: 'https://settings-shop.example',
      chatLanguage: 'en',
      workingHours: { always: true, intervals: [] },
      timezone: 'Asia/Vladivostok',
    });
    // H6 and C20 are the chat plugin's per-site settings (plugins/chat/test/site-settings.test.ts).
    expect(view).not.toHaveProperty('offlineForm');
    expect(view).not.toHaveProperty('notifications');
  });

  it('an admin changes them; they are stored in the CMS and read back from a fresh snapshot', async () => {
    const res = await patch({
      name: '  Shop RU ',
      url: 'shop-ru.example',
      chatLanguage: 'ru',
      workingHours: { always: false, intervals: [{ day: 2, from: '09:00', to: '18:00' }, ...WEEKDAYS.filter((i) => i.day !== 2)] },
    });
    expect(res.status).toBe(200);
    const expected = {
      name: 'Shop RU',
      url: 'https://shop-ru.example',
      origins: ['https://shop-ru.example', 'https://www.shop-ru.example'],
      chatLanguage: 'ru',
      workingHours: { always: false, intervals: WEEKDAYS },
    };
    expect(res.body).toMatchObject(expected);
    await core.content.refresh();
    expect(await get()).toMatchObject(expected);
    const record = await cmsClient().sites.get(site.id);
    expect(record).toMatchObject({ chatLanguage: 'ru', workingHours: { always: false } });
    // The widget of the new address gets a session; the old address no longer does.
    const session = (origin: string) => core.api.call('POST', '/api/widget/session', { body: { siteKey: site.publicKey }, headers: { origin } });
    expect((await session('https://www.shop-ru.example')).status).toBe(200);
    expect((await session('https://settings-shop.example')).status).toBe(403);
    // New widget sessions speak the new language.
    expect((await session('https://shop-ru.example')).body).toMatchObject({ locale: 'ru' });
  });

  it('changes only what is given, the rest stays', async () => {
    const res = await patch({ chatLanguage: 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ chatLanguage: 'en', name: 'Shop RU' });
    const off = await patch({ chatLanguage: 'ru', workingHours: { always: true, intervals: WEEKDAYS } });
    // "Always" keeps the drawn hours for when it is switched off again.
    expect(off.body).toMatchObject({ chatLanguage: 'ru', workingHours: { always: true, intervals: WEEKDAYS } });
  });

  describe('refuses bad input with a message per field, and changes nothing', () => {
    const bad: [string, unknown, string, RegExp][] = [
      ['a language the widget does not speak', { chatLanguage: 'de' }, 'chatLanguage', /ru \(Russian\) or en \(English\)/],
      ['overlapping hours', { workingHours: { always: false, intervals: [{ day: 1, from: '09:00', to: '13:00' }, { day: 1, from: '12:00', to: '18:00' }] } }, 'workingHours.intervals.1', /Monday: 09:00–13:00 and 12:00–18:00 overlap/],
      ['a time that is no time', { workingHours: { always: false, intervals: [{ day: 1, from: '9', to: '18:00' }] } }, 'workingHours.intervals.0.from', /HH:MM/],
      ['"by the hours" without hours', { workingHours: { always: false, intervals: [] } }, 'workingHours.intervals', /at least one working period/],
      // The chat's settings are no longer the site record's: PUT /api/plugins/chat/settings/sites/:id takes them.
      ['the chat\'s offline form', { name: 'Renamed', offlineForm: { enabled: true, emails: ['ok@shop.example'] } }, '(body)', /offlineForm/],
      ['the chat\'s notifications', { notifications: { visitor: false } }, '(body)', /notifications/],
      ['an empty name', { name: '   ' }, 'name', /Enter a name/],
      ['an address that is no web address', { url: 'javascript:alert(1)' }, 'url', /site address/],
      ['an unknown setting', { colour: 'red' }, '(body)', /colour/],
      ['nothing to change', {}, '(body)', /at least one setting/],
    ];
    it.each(bad)('%s', async (_what, body, field, message) => {
      const before = await cmsClient().sites.get(site.id);
      const res = await patch(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
      const fields = res.body.error.fields ?? {};
      const text = fields[field] ?? (field === '(body)' ? res.body.error.message : undefined);
      expect(text, JSON.stringify(res.body.error)).toMatch(message);
      expect(await cmsClient().sites.get(site.id)).toEqual(before);
    });
  });

  it("another account's site is not found, whatever the body; nothing changes", async () => {
    const before = await get();
    for (const body of [{ name: 'Hijacked' }, { chatLanguage: 'de' }]) {
      const res = await patch(body, tokens.otherAdmin);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await core.api.call('GET', `/api/sites/${site.id}`, { token: tokens.otherAdmin })).status).toBe(404);
    expect((await patch({ name: 'Ghost' }, tokens.admin, 'no-such-site')).status).toBe(404);
    expect(await get()).toEqual(before);
  });

  it('operators and strangers may not change them', async () => {
    const before = await get();
    const asOperator = await patch({ name: 'Mine now' }, tokens.operator);
    expect(asOperator.status).toBe(403);
    expect(asOperator.body.error.message).toMatch(/administrator/);
    expect((await core.api.call('PATCH', `/api/sites/${site.id}`, { body: { name: 'Anyone' } })).status).toBe(401);
    expect(await get()).toEqual(before);
  });
});
