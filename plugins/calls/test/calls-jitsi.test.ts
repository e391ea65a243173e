import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, startTestCore, type SeededAccount, type TestCore } from '../../../core/test/support/harness.js';
import type { CallDto } from '../shared/calls.protocol.js';
import { callsOptions } from '../server/calls.options.js';
import { CallsFixture, type Operator } from './calls-fixture.js';

/**
 * The media back-ends (issue 11): an installation with a Jitsi host whose default stays WebRTC; an
 * account that chose Jitsi gets, in every leg's CallJoin, the Jitsi room of that call — random,
 * its own, never in what rings — and the panel's CSP lets the Jitsi host's script and frame in.
 */

const JITSI = 'meet.example.com';
let core: TestCore;
let fx: CallsFixture;
let jfx: CallsFixture;
let plain: SeededAccount;
let jitsi: SeededAccount;
let plainKey: string;
let jitsiKey: string;
let jitsiAdmin: string;
let plainOperator: Operator;
let jitsiOperator: Operator;

const setBackend = (token: string, value: unknown) => core.api.call<{ value?: unknown; error?: { code: string } }>('PUT', '/api/plugins/calls/settings/account', { token, body: { value } });

/** D1 up to both legs joined, in a new dialog of a new visitor. */
async function callThrough(operator: Operator, siteKey: string) {
  const visitor = await (siteKey === jitsiKey ? jfx : fx).visitor(siteKey);
  const dialogId = await fx.dialogOf(visitor);
  const ringing = visitor.calls.next<CallDto>('call.ringing');
  const { call, visitorJoin, operatorJoin } = await fx.activeCall(operator, visitor, dialogId);
  const rung = await ringing;
  await operator.calls.call('call.hangup', { callId: call.id });
  return { call, rung, visitorJoin, operatorJoin, dialogId };
}

beforeAll(async () => {
  core = await startTestCore({ plugins: { chat: {}, calls: { options: { jitsi: { domain: JITSI }, limits: { startsPerMinute: 100 } } } } });
  const run = crypto.randomUUID().slice(0, 8);
  fx = new CallsFixture(core, `https://webrtc-${run}.example`);
  jfx = new CallsFixture(core, `https://jitsi-${run}.example`);
  plain = await seedAccount(core, 'WebRTC calls');
  jitsi = await seedAccount(core, 'Jitsi calls');
  plainKey = await fx.addSite((await core.api.login(plain.admin.email, plain.admin.password)).accessToken, 'WebRTC shop');
  jitsiAdmin = (await core.api.login(jitsi.admin.email, jitsi.admin.password)).accessToken;
  jitsiKey = await jfx.addSite(jitsiAdmin, 'Jitsi shop');
  expect((await setBackend(jitsiAdmin, { backend: 'jitsi' })).status).toBe(200);
  plainOperator = await fx.operator(plain.operator);
  jitsiOperator = await jfx.operator(jitsi.operator);
});
afterAll(async () => {
  fx?.closeAll();
  jfx?.closeAll();
  await core?.stop();
});

describe('media back-ends', () => {
  it("an account on the installation's default (WebRTC) gets peer connections, no Jitsi room", async () => {
    const { call, visitorJoin, operatorJoin } = await callThrough(plainOperator, plainKey);
    expect(call.backend).toBe('webrtc');
    expect(visitorJoin.jitsi).toBeNull();
    expect(operatorJoin.jitsi).toBeNull();
  });

  it("an account that chose Jitsi: both legs' CallJoin name the same room on the installation's host; what rings does not", async () => {
    const { call, rung, visitorJoin, operatorJoin, dialogId } = await callThrough(jitsiOperator, jitsiKey);
    expect(call.backend).toBe('jitsi');
    expect(visitorJoin.jitsi).toEqual({ domain: JITSI, noSSL: false, scriptUrl: `https://${JITSI}/external_api.js`, room: expect.stringMatching(/^callpy[0-9a-f]{32}$/) });
    expect(operatorJoin.jitsi).toEqual(visitorJoin.jitsi);
    const room = visitorJoin.jitsi!.room;
    // Not derived from anything a visitor or another account can see.
    for (const known of [call.id, dialogId, call.visitorId, call.siteId]) expect(room).not.toContain(known.replace(/-/g, '').slice(0, 8));
    expect(JSON.stringify(rung)).not.toContain(room);
    expect(JSON.stringify(call)).not.toContain(room);
  });

  it('every call gets a room of its own', async () => {
    const rooms = new Set<string>();
    for (let i = 0; i < 3; i++) rooms.add((await callThrough(jitsiOperator, jitsiKey)).visitorJoin.jitsi!.room);
    expect(rooms.size).toBe(3);
  });

  it('an account choice that is no back-end is refused with the field named, and changes nothing', async () => {
    const bad = await setBackend(jitsiAdmin, { backend: 'skype' });
    expect(bad.status).toBe(400);
    expect((await callThrough(jitsiOperator, jitsiKey)).call.backend).toBe('jitsi');
    // An operator (not an admin) cannot switch it.
    expect((await setBackend(jitsiOperator.token, { backend: 'webrtc' })).status).toBe(403);
  });

  it("the panel's CSP lets in the Jitsi host's script and frame", async () => {
    // Any page of the core carries the panel's headers (the suite's core serves no built panel).
    const page = await core.api.call('GET', '/healthz');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(new RegExp(`script-src 'self' https://${JITSI.replace(/\./g, '\\.')}`));
    expect(csp).toMatch(new RegExp(`frame-src 'self' https://${JITSI.replace(/\./g, '\\.')}`));
  });
});

describe('the Jitsi host option', () => {
  const parse = (domain: string) => callsOptions.safeParse({ backend: 'jitsi', jitsi: { domain } });
  it('takes a host (with a port), and plain HTTP for a loopback test host only', () => {
    expect(parse('meet.example.com').data?.jitsi).toEqual({ domain: 'meet.example.com', noSSL: false, origin: 'https://meet.example.com' });
    expect(parse('http://127.0.0.1:8443').data?.jitsi).toEqual({ domain: '127.0.0.1:8443', noSSL: true, origin: 'http://127.0.0.1:8443' });
    for (const bad of ['http://meet.example.com', 'https://meet.example.com', 'meet.example.com/room', "meet.example.com 'unsafe-inline'", '']) expect(parse(bad).success, bad).toBe(false);
    expect(callsOptions.safeParse({ backend: 'jitsi' }).success).toBe(false);
  });
});


