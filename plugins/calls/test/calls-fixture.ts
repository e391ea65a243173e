import type { Kysely } from 'kysely';
import type { CoreTables } from '../../../core/src/store/core.schema.js';
import type { TestCore } from '../../../core/test/support/harness.js';
import { connectChat, connectSocket, type SocketTarget, type TestSocket } from '../../chat/test/chat-client.js';
import type { MessageDto } from '../../chat/shared/chat.protocol.js';
import type { CallDto, CallJoin } from '../shared/calls.protocol.js';

export const PANEL = 'http://panel.test';
/** `calls.mine` is a read for everyone: the round trip `settled()` waits for, without side effects. */
export const CALLS: SocketTarget = { namespace: '/calls', probe: ['calls.mine', {}] };

export interface Visitor {
  id: string;
  token: string;
  chat: TestSocket;
  /** One open page of the visitor on /calls. */
  calls: TestSocket;
  /** Another page of the same visitor (same token). */
  page(): Promise<TestSocket>;
}

export interface Operator {
  id: number;
  token: string;
  chat: TestSocket;
  calls: TestSocket;
}

/** Visitors and operators of one test file on /chat and /calls; closed together in its afterAll. */
export class CallsFixture {
  readonly opened: TestSocket[] = [];

  constructor(
    private readonly core: TestCore,
    readonly site: string,
  ) {}

  async addSite(adminToken: string, name: string, url = this.site): Promise<string> {
    const res = await this.core.api.call<{ publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name, url } });
    if (res.status !== 201) throw new Error(`site not created: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.publicKey;
  }

  /** A visitor on a page of the site: greeted on /chat, connected to /calls. */
  async visitor(siteKey: string, origin = this.site): Promise<Visitor> {
    const session = await this.core.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin } });
    const token = session.body.visitorToken;
    const chat = this.track(await connectChat(this.core.url, token, origin));
    await chat.call('visitor.hello', { page: { url: `${origin}/`, title: 'Shop', referrer: '' }, activity: 'active' });
    const page = async () => this.track(await connectSocket(this.core.url, CALLS, token, origin));
    return { id: session.body.visitorId, token, chat, calls: await page(), page };
  }

  /** A signed-in operator's panel on /chat (online unless told) and /calls. */
  async operator(user: { id: number; email: string; password: string }, online = true): Promise<Operator> {
    const { accessToken } = await this.core.api.login(user.email, user.password);
    const chat = this.track(await connectChat(this.core.url, accessToken, PANEL));
    if (online) await chat.call('operator.status', { status: 'online' });
    return { id: user.id, token: accessToken, chat, calls: await this.panelCalls(accessToken) };
  }

  async panelCalls(token: string): Promise<TestSocket> {
    return this.track(await connectSocket(this.core.url, CALLS, token, PANEL));
  }

  /** The visitor writes; the dialog it opened. */
  async dialogOf(visitor: Visitor): Promise<string> {
    const message = await visitor.chat.call<MessageDto>('message.send', { clientId: crypto.randomUUID(), text: 'Hello, can you call me?' });
    return message.dialogId;
  }

  /** D1 up to an active call with a leg on each side. */
  async activeCall(operator: Operator, visitor: Visitor, dialogId: string): Promise<{ call: CallDto; visitorJoin: CallJoin; operatorJoin: CallJoin }> {
    const call = await operator.calls.call<CallDto>('call.start', { dialogId });
    const active = operator.calls.next<CallDto>('call.updated', (c) => c.id === call.id && c.state === 'active');
    const visitorJoin = await visitor.calls.call<CallJoin>('call.accept', { callId: call.id });
    await active;
    const operatorJoin = await operator.calls.call<CallJoin>('call.join', { callId: call.id });
    return { call, visitorJoin, operatorJoin };
  }

  /** The durable log's entries of a call, by name. */
  async events(callId: string): Promise<{ name: string; payload: Record<string, unknown> }[]> {
    const rows = await (this.core.db as Kysely<CoreTables>).selectFrom('core_event_log').select(['name', 'payload']).where('name', 'like', 'calls.call.%').orderBy('position').execute();
    return rows.map((r) => ({ name: r.name, payload: JSON.parse(r.payload) as Record<string, unknown> })).filter((e) => e.payload.callId === callId);
  }

  closeAll(): void {
    for (const socket of this.opened.splice(0)) socket.close();
  }

  track(socket: TestSocket): TestSocket {
    this.opened.push(socket);
    return socket;
  }
}
