import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort, waitForHttp } from '../../../scripts/lib/processes.mjs';
import { createDatabase } from '../../../scripts/testing/postgres.mjs';
import { startRedis } from '../../../scripts/testing/redis.mjs';
import { Api, cmsClient, seedAccount, uniqueEmail, type SeededAccount } from '../../../core/test/support/harness.js';
import { repoRoot } from '../../../core/test/support/paths.js';
import type { DialogDto, MessageDto, OperatorCard, VisitorArrival, VisitorPresence, VisitorState } from '../shared/chat.protocol.js';
import { connectChat, type TestSocket } from './chat-client.js';

/**
 * Two core processes behind one PostgreSQL database and one Redis, as a load-balanced installation
 * runs: a visitor on one process and operators on the other must not notice. Two processes on one
 * SQLite file are not a supported deployment, so this file runs on PostgreSQL only.
 */
const postgresUrl = inject('postgresUrl');
const SITE = 'https://multi-node-shop.example';
const PANEL = 'http://panel.test';

interface CoreProcess {
  name: string;
  url: string;
  api: Api;
  /** SIGTERM; resolves with the exit code. */
  stop(): Promise<number | null>;
}

const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'callpy-multi-node-'));
const logs: string[] = [];

/** The real entry point in its own process, as production runs each node. */
async function startCoreProcess(name: string, shared: Record<string, string>): Promise<CoreProcess> {
  const port = await freePort();
  const logFile = path.join(logDir, `${name}.log`);
  logs.push(logFile);
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'core/src/main.ts')], {
    env: { ...shared, PORT: String(port), DATA_DIR: fs.mkdtempSync(path.join(logDir, `${name}-data-`)) },
    stdio: ['ignore', out, out],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/readyz`, { child, name });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    url,
    api: new Api(url),
    stop: () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

describe.skipIf(!postgresUrl)('two core processes sharing PostgreSQL and Redis (PostgreSQL only: two processes on one SQLite file are not supported)', () => {
  let redis: { url: string; stop(): Promise<void> };
  let one: CoreProcess;
  let two: CoreProcess;
  let acc: SeededAccount;
  let second: { id: number; email: string; password: string };
  let adminToken: string;
  let siteKey: string;
  const opened: TestSocket[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    // Seeded before the processes start: they load it with their first snapshot.
    acc = await seedAccount({ content: { refresh: () => Promise.resolve() } }, 'Multi-node');
    const password = 'correct horse battery';
    const user = await cmsClient().createUser({ email: uniqueEmail('op2'), password, account: acc.accountId, role: 'operator', confirmed: true, firstName: 'Olga', lastName: 'Second' });
    second = { id: user.id, email: user.email, password };

    const secrets = inject('secrets');
    const shared = {
      PATH: process.env.PATH ?? '',
      ...secrets,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PUBLIC_URL: PANEL,
      CMS_URL: inject('cmsUrl'),
      // No periodic re-sync within the test: a process learns of the other's writes through Redis.
      CMS_RESYNC_SECONDS: '3600',
      DATABASE_URL: await createDatabase(postgresUrl!, `multi_${randomBytes(6).toString('hex')}`),
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
    };
    // One after the other: the first one migrates the shared database.
    one = await startCoreProcess('core-1', shared);
    two = await startCoreProcess('core-2', shared);
    adminToken = (await one.api.login(acc.admin.email, acc.admin.password)).accessToken;
  }, 120_000);

  afterAll(async () => {
    for (const s of opened) s.close();
    await Promise.all([one?.stop(), two?.stop()]);
    await redis?.stop();
    fs.rmSync(logDir, { recursive: true, force: true });
  });

  const operatorOn = async (core: CoreProcess, who: { email: string; password: string }) => {
    const { accessToken } = await core.api.login(who.email, who.password);
    const socket = await connectChat(core.url, accessToken, PANEL);
    opened.push(socket);
    return { socket, accessToken };
  };
  const count = <T>(s: TestSocket, event: string, match: (p: T) => boolean) => ((s.received.get(event) ?? []) as T[]).filter(match).length;

  it('a site created through one process is known to the other at once (content changes go through Redis)', async () => {
    const created = await one.api.call<{ publicKey: string }>('POST', '/api/sites', { token: adminToken, body: { name: 'Shop', url: SITE } });
    expect(created.status).toBe(201);
    siteKey = created.body.publicKey;
    const deadline = Date.now() + 2000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await two.api.call('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE, 'x-forwarded-for': '198.51.100.1' } })).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toBe(200);
  });

  let visitor: TestSocket;
  let visitorId: string;
  let op: { socket: TestSocket; accessToken: string };
  let op2: { socket: TestSocket; accessToken: string };
  let dialogId: string;

  it('the visitor on process 1 sees the operator connected to process 2 online, and the operator sees the visitor', async () => {
    op = await operatorOn(two, acc.operator);
    op2 = await operatorOn(one, second);
    const session = await one.api.call<{ visitorToken: string; visitorId: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
    visitorId = session.body.visitorId;
    visitor = await connectChat(one.url, session.body.visitorToken, SITE);
    opened.push(visitor);

    const before = await visitor.call<VisitorState>('visitor.hello', { page: { url: `${SITE}/`, title: 'Shop', referrer: '' }, activity: 'active' });
    expect(before.online).toBe(false);

    const gate = visitor.next<{ online: boolean; operators: OperatorCard[] }>('operators.changed', (p) => p.online);
    await op.socket.call('operator.status', { status: 'online' });
    expect((await gate).operators.map((o) => o.id)).toEqual([acc.operator.id]);

    const seen = op.socket.next<VisitorArrival>('visitor.arrived', (a) => a.visitor.id === visitorId && a.view.url === `${SITE}/kettles`);
    const state = await visitor.call<VisitorState>('visitor.hello', { page: { url: `${SITE}/kettles`, title: 'Kettles', referrer: '' }, activity: 'active' });
    // Answered by process 1, which holds no socket of that operator: it asked process 2.
    expect(state.online).toBe(true);
    expect(state.operators.map((o) => o.id)).toEqual([acc.operator.id]);
    expect((await seen).visitor.activity).toBe('active');
  });

  it('the operator sees the typing preview', async () => {
    const typing = op.socket.next<{ visitorId: string; draft: string }>('visitor.typing', (t) => t.visitorId === visitorId && t.draft !== '');
    await visitor.call('typing', { draft: 'Is the red kett' });
    expect((await typing).draft).toBe('Is the red kett');
  });

  it('messages go both ways, each delivered exactly once', async () => {
    const clientId = crypto.randomUUID();
    const arrived = op.socket.next<MessageDto>('message.created', (m) => m.clientId === clientId);
    await visitor.call('message.send', { clientId, text: 'Is the red kettle in stock?' });
    const message = await arrived;
    expect(message.text).toBe('Is the red kettle in stock?');
    dialogId = message.dialogId;
    const replyId = crypto.randomUUID();
    const answered = visitor.next<MessageDto>('message.created', (m) => m.clientId === replyId);
    await op.socket.call('message.send', { dialogId, clientId: replyId, text: 'Yes, 2 490 ₽' });
    expect((await answered).author).toMatchObject({ kind: 'operator', userId: acc.operator.id });

    // Frames one process sends through Redis arrive in order: once a typing frame sent after each
    // message is in on every socket, any second copy of that message would be in too.
    const visitorMark = [op.socket, op2.socket].map((s) => s.next<{ visitorId: string; draft: string }>('visitor.typing', (t) => t.visitorId === visitorId && t.draft === 'mark'));
    await visitor.call('typing', { draft: 'mark' });
    await Promise.all(visitorMark);
    const operatorMark = visitor.next<{ typing: boolean }>('operator.typing', (t) => t.typing);
    await op.socket.call('operator.typing', { dialogId, typing: true });
    await operatorMark;
    await op.socket.call('operator.typing', { dialogId, typing: false });
    expect(count<MessageDto>(op.socket, 'message.created', (m) => m.clientId === clientId)).toBe(1);
    expect(count<MessageDto>(op2.socket, 'message.created', (m) => m.clientId === clientId)).toBe(1);
    expect(count<MessageDto>(visitor, 'message.created', (m) => m.clientId === replyId)).toBe(1);
    // The sending socket has its own message in the acknowledgement, on whichever process: no frame.
    expect(count<MessageDto>(visitor, 'message.created', (m) => m.clientId === clientId)).toBe(0);
    expect(count<MessageDto>(op.socket, 'message.created', (m) => m.clientId === replyId)).toBe(0);
  });

  it('site settings saved through one process reach a widget on the other exactly once (A8, I2)', async () => {
    type Gate = { online: boolean; operators: OperatorCard[] };
    const patch = (body: unknown) => two.api.call('PATCH', `/api/sites/${siteId}`, { token: adminToken, body }).then((res) => expect(res.status).toBe(200));
    const siteId = (await two.api.call<{ id: string; publicKey: string }[]>('GET', '/api/sites', { token: adminToken })).body.find((s) => s.publicKey === siteKey)!.id;
    const switched = visitor.next<{ locale: string }>('site.updated', (p) => p.locale === 'ru');
    await patch({ chatLanguage: 'ru' });
    await switched;
    // Hours on the day after tomorrow only, in the account's zone: now is outside them.
    const zone = (await cmsClient().accounts.get(acc.accountId))?.timezone ?? 'UTC';
    const today = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }).format(new Date())) + 1;
    const automatic = visitor.next<Gate>('operators.changed', (p) => !p.online);
    await patch({ workingHours: { always: false, intervals: [{ day: ((today + 1) % 7) + 1, from: '09:00', to: '10:00' }] } });
    expect(await automatic).toEqual({ online: false, operators: [] });
    const back = visitor.next<Gate>('operators.changed', (p) => p.online);
    await patch({ workingHours: { always: true, intervals: [] } });
    await back;
    // One more change along the same way: once it is here, a second copy of the earlier ones would be too.
    const english = visitor.next<{ locale: string }>('site.updated', (p) => p.locale === 'en');
    await patch({ chatLanguage: 'en' });
    await english;
    expect(count<{ locale: string }>(visitor, 'site.updated', (p) => p.locale === 'ru')).toBe(1);
    expect(count<Gate>(visitor, 'operators.changed', (p) => !p.online)).toBe(1);
  });

  it('transfers to an operator connected to the other process, who gets the dialog', async () => {
    // Process 2 must see that the second operator, connected to process 1 only, is not online yet.
    expect(await op.socket.raw('dialog.transfer', { dialogId, toUserId: second.id })).toMatchObject({ ok: false, error: { code: 'operator_offline' } });
    await op2.socket.call('operator.status', { status: 'online' });
    const updated = op2.socket.next<DialogDto>('dialog.updated', (d) => d.id === dialogId && d.assigneeId === second.id);
    const moved = await op.socket.call<DialogDto>('dialog.transfer', { dialogId, toUserId: second.id });
    expect(moved.assigneeId).toBe(second.id);
    expect((await updated).assigneeId).toBe(second.id);
  });

  it('a visitor whose last tab closed, on the other process, has left', async () => {
    const left = op.socket.next<VisitorPresence>('visitor.presence', (p) => p.visitorId === visitorId && p.activity === 'left');
    visitor.close();
    await left;
  });

  it('rate limits hold across processes', async () => {
    // The widget session budget is 60 a minute per address; alternating processes must not double it.
    const headers = { origin: SITE, 'x-forwarded-for': '203.0.113.9' };
    const statuses: number[] = [];
    for (let i = 0; i < 62; i++) statuses.push((await (i % 2 ? two : one).api.call('POST', '/api/widget/session', { body: { siteKey }, headers })).status);
    expect(statuses.slice(0, 60).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(60)).toEqual([429, 429]);
  });

  it('disconnecting an operator through one process drops their sockets on the other and refuses their token there', async () => {
    const revoked = new Promise((resolve) => op.socket.socket.once('auth.revoked', resolve));
    const dropped = new Promise((resolve) => op.socket.socket.once('disconnect', resolve));
    expect((await one.api.call('POST', `/api/team/${acc.operator.id}/disconnect`, { token: adminToken })).status).toBe(204);
    await expect(revoked).resolves.toEqual({ reason: 'disconnected' });
    await expect(dropped).resolves.toBe('io server disconnect');
    // Process 2 applied the change before it dropped the socket: the token is refused there now.
    expect((await two.api.call('GET', '/api/me', { token: op.accessToken })).status).toBe(401);
    await expect(connectChat(two.url, op.accessToken, PANEL)).rejects.toThrow('unauthorized');
  });

  it('both processes stop cleanly on SIGTERM and close their Redis connections', async () => {
    const codes = await Promise.all([one.stop(), two.stop()]);
    const output = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    expect(codes, output).toEqual([0, 0]);
    expect(output).not.toMatch(/unhandled|"level":50/i);
  });
});
