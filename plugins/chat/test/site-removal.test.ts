import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { MessageDto } from '../shared/chat.protocol.js';
import { connectChat } from './chat-client.js';
import { ChatFixture } from './chat-fixture.js';

// Issue 9, item 13: a deleted site takes its chat along, and its open widgets stop.
const SITE = 'https://removed-shop.example';
const KEPT = 'https://kept-removal-shop.example';

let core: TestCore;
let chat: ChatFixture;
let acc: SeededAccount;
let adminToken: string;

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  chat = new ChatFixture(core, SITE);
  acc = await seedAccount(core);
  adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

const db = () => core.db as Kysely<Record<string, Record<string, unknown>>>;
async function rowsOf(siteId: string): Promise<Record<string, number>> {
  const count = async (query: string) => Number((await sql<{ n: number | string }>`${sql.raw(query)}`.execute(db())).rows[0]!.n);
  const where = `site_id = '${siteId}'`;
  return {
    visitors: await count(`select count(*) as n from chat_visitors where ${where}`),
    pageViews: await count(`select count(*) as n from chat_page_views where visitor_id in (select id from chat_visitors where ${where})`),
    dialogs: await count(`select count(*) as n from chat_dialogs where ${where}`),
    messages: await count(`select count(*) as n from chat_messages where dialog_id in (select id from chat_dialogs where ${where})`),
    files: await count(`select count(*) as n from chat_attachments where ${where}`),
  };
}

describe('deleting a site (issue 9, item 13)', () => {
  it('drops its open widgets, refuses them again and removes its visitors, dialogs and messages; other sites keep theirs', async () => {
    const key = await chat.addSite(adminToken, 'Removed shop');
    const keptKey = await chat.addSite(adminToken, 'Kept shop', KEPT);
    const sites = (await core.api.call<{ id: string; publicKey: string }[]>('GET', '/api/sites', { token: adminToken })).body;
    const siteId = sites.find((s) => s.publicKey === key)!.id;
    const keptId = sites.find((s) => s.publicKey === keptKey)!.id;

    const session = await core.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey: key }, headers: { origin: SITE } });
    const widget = await connectChat(core.url, session.body.visitorToken, SITE);
    chat.opened.push(widget);
    await widget.call('visitor.hello', { page: { url: `${SITE}/`, title: 'Shop', referrer: '' }, activity: 'active' });
    await widget.call<MessageDto>('message.send', { clientId: crypto.randomUUID(), text: 'Is the kettle in stock?' });
    const kept = await chat.visitor(keptKey);
    await kept.socket.call<MessageDto>('message.send', { clientId: crypto.randomUUID(), text: 'Hello from the other shop' });
    expect(await rowsOf(siteId)).toMatchObject({ visitors: 1, dialogs: 1, messages: 1 });
    const keptBefore = await rowsOf(keptId);

    const dropped = new Promise((resolve) => widget.socket.once('disconnect', resolve));
    expect((await core.api.call('DELETE', `/api/sites/${siteId}`, { token: adminToken })).status).toBe(204);
    await expect(dropped).resolves.toBe('io server disconnect');
    // The address is no site's any more: the upgrade itself is refused (allowRequest), before auth.
    await expect(connectChat(core.url, session.body.visitorToken, SITE)).rejects.toThrow('websocket error');

    await expect.poll(() => rowsOf(siteId)).toEqual({ visitors: 0, pageViews: 0, dialogs: 0, messages: 0, files: 0 });
    expect(await rowsOf(keptId)).toEqual(keptBefore);
    expect(kept.socket.socket.connected).toBe(true);
  });
});
