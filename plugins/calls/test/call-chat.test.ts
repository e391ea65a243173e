import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import { connectSocket, type TestSocket } from '../../chat/test/chat-client.js';
import type { MessageDto } from '../../chat/shared/chat.protocol.js';
import type { CallChatMessage, CallDto, CallHandover, CallJoin } from '../shared/calls.protocol.js';
import { CALLS, CallsFixture, PANEL, type Operator, type Visitor } from './calls-fixture.js';

/**
 * D4, the call window's chat: the call's dialog read and written over `/calls` (the phone after a
 * hand-over has no `/chat`), relayed through the chat's service; the dialog's new messages reach
 * the operators' legs live. Refused: anyone but the call's operator, another account, another
 * dialog (a phone's grant names its call only), a call not under way, an empty or too long text,
 * a flood.
 */

const MESSAGES_PER_MINUTE = 4;
let core: TestCore;
let fx: CallsFixture;
let acc: SeededAccount;
let siteKey: string;
let oleg: Operator;
let anna: Operator;
let stranger: Operator;

const code = async (ack: Promise<{ ok: boolean; error?: { code: string } }>) => {
  const a = await ack;
  return a.ok ? 'accepted' : a.error!.code;
};
const send = (socket: TestSocket, callId: string, text: string) => socket.raw('call.message.send', { callId, clientId: crypto.randomUUID(), text });
const relayed = (socket: TestSocket) => (socket.received.get('call.message') ?? []) as { dialogId: string; message: CallChatMessage }[];

/** A phone holding the call's hand-over grant, joined as the operator's new leg. */
async function phoneIn(call: CallDto): Promise<TestSocket> {
  const handover = await oleg.calls.call<CallHandover>('call.handover', { callId: call.id });
  const redeemed = await core.api.call<{ token: string }>('POST', `/api/calls/public/handover/${new URL(handover.url).pathname.split('/').at(-1)!}`, {});
  const phone = fx.track(await connectSocket(core.url, CALLS, redeemed.body.token, PANEL));
  await phone.call<CallJoin>('call.join', { callId: call.id });
  return phone;
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {}, calls: { options: { limits: { startsPerMinute: 100, handoversPerMinute: 100, messagesPerMinute: MESSAGES_PER_MINUTE } } } } });
  fx = new CallsFixture(core, 'https://call-chat.example');
  acc = await seedAccount(core);
  const other = await seedAccount(core, 'Other');
  siteKey = await fx.addSite((await core.api.login(acc.admin.email, acc.admin.password)).accessToken, 'Call chat shop');
  oleg = await fx.operator(acc.operator);
  anna = await fx.operator(acc.admin);
  stranger = await fx.operator(other.operator);
});
afterAll(async () => {
  fx?.closeAll();
  await core?.stop();
});

describe('the call window chat', () => {
  let visitor: Visitor;
  let call: CallDto;
  let phone: TestSocket;
  beforeAll(async () => {
    visitor = await fx.visitor(siteKey);
    ({ call } = await fx.activeCall(oleg, visitor, await fx.dialogOf(visitor)));
    phone = await phoneIn(call);
  });

  it('the phone reads the dialog, sees the visitor write live, and answers; the widget and the panel get the answer', async () => {
    const history = await phone.call<CallChatMessage[]>('call.messages', { callId: call.id });
    expect(history.map((m) => [m.author.kind, m.text])).toEqual([['visitor', 'Hello, can you call me?']]);

    const live = phone.next<{ dialogId: string; message: CallChatMessage }>('call.message', (p) => p.message.text === 'Do you hear me?');
    const onDesktop = oleg.calls.next<{ dialogId: string; message: CallChatMessage }>('call.message', (p) => p.message.text === 'Do you hear me?');
    await visitor.chat.call('message.send', { clientId: crypto.randomUUID(), text: 'Do you hear me?' });
    expect((await live).dialogId).toBe(call.dialogId);
    expect((await onDesktop).message.author).toMatchObject({ kind: 'visitor' });

    const atWidget = visitor.chat.next<MessageDto>('message.created', (m) => m.text === 'Yes, loud and clear');
    const atPanel = oleg.chat.next<MessageDto>('message.created', (m) => m.text === 'Yes, loud and clear');
    const answer = await phone.call<CallChatMessage>('call.message.send', { callId: call.id, clientId: crypto.randomUUID(), text: '  Yes, loud and clear ' });
    expect(answer).toMatchObject({ text: 'Yes, loud and clear', author: { kind: 'operator', userId: acc.operator.id }, files: 0 });
    expect((await atWidget).author).toMatchObject({ kind: 'operator', userId: acc.operator.id });
    expect((await atPanel).id).toBe(answer.id);
    expect((await phone.call<CallChatMessage[]>('call.messages', { callId: call.id })).map((m) => m.text)).toEqual(['Hello, can you call me?', 'Do you hear me?', 'Yes, loud and clear']);
  });

  it("another dialog's messages never reach the call's legs", async () => {
    const elsewhere = await fx.visitor(siteKey);
    const before = relayed(phone).length;
    const seen = oleg.chat.next<MessageDto>('message.created', (m) => m.text === 'A question of my own');
    await elsewhere.chat.call('message.send', { clientId: crypto.randomUUID(), text: 'A question of my own' });
    await seen;
    await phone.settled();
    await oleg.calls.settled();
    expect(relayed(phone).slice(before).map((p) => p.message.text)).toEqual([]);
    expect(relayed(oleg.calls).every((p) => p.dialogId === call.dialogId)).toBe(true);
  });

  it('refuses anyone but the call operator, another account, another call on a grant, and empty or too long texts', async () => {
    expect(await code(visitor.calls.raw('call.messages', { callId: call.id }))).toBe('forbidden');
    expect(await code(send(visitor.calls, call.id, 'hi'))).toBe('forbidden');
    expect(await code(anna.calls.raw('call.messages', { callId: call.id }))).toBe('not_in_call');
    expect(await code(send(anna.calls, call.id, 'hi'))).toBe('not_in_call');
    expect(await code(stranger.calls.raw('call.messages', { callId: call.id }))).toBe('call_not_found');
    expect(await code(send(stranger.calls, call.id, 'hi'))).toBe('call_not_found');
    // The phone's grant is this call's: another of the operator's calls (another dialog) is not.
    const second = await fx.visitor(siteKey);
    const other = await oleg.calls.call<CallDto>('call.start', { dialogId: await fx.dialogOf(second) });
    expect(await code(phone.raw('call.messages', { callId: other.id }))).toBe('handover_only');
    expect(await code(send(phone, other.id, 'hi'))).toBe('handover_only');
    // Ringing, not under way yet: no chat through it.
    expect(await code(oleg.calls.raw('call.messages', { callId: other.id }))).toBe('call_not_active');
    await oleg.calls.call('call.hangup', { callId: other.id });

    expect(await code(send(phone, call.id, ''))).toBe('validation_failed');
    expect(await code(send(phone, call.id, '   '))).toBe('validation_failed');
    expect(await code(send(phone, call.id, 'я'.repeat(5001)))).toBe('validation_failed');
    expect(await code(phone.raw('call.message.send', { callId: call.id, clientId: 'short', text: 'hi' }))).toBe('validation_failed');
    expect(await code(phone.raw('call.message.send', { callId: call.id, clientId: crypto.randomUUID(), text: 'hi', dialogId: 'x' }))).toBe('validation_failed');
    expect(await code(send(phone, call.id, 'я'.repeat(5000)))).toBe('accepted');
  });

  it('a flood: past the budget rate_limited and nothing stored; then the call ends and its legs hear the dialog no more', async () => {
    // One message of the budget went in the test before; the phone and the desktop share the operator's.
    const acks: string[] = [];
    for (let i = 0; i < MESSAGES_PER_MINUTE + 1; i++) acks.push(await code(send(i % 2 ? phone : oleg.calls, call.id, `flood ${i}`)));
    expect(acks.filter((a) => a === 'rate_limited').length).toBeGreaterThanOrEqual(2);
    const stored = (await phone.call<CallChatMessage[]>('call.messages', { callId: call.id })).filter((m) => m.text.startsWith('flood'));
    expect(stored.length).toBe(acks.filter((a) => a === 'accepted').length);

    await oleg.calls.call('call.hangup', { callId: call.id });
    expect(await code(phone.raw('call.messages', { callId: call.id }))).toBe('call_not_active');
    const before = relayed(oleg.calls).length;
    const seen = oleg.chat.next<MessageDto>('message.created', (m) => m.text === 'Are you still there?');
    await visitor.chat.call('message.send', { clientId: crypto.randomUUID(), text: 'Are you still there?' });
    await seen;
    await oleg.calls.settled();
    expect(relayed(oleg.calls).slice(before)).toEqual([]);
  });
});
