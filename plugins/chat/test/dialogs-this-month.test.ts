import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientView } from '../../../core/src/agency/clients.contract.js';
import { seedAgency, seedUser, startTestCore, type TestCore } from '../../../core/test/support/harness.js';
import type { MessageDto } from '../shared/chat.protocol.js';
import type { ChatTables } from '../server/chat.tables.js';
import { ChatFixture } from './chat-fixture.js';

/** «Диалогов за месяц» (issue 15): the chat's figure in the agency's client list, by the client's own month. */
let core: TestCore;
let chat: ChatFixture;
let ours: Awaited<ReturnType<typeof seedAgency>>;
let theirs: Awaited<ReturnType<typeof seedAgency>>;
let staffToken: string;
let siteKey: string;

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  chat = new ChatFixture(core, 'https://month-shop.example');
  ours = await seedAgency(core, 'Month agency');
  theirs = await seedAgency(core, 'Other month agency');
  const admin = await seedUser(core, ours.clientId, { firstName: 'Anna', lastName: 'Admin', role: 'account-admin' });
  siteKey = await chat.addSite((await core.api.login(admin.email, admin.password)).accessToken, 'Month shop');
  staffToken = (await core.api.login(ours.staff.email, ours.staff.password)).accessToken;
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

const figureOf = async (token: string, clientId: string) => {
  const list = await core.api.call<ClientView[]>('GET', '/api/agency/clients', { token });
  expect(list.status).toBe(200);
  return list.body.find((c) => c.id === clientId)?.figures;
};

describe('dialogs this month in the agency\'s client list', () => {
  it('counts the dialogs opened since the first of the month, in the client\'s time zone; another agency sees none of it', async () => {
    expect(await figureOf(staffToken, ours.clientId)).toEqual([{ id: 'chat.dialogsThisMonth', title: { ru: 'Диалогов за месяц', en: 'Dialogs this month' }, value: 0 }]);
    const opened: string[] = [];
    for (const text of ['First', 'Second', 'Third']) {
      const v = await chat.visitor(siteKey);
      opened.push((await v.socket.call<MessageDto>('message.send', { clientId: crypto.randomUUID(), text })).dialogId);
    }
    expect((await figureOf(staffToken, ours.clientId))?.[0]?.value).toBe(3);

    // The month begins at midnight of the 1st where the client is: Moscow (UTC+3 all year), not UTC.
    expect(core.content.account(ours.clientId)?.timezone).toBe('Europe/Moscow');
    const moscow = new Date(Date.now() + 3 * 3600_000);
    const monthStart = Date.UTC(moscow.getUTCFullYear(), moscow.getUTCMonth(), 1) - 3 * 3600_000;
    const openedAt = (dialogId: string, at: number) => (core.db as Kysely<ChatTables>).updateTable('chat_dialogs').set({ created_at: at }).where('id', '=', dialogId).execute();
    await openedAt(opened[0]!, monthStart - 15 * 24 * 3600_000);
    await openedAt(opened[1]!, monthStart + 3600_000); // this month in Moscow, the last one by UTC
    await openedAt(opened[2]!, monthStart - 3600_000);
    expect((await figureOf(staffToken, ours.clientId))?.[0]?.value).toBe(1);

    // Another agency's staff do not list our client at all.
    const theirToken = (await core.api.login(theirs.staff.email, theirs.staff.password)).accessToken;
    expect(await figureOf(theirToken, ours.clientId)).toBeUndefined();
  });
});
