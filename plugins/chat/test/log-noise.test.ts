import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../core/src/logging/logger.js';
import { seedAccount, startTestCore, type TestCore } from '../../../core/test/support/harness.js';
import { connectChat } from './chat-client.js';

/** Issue 9 #21: what visitors do every day (leave before greeting) is no error in the log. */
const SITE = 'https://quiet-shop.example';
const lines: { level: string; msg: string; err?: unknown }[] = [];
const waiters: (() => void)[] = [];
let core: TestCore;
let siteKey: string;

/** Resolves when a log line matching `match` was written. */
function logged(match: (line: (typeof lines)[number]) => boolean): Promise<(typeof lines)[number]> {
  return new Promise((resolve) => {
    const look = () => {
      const found = lines.find(match);
      if (!found) return false;
      resolve(found);
      return true;
    };
    if (!look()) waiters.push(() => void look());
  });
}

beforeAll(async () => {
  const logger = createLogger('debug', {
    write(line: string) {
      lines.push(JSON.parse(line) as (typeof lines)[number]);
      for (const wake of waiters) wake();
    },
  });
  core = await startTestCore({ plugins: { chat: {} }, logger });
  const acc = await seedAccount(core);
  const token = (await core.api.login(acc.admin.email, acc.admin.password)).accessToken;
  siteKey = (await core.api.call<{ publicKey: string }>('POST', '/api/sites', { token, body: { name: 'Quiet shop', url: SITE } })).body.publicKey;
});
afterAll(async () => {
  await core?.stop();
});

describe('log of visitor sockets', () => {
  it('a visitor socket closed before visitor.hello logs at debug, without an error or a stack', async () => {
    const session = await core.api.call<{ visitorToken: string }>('POST', '/api/widget/session', { body: { siteKey }, headers: { origin: SITE } });
    const socket = await connectChat(core.url, session.body.visitorToken, SITE);
    socket.close();
    const told = await logged((l) => l.msg === 'visitor left before greeting' || l.msg === 'presence update failed');
    expect(told).toMatchObject({ level: 'debug', msg: 'visitor left before greeting' });
    expect(told.err).toBeUndefined();
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});
