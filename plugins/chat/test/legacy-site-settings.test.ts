import { afterEach, describe, expect, it } from 'vitest';
import type { SiteView } from '../../../core/src/sites/site-settings.contract.js';
import { cmsClient, seedAccount, startTestCore, type TestCore } from '../../../core/test/support/harness.js';
import type { ChatSiteSettings } from '../shared/chat-site-settings.js';

/**
 * Installations from before issue 10 kept the chat's offline form (H6) and notification switches
 * (C20) on the core's site record. The chat moves them into its own plugin-setting records when it
 * starts, once: nothing is lost, and what an admin saves afterwards is never overwritten.
 */
let cores: TestCore[] = [];
const stopAll = async () => {
  for (const core of cores) await core.stop();
  cores = [];
};
afterEach(stopAll);
const start = async (plugins: Parameters<typeof startTestCore>[0] = {}) => {
  const core = await startTestCore(plugins);
  cores.push(core);
  return core;
};

describe('legacy chat site settings (H6, C20) move to the chat plugin settings', () => {
  it('once at chat start, for sites whose record says more than the defaults', async () => {
    // An installation as it was: sites saved with the chat's fields on the site record.
    const before = await start();
    const acc = await seedAccount(before);
    const token = (await before.api.login(acc.admin.email, acc.admin.password)).accessToken;
    const create = async (name: string, url: string) => (await before.api.call<SiteView>('POST', '/api/sites', { token, body: { name, url } })).body;
    const shop = await create('Legacy shop', 'https://legacy-shop.example');
    const plain = await create('Legacy plain', 'https://legacy-plain.example');
    const legacy = { offlineEmails: ['sales@legacy-shop.example', 'not an address', 'boss@legacy-shop.example'], offlineEmailsEnabled: false, notifications: { visitor: false, message: true } };
    await cmsClient().sites.update(shop.id, legacy as never);
    await stopAll();

    const core = await start({ plugins: { chat: {} } });
    const token2 = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
    const read = async (id: string) => (await core.api.call<{ value: ChatSiteSettings }>('GET', `/api/plugins/chat/settings/sites/${id}`, { token: token2 })).body.value;
    const moved: ChatSiteSettings = {
      offlineForm: { enabled: false, emails: ['sales@legacy-shop.example', 'boss@legacy-shop.example'] },
      notifications: { visitor: false, dialog: true, message: true },
    };
    expect(await read(shop.id)).toEqual(moved);
    const records = async (id: string) => cmsClient().pluginSettings.list({ filters: { site: { documentId: { $eq: id } }, pluginId: { $eq: 'chat' } } });
    // (Another test file's core starting at the same moment may have moved it too: the same value.)
    const stored = await records(shop.id);
    expect(stored.length).toBeGreaterThan(0);
    for (const r of stored) expect(r.value).toEqual(moved);
    // A site with nothing but the defaults needs no record: it reads the same without one.
    expect(await records(plain.id)).toEqual([]);
    expect(await read(plain.id)).toEqual({ offlineForm: { enabled: true, emails: [] }, notifications: { visitor: true, dialog: true, message: true } });

    // The admin changes them; the next start does not bring the legacy values back.
    const changed = { offlineForm: { enabled: true, emails: ['new@legacy-shop.example'] }, notifications: { visitor: true, dialog: true, message: false } };
    expect((await core.api.call('PUT', `/api/plugins/chat/settings/sites/${shop.id}`, { token: token2, body: { value: changed } })).status).toBe(200);
    const count = (await records(shop.id)).length;
    await stopAll();
    const again = await start({ plugins: { chat: {} } });
    const token3 = (await again.api.login(acc.admin.email, acc.admin.password)).accessToken;
    expect((await again.api.call<{ value: ChatSiteSettings }>('GET', `/api/plugins/chat/settings/sites/${shop.id}`, { token: token3 })).body.value).toEqual(changed);
    expect(await records(shop.id)).toHaveLength(count);
  });
});
