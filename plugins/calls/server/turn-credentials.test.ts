import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredential } from './turn-credentials.js';

describe("TURN credentials (coturn's REST-API scheme)", () => {
  it('match a known vector: base64(HMAC-SHA1(secret, "<expiry>:<id>"))', () => {
    // printf '%s' '1767225600:leg-1' | openssl dgst -sha1 -hmac 'coturn-shared-secret-16' -binary | base64
    expect(turnCredential('coturn-shared-secret-16', 'leg-1', 1_767_225_600)).toEqual({ username: '1767225600:leg-1', credential: '+Y71poKR3jF4PTyZKPzMZdjii68=' });
  });

  it('expire ttlSeconds after now, one credential per leg; STUN as configured, nothing when nothing is', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    const servers = iceServersFor({ stunUrls: ['stun:stun.example.com:3478'], turn: { urls: ['turn:turn.example.com:3478?transport=udp'], secret: 'a-very-secret-secret', ttlSeconds: 600 } }, 'leg-9', now);
    const expiry = now / 1000 + 600;
    expect(servers).toEqual([
      { urls: ['stun:stun.example.com:3478'] },
      { urls: ['turn:turn.example.com:3478?transport=udp'], username: `${expiry}:leg-9`, credential: createHmac('sha1', 'a-very-secret-secret').update(`${expiry}:leg-9`).digest('base64') },
    ]);
    expect(iceServersFor({ stunUrls: [], turn: undefined }, 'leg-9', now)).toEqual([]);
  });
});
