import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { DEFAULT_OPERATOR_PREFERENCES, type OperatorPreferencesDto } from '../shared/chat.protocol.js';
import type { ChatTables } from '../server/chat.tables.js';
import type { TestSocket } from './chat-client.js';
import { ChatFixture } from './chat-fixture.js';

let core: TestCore;
let chat: ChatFixture;
let acc: SeededAccount;
let other: SeededAccount;
let colleague: { email: string; password: string };

const refusal = (code: string) => ({ ok: false, error: { code } });
const prefs = (socket: TestSocket) => socket.call<OperatorPreferencesDto>('preferences.get', {});
const quietly: OperatorPreferencesDto['notify'] = { visitor: false, dialog: true, message: true, sound: false };

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  chat = new ChatFixture(core, 'https://prefs-shop.example');
  acc = await seedAccount(core);
  other = await seedAccount(core, 'Other');
  colleague = await seedUser(core, acc.accountId, { firstName: 'Kira', lastName: 'Colleague' });
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

describe('operator preferences (C17 quick buttons, C20 notifications)', () => {
  it('an operator who never saved anything has the defaults', async () => {
    const op = await chat.operator(acc.operator);
    expect(await prefs(op)).toEqual(DEFAULT_OPERATOR_PREFERENCES);
  });

  it('saves the quick bar; the operator\'s other panels are told, the saving one and colleagues are not', async () => {
    const tab = await chat.operator(acc.operator);
    const otherBrowser = await chat.operator(acc.operator);
    const kira = await chat.operator(colleague);
    const told = otherBrowser.next<OperatorPreferencesDto>('preferences.changed');
    const saved = await tab.call<OperatorPreferencesDto>('preferences.save', { quickActions: ['block', 'transfer', 'rating'] });
    expect(saved).toEqual({ quickActions: ['block', 'transfer', 'rating'], notify: DEFAULT_OPERATOR_PREFERENCES.notify, pluginNotify: {} });
    expect(await told).toEqual(saved);
    expect(await prefs(otherBrowser)).toEqual(saved);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tab.received.get('preferences.changed')).toBeUndefined();
    expect(kira.received.get('preferences.changed')).toBeUndefined();
    expect(await prefs(kira)).toEqual(DEFAULT_OPERATOR_PREFERENCES);
    // An empty quick bar is a choice too: everything goes to the "more" menu.
    expect((await tab.call<OperatorPreferencesDto>('preferences.save', { quickActions: [] })).quickActions).toEqual([]);
    await tab.call('preferences.save', { quickActions: ['block', 'transfer', 'rating'] });
  });

  it('saving one field keeps the other, also when two panels save different fields at once', async () => {
    const [a, b] = [await chat.operator(acc.operator), await chat.operator(acc.operator)];
    await Promise.all([
      a.call('preferences.save', { notify: quietly }),
      b.call('preferences.save', { quickActions: ['rename', 'block', 'transfer', 'rating'] }),
    ]);
    expect(await prefs(a)).toEqual({ quickActions: ['rename', 'block', 'transfer', 'rating'], notify: quietly, pluginNotify: {} });
  });

  it('survives a reconnect: a new connection (another browser, a reload) gets what was saved', async () => {
    const before = await chat.operator(acc.operator);
    const saved = await prefs(before);
    before.close();
    const after = await chat.operator(acc.operator);
    expect(await prefs(after)).toEqual(saved);
    expect(saved.notify).toEqual(quietly);
  });

  it('refuses unknown or repeated action ids, bad switches and fields naming anyone — and changes nothing', async () => {
    const op = await chat.operator(acc.operator);
    const before = await prefs(op);
    const bad: unknown[] = [
      { quickActions: ['transfer', 'call'] },
      // Closing is a main button, not a pinnable one.
      { quickActions: ['close'] },
      { quickActions: ['transfer', 'transfer'] },
      { quickActions: ['transfer', 'important', 'rating', 'transcript', 'rename', 'block', 'transfer'] },
      { quickActions: 'transfer' },
      { notify: { visitor: true, dialog: true, message: true } },
      { notify: { ...quietly, sound: 'yes' } },
      { notify: { ...quietly, popup: true } },
      { pluginNotify: { Goals: false } },
      { pluginNotify: { 'goals.': false } },
      { pluginNotify: { goals: 'off' } },
      { pluginNotify: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`p${i}`, false])) },
      { pluginNotify: [false] },
      {},
      { quickActions: ['transfer'], userId: acc.admin.id },
      { quickActions: ['transfer'], accountId: other.accountId },
      null,
    ];
    for (const payload of bad) {
      expect(await op.raw('preferences.save', payload), JSON.stringify(payload)).toMatchObject(refusal('validation_failed'));
    }
    const unknown = await op.raw('preferences.save', { quickActions: ['transfer', 'call'] });
    expect(unknown).toMatchObject({ ok: false, error: { message: expect.stringContaining('quickActions.1') } });
    // There is no way to read another operator's settings either.
    expect(await op.raw('preferences.get', { userId: acc.admin.id })).toMatchObject(refusal('validation_failed'));
    expect(await prefs(op)).toEqual(before);
  });

  it('belong to one operator in one account: an admin, and another account, see their own', async () => {
    const op = await chat.operator(acc.operator);
    const admin = await chat.operator(acc.admin);
    const stranger = await chat.operator(other.operator);
    const mine = await prefs(op);
    expect(mine.quickActions).toEqual(['rename', 'block', 'transfer', 'rating']);
    expect(await prefs(admin)).toEqual(DEFAULT_OPERATOR_PREFERENCES);
    await stranger.call('preferences.save', { quickActions: ['transcript'] });
    expect(await prefs(stranger)).toMatchObject({ quickActions: ['transcript'] });
    expect(await prefs(op)).toEqual(mine);
  });

  it("pins other plugins' toolbar actions by their `<pluginId>.<actionId>`, kept while that plugin is off", async () => {
    const op = await chat.operator(other.operator);
    const saved = await op.call<OperatorPreferencesDto>('preferences.save', { quickActions: ['goals.mark', 'transfer', 'calls.ring-back'] });
    expect(saved.quickActions).toEqual(['goals.mark', 'transfer', 'calls.ring-back']);
    expect((await prefs(op)).quickActions).toEqual(['goals.mark', 'transfer', 'calls.ring-back']);
    for (const bad of ['goals.', '.mark', 'Goals.mark', 'goals.mark.more', 'goals.mark goals.x']) {
      expect(await op.raw('preferences.save', { quickActions: [bad] })).toMatchObject({ ok: false });
    }
    expect(await op.raw('preferences.save', { quickActions: ['goals.mark', 'goals.mark'] })).toMatchObject({ ok: false });
  });

  it("keeps the switches of other plugins' notification kinds (goals' «Цели») per operator, like the chat's own", async () => {
    const tab = await chat.operator(acc.admin);
    const otherBrowser = await chat.operator(acc.admin);
    const told = otherBrowser.next<OperatorPreferencesDto>('preferences.changed');
    const saved = await tab.call<OperatorPreferencesDto>('preferences.save', { pluginNotify: { goals: false, 'calls.missed': true } });
    expect(saved.pluginNotify).toEqual({ goals: false, 'calls.missed': true });
    expect(saved.notify).toEqual(DEFAULT_OPERATOR_PREFERENCES.notify);
    expect((await told).pluginNotify).toEqual({ goals: false, 'calls.missed': true });
    tab.close();
    // Another browser (a new connection) starts with them; a colleague and another account do not.
    const later = await chat.operator(acc.admin);
    expect((await prefs(later)).pluginNotify).toEqual({ goals: false, 'calls.missed': true });
    expect((await prefs(await chat.operator(colleague))).pluginNotify).toEqual({});
    expect((await prefs(await chat.operator(other.admin))).pluginNotify).toEqual({});
    // Saving the chat's switches keeps the plugins' ones.
    await later.call('preferences.save', { notify: quietly });
    expect((await prefs(later)).pluginNotify).toEqual({ goals: false, 'calls.missed': true });
  });

  it('reads stored settings of another version leniently: an action since removed is skipped, a new switch takes its default, a bad kind id is skipped', async () => {
    const db = core.db as unknown as Kysely<ChatTables>;
    await db
      .updateTable('chat_operator_preferences')
      .set({ quick_actions: JSON.stringify(['cobrowse', 'block']), notify: JSON.stringify({ visitor: false, vibrate: true }), plugin_notify: JSON.stringify({ goals: false, 'Not a kind': true }) })
      .where('account_id', '=', other.accountId)
      .where('user_id', '=', other.operator.id)
      .execute();
    const stranger = await chat.operator(other.operator);
    expect(await prefs(stranger)).toEqual({ quickActions: ['block'], notify: { ...DEFAULT_OPERATOR_PREFERENCES.notify, visitor: false }, pluginNotify: { goals: false } });
  });
});
