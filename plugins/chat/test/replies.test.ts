import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
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

  it('deletes a reply', async () => {
    await op.call('replies.delete', { id: hello.id });
    expect(await texts(op)).not.toContain('Hello! How can I help?');
    expect(await op.raw('replies.delete', { id: hello.id })).toMatchObject(refusal('not_found'));
  });

  it('an operator — of this account or another — cannot use, delete or star what is not theirs', async () => {
    const mine = (await op.call<QuickReplyDto[]>('replies.list', {}))[0]!;
    for (const socket of [admin, stranger]) {
      expect(await socket.raw('replies.use', { id: mine.id })).toMatchObject(refusal('not_found'));
      expect(await socket.raw('replies.delete', { id: mine.id })).toMatchObject(refusal('not_found'));
    }
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
    expect(payment).toMatchObject({ name: 'Payment reminder', text: 'Please pay invoice <b>#12</b>', updatedAt: expect.any(String) });
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

  it('refuses operators, bad names and texts, and a name taken in any case', async () => {
    expect(await op.raw('templates.save', { name: 'Mine', text: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden', message: 'Only an account administrator can change templates' } });
    expect(await op.raw('templates.delete', { id: payment.id })).toMatchObject(refusal('forbidden'));
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
