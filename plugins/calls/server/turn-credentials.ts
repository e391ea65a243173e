import { createHmac } from 'node:crypto';
import type { IceServer } from '../shared/calls.protocol.js';
import type { CallsOptions } from './calls.options.js';

/**
 * coturn's REST-API scheme ("TURN REST API", `use-auth-secret` + `static-auth-secret`): the
 * username is `<expiry unix seconds>:<id>` and the password base64(HMAC-SHA1(secret, username)).
 * coturn recomputes the HMAC and refuses an expired username, so nothing per user is kept in
 * the TURN server and a leaked credential dies with its expiry.
 */
export function turnCredential(secret: string, id: string, expiresAtSeconds: number): { username: string; credential: string } {
  const username = `${expiresAtSeconds}:${id}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** The ICE servers a leg joining now gets: STUN as configured, TURN with a credential of its own. */
export function iceServersFor(options: Pick<CallsOptions, 'stunUrls' | 'turn'>, legId: string, nowMs: number): IceServer[] {
  const servers: IceServer[] = options.stunUrls.length ? [{ urls: options.stunUrls }] : [];
  if (options.turn) {
    const expires = Math.floor(nowMs / 1000) + options.turn.ttlSeconds;
    servers.push({ urls: options.turn.urls, ...turnCredential(options.turn.secret, legId, expires) });
  }
  return servers;
}
