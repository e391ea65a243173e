import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedUser, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { ChatTables } from '../server/chat.tables.js';
import type { MessageDto, QuickReplyDto, TemplateDto } from '../shared/chat.protocol.js';
import type { TestSocket } from './chat-client.js';
import { ChatFixture } from './chat-fixture.js';

let core: TestCore;
let chat: ChatFixture;
let acc: SeededAccount;
let other: SeededAccount;
let op: TestSocket;
let admin: TestSocket;
let stranger: TestSocket;
let strangerAdmin: TestSocket;
let colleague: TestSocket;
let visitorMessage: MessageDto;
let operatorMessage: MessageDto;

const cid = () => crypto.randomUUID();
const texts = async (socket: TestSocket) => (await socket.call<QuickReplyDto[]>('replies.list', {})).map((r) => r.text);
const refusal = (code: string) => ({ ok: false, error: { code } });

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {} } });
  chat = new ChatFixture(core, 'https://replies-shop.example');
  acc = await seedAccount(core);
  other = await seedAccount(core, 'Other');
  const adminToken = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  const siteKey = await chat.addSite(adminToken, 'Replies shop');
  op = await chat.operator(acc.operator);
  admin = await chat.operator(acc.admin);
  stranger = await chat.operator(other.operator);
  strangerAdmin = await chat.operator(other.admin);
  colleague = await chat.operator(await seedUser(core, acc.accountId, { firstName: 'Kira', lastName: 'Colleague' }));
  const visitor = await chat.visitor(siteKey);
  visitorMessage = await visitor.socket.call<MessageDto>('message.send', { clientId: cid(), text: '  How much is delivery?  ' });
  operatorMessage = await op.call<MessageDto>('message.send', { dialogId: visitorMessage.dialogId, clientId: cid(), text: 'Delivery is free from 3 000 ₽' });
});
afterAll(async () => {
  chat?.closeAll();
  await core?.stop();
});

describe('quick replies (C11)', () => {
  let hello: QuickReplyDto;

  it('creates a reply once per text and lists the operator\'s own, most used first', async () => {
    hello = await op.call<QuickReplyDto>('replies.create', { text: '  Hello! How can I help?  ' });
    expect(hello).toMatchObject({ text: 'Hello! How can I help?', uses: 0 });
    expect((await op.call<QuickReplyDto>('replies.create', { text: 'Hello! How can I help?' })).id).toBe(hello.id);
    await new Promise((r) => setTimeout(r, 5)); // "newest first" among equals needs distinct times
    const thanks = await op.call<QuickReplyDto>('replies.create', { text: 'Thank you for waiting' });
    expect(await texts(op)).toEqual(['Thank you for waiting', 'Hello! How can I help?']);
    expect(await op.call<QuickReplyDto>('replies.use', { id: hello.id })).toMatchObject({ id: hello.id, uses: 1 });
    expect(await texts(op)).toEqual(['Hello! How can I help?', 'Thank you for waiting']);
    await op.call('replies.use', { id: thanks.id });
    await op.call('replies.use', { id: thanks.id });
    expect((await op.call<QuickReplyDto[]>('replies.list', {})).map((r) => [r.text, r.uses])).toEqual([
      ['Thank you for waiting', 2],
      ['Hello! How can I help?', 1],
    ]);
    expect(await admin.call('replies.list', {})).toEqual([]);
  });

  it('stars a sent message — the operator\'s or the visitor\'s — once per text', async () => {
    const starred = await op.call<QuickReplyDto>('replies.star', { messageId: operatorMessage.id });
    expect(starred).toMatchObject({ text: 'Delivery is free from 3 000 ₽', uses: 0 });
    expect((await op.call<QuickReplyDto>('replies.star', { messageId: operatorMessage.id })).id).toBe(starred.id);
    expect((await op.call<QuickReplyDto>('replies.star', { messageId: visitorMessage.id })).text).toBe('How much is delivery?');
    // Another operator's star is theirs alone.
    expect((await admin.call<QuickReplyDto>('replies.star', { messageId: operatorMessage.id })).id).not.toBe(starred.id);
    expect(await texts(admin)).toEqual(['Delivery is free from 3 000 ₽']);
  });

  it('refuses empty and too long texts, unknown ids and a message too long to be a reply', async () => {
    const before = await texts(op);
    expect(await op.raw('replies.create', { text: '   ' })).toMatchObject(refusal('validation_failed'));
    expect(await op.raw('replies.create', { text: 'x'.repeat(2001) })).toMatchObject(refusal('validation_failed'));
    expect(await op.raw('replies.create', {})).toMatchObject(refusal('validation_failed'));
    expect(await op.raw('replies.use', { id: 'no-such-reply' })).toMatchObject(refusal('not_found'));
    expect(await op.raw('replies.star', { messageId: 'no-such-message' })).toMatchObject(refusal('not_found'));
    const long = await op.call<MessageDto>('message.send', { dialogId: visitorMessage.dialogId, clientId: cid(), text: 'y'.repeat(2001) });
    expect(await op.raw('replies.star', { messageId: long.id })).toMatchObject({ ok: false, error: { code: 'too_long', message: 'A quick reply is at most 2000 characters' } });
    expect(await texts(op)).toEqual(before);
    // The longest allowed text, in Cyrillic (4000 bytes), is stored and found again.
    const longest = await op.call<QuickReplyDto>('replies.create', { text: 'ж'.repeat(2000) });
    expect((await op.call<QuickReplyDto>('replies.create', { text: 'ж'.repeat(2000) })).id).toBe(longest.id);
  });

  it('edits a reply\'s text, keeping its uses; refuses a text another reply of theirs has and bad texts', async () => {
    const [first, second] = await op.call<QuickReplyDto[]>('replies.list', {});
    const edited = await op.call<QuickReplyDto>('replies.update', { id: first!.id, text: '  Thanks for waiting, all done!  ' });
    expect(edited).toEqual({ ...first, text: 'Thanks for waiting, all done!' });
    expect((await op.call<QuickReplyDto[]>('replies.list', {})).find((r) => r.id === first!.id)).toEqual(edited);
    // Saving the same text again is no clash with itself.
    expect((await op.call<QuickReplyDto>('replies.update', { id: first!.id, text: 'Thanks for waiting, all done!' })).id).toBe(first!.id);
    expect(await op.raw('replies.update', { id: first!.id, text: second!.text })).toMatchObject({
      ok: false,
      error: { code: 'reply_exists', message: 'You already have a quick reply with this text' },
    });
    for (const bad of [{ id: first!.id, text: ' ' }, { id: first!.id, text: 'x'.repeat(2001) }, { id: first!.id }, { text: 'No id' }]) {
      expect(await op.raw('replies.update', bad), JSON.stringify(bad).slice(0, 60)).toMatchObject(refusal('validation_failed'));
    }
    expect(await op.raw('replies.update', { id: 'no-such-reply', text: 'Ghost' })).toMatchObject(refusal('not_found'));
    expect((await op.call<QuickReplyDto[]>('replies.list', {})).find((r) => r.id === first!.id)?.text).toBe('Thanks for waiting, all done!');
  });

  it('deletes a reply', async () => {
    await op.call('replies.delete', { id: hello.id });
    expect(await texts(op)).not.toContain('Hello! How can I help?');
    expect(await op.raw('replies.delete', { id: hello.id })).toMatchObject(refusal('not_found'));
  });

  it('an operator — of this account or another — cannot use, delete or star what is not theirs', async () => {
    const mine = (await op.call<QuickReplyDto[]>('replies.list', {}))[0]!;
    for (const socket of [admin, stranger]) {
      expect(await socket.raw('replies.use', { id: mine.id })).toMatchObject(refusal('not_found'));
      expect(await socket.raw('replies.update', { id: mine.id, text: 'Hijacked' })).toMatchObject(refusal('not_found'));
      expect(await socket.raw('replies.delete', { id: mine.id })).toMatchObject(refusal('not_found'));
    }
    expect((await op.call<QuickReplyDto[]>('replies.list', {})).find((r) => r.id === mine.id)?.text).toBe(mine.text);
    expect(await stranger.raw('replies.star', { messageId: operatorMessage.id })).toMatchObject(refusal('not_found'));
    expect(await stranger.call('replies.list', {})).toEqual([]);
    expect((await op.call<QuickReplyDto[]>('replies.list', {})).find((r) => r.id === mine.id)?.uses).toBe(mine.uses);
  });
});

describe('templates (C12)', () => {
  let payment: TemplateDto;

  it('an admin saves a template; every operator of the account is told, no one else', async () => {
    const told = op.next<TemplateDto[]>('templates.changed');
    payment = await admin.call<TemplateDto>('templates.save', { name: 'Payment reminder', text: 'Please pay invoice <b>#12</b>' });
    expect(payment).toMatchObject({ name: 'Payment reminder', text: 'Please pay invoice <b>#12</b>', updatedAt: expect.any(String), authorId: acc.admin.id });
    expect(await told).toEqual([payment]);
    expect(await op.call('templates.list', {})).toEqual([payment]);
    expect(await stranger.call('templates.list', {})).toEqual([]);
    expect(stranger.received.get('templates.changed')).toBeUndefined();
  });

  it('updates by id and lists by name', async () => {
    const greeting = await admin.call<TemplateDto>('templates.save', { name: 'greeting', text: 'Hello!' });
    const renamed = await admin.call<TemplateDto>('templates.save', { id: payment.id, name: 'Payment', text: 'Please pay' });
    expect(renamed).toMatchObject({ id: payment.id, name: 'Payment', text: 'Please pay' });
    expect((await op.call<TemplateDto[]>('templates.list', {})).map((t) => t.name)).toEqual(['greeting', 'Payment']);
    payment = renamed;
    expect(greeting.id).not.toBe(payment.id);
  });

  it('any operator writes templates for everyone; only the author or an admin changes or deletes one', async () => {
    const told = admin.next<TemplateDto[]>('templates.changed', (list) => list.some((t) => t.name === 'Opening hours'));
    const hours = await op.call<TemplateDto>('templates.save', { name: 'Opening hours', text: 'We work 9:00–21:00' });
    expect(hours).toMatchObject({ name: 'Opening hours', authorId: acc.operator.id });
    expect((await told).find((t) => t.id === hours.id)).toEqual(hours);
    expect(await op.call<TemplateDto>('templates.save', { id: hours.id, name: 'Opening hours', text: 'We work 9:00–22:00' })).toMatchObject({ text: 'We work 9:00–22:00' });
    // A colleague may use it but not rewrite or delete it.
    const forbidden = { ok: false, error: { code: 'forbidden', message: 'Only the author of this template or an account administrator can change it' } };
    expect(await colleague.raw('templates.save', { id: hours.id, name: 'Closed', text: 'x' })).toMatchObject(forbidden);
    expect(await colleague.raw('templates.delete', { id: hours.id })).toMatchObject(forbidden);
    expect(await op.raw('templates.save', { id: payment.id, name: 'Payment', text: 'Mine now' })).toMatchObject(forbidden);
    expect(await op.raw('templates.delete', { id: payment.id })).toMatchObject(forbidden);
    expect((await colleague.call<TemplateDto[]>('templates.list', {})).find((t) => t.id === hours.id)?.text).toBe('We work 9:00–22:00');
    // An admin curates everyone's; the author stays who wrote it.
    expect(await admin.call<TemplateDto>('templates.save', { id: hours.id, name: 'Opening hours', text: 'We work 9:00–20:00' })).toMatchObject({ authorId: acc.operator.id });
    await admin.call('templates.delete', { id: hours.id });
    expect((await op.call<TemplateDto[]>('templates.list', {})).map((t) => t.name)).toEqual(['greeting', 'Payment']);
  });

  it('a template from before authors were kept is changed by admins only', async () => {
    const db = core.db as unknown as Kysely<ChatTables>;
    const now = Date.now();
    await db
      .insertInto('chat_templates')
      .values({ id: 'tpl-legacy', account_id: acc.accountId, name: 'Legacy', name_key: 'legacy', text: 'Old text', created_at: now, updated_at: now, created_by: null })
      .execute();
    expect((await op.call<TemplateDto[]>('templates.list', {})).find((t) => t.id === 'tpl-legacy')).toMatchObject({ authorId: null });
    expect(await op.raw('templates.save', { id: 'tpl-legacy', name: 'Legacy', text: 'Mine' })).toMatchObject(refusal('forbidden'));
    expect(await op.raw('templates.delete', { id: 'tpl-legacy' })).toMatchObject(refusal('forbidden'));
    expect(await admin.call<TemplateDto>('templates.save', { id: 'tpl-legacy', name: 'Legacy', text: 'New text' })).toMatchObject({ text: 'New text', authorId: null });
    await admin.call('templates.delete', { id: 'tpl-legacy' });
  });

  it('refuses bad names and texts, and a name taken in any case', async () => {
    for (const bad of [{ name: '', text: 'x' }, { name: 'x'.repeat(101), text: 'x' }, { name: 'Empty', text: '  ' }, { name: 'Huge', text: 'x'.repeat(5001) }, { name: 'No text' }]) {
      expect(await admin.raw('templates.save', bad), JSON.stringify(bad).slice(0, 60)).toMatchObject(refusal('validation_failed'));
    }
    expect(await admin.raw('templates.save', { name: 'PAYMENT', text: 'again' })).toMatchObject({ ok: false, error: { code: 'name_taken' } });
    expect(await admin.raw('templates.save', { id: payment.id, name: 'Greeting', text: 'clash' })).toMatchObject(refusal('name_taken'));
    expect(await admin.raw('templates.save', { id: 'no-such-template', name: 'Ghost', text: 'x' })).toMatchObject(refusal('not_found'));
    expect((await op.call<TemplateDto[]>('templates.list', {})).map((t) => [t.name, t.text])).toEqual([
      ['greeting', 'Hello!'],
      ['Payment', 'Please pay'],
    ]);
    // Names are unique per account, not across accounts.
    expect(await strangerAdmin.call<TemplateDto>('templates.save', { name: 'Payment', text: 'Theirs' })).toMatchObject({ name: 'Payment' });
  });

  it('an admin of another account can neither change nor delete this account\'s templates', async () => {
    expect(await strangerAdmin.raw('templates.save', { id: payment.id, name: 'Hijacked', text: 'x' })).toMatchObject(refusal('not_found'));
    expect(await strangerAdmin.raw('templates.delete', { id: payment.id })).toMatchObject(refusal('not_found'));
    expect((await op.call<TemplateDto[]>('templates.list', {})).find((t) => t.id === payment.id)?.name).toBe('Payment');
  });

  it('an admin deletes a template and operators are told', async () => {
    const told = op.next<TemplateDto[]>('templates.changed', (list) => !list.some((t) => t.id === payment.id));
    await admin.call('templates.delete', { id: payment.id });
    expect((await told).map((t) => t.name)).toEqual(['greeting']);
    expect(await admin.raw('templates.delete', { id: payment.id })).toMatchObject(refusal('not_found'));
  });
});
