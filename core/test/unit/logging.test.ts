import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loggablePath } from '../../src/http/request-log.js';
import { createLogger } from '../../src/logging/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('structured logs', () => {
  it('writes one JSON object a line with level, time and message', () => {
    const { lines, logger } = capture();
    logger.child({ plugin: 'chat' }).info({ n: 1 }, 'hello');
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'info', plugin: 'chat', n: 1, msg: 'hello', service: 'callpy-core' });
    expect(typeof entry.time).toBe('string');
  });

  it('never writes a secret', () => {
    const { lines, logger } = capture();
    logger.info({ password: 'p4ss', user: { token: 't0k', refreshToken: 'r3f' }, req: { headers: { authorization: 'Bearer j.w.t', cookie: 'sid=1' } }, cms: { apiToken: 'api-secret' } }, 'x');
    const out = lines.join('');
    for (const secret of ['p4ss', 't0k', 'r3f', 'j.w.t', 'sid=1', 'api-secret']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it('logs paths without query strings or tokens', () => {
    expect(loggablePath('/api/auth/invitations/Zm9vYmFyYmF6cXV4cXV1eHh4eHh4eHg?x=1')).toBe('/api/auth/invitations/:token');
    expect(loggablePath('/reset-password?token=secret')).toBe('/reset-password');
  });
});
