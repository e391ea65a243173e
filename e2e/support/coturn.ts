/**
 * A real coturn for browser tests of calls through a TURN relay (issue 11): `startCoturn()` runs
 * Debian's `turnserver` on 127.0.0.1 with the REST-API shared secret and answers
 * `{ port, secret, urls, stop() }`. Give a core `CALLS_TURN_URLS=urls.join(',')`,
 * `CALLS_TURN_SECRET=secret` (and `CALLS_ICE_TRANSPORT_POLICY=relay` to force the relay), see
 * `coturnEnv`; stop it in the test's `finally`.
 */
export { startCoturn } from '../../scripts/testing/coturn.mjs';

/** The calls plugin's environment for a core that hands out this TURN server (plugins.config.ts). */
export function coturnEnv(turn: { urls: string[]; secret: string }, policy: 'all' | 'relay' = 'relay'): Record<string, string> {
  return { CALLS_TURN_URLS: turn.urls.join(','), CALLS_TURN_SECRET: turn.secret, CALLS_ICE_TRANSPORT_POLICY: policy };
}
