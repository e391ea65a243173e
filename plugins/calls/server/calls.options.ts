import { z } from 'zod';
import { RING_TIMEOUT_MS } from '../shared/calls.protocol.js';

const iceUrl = z.string().regex(/^(stun|stuns|turn|turns):[^\s]+$/, 'An ICE server address starts with stun:, stuns:, turn: or turns:').max(300);

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i;

/**
 * The Jitsi Meet host, as the IFrame API takes it (`{ domain: 'meet.example.com' }`, a port
 * allowed), reached over HTTPS. Plain HTTP only for a loopback host, written with its scheme
 * (`http://127.0.0.1:8443`): the test suite's stand-in (browsers give no camera to a plain-HTTP
 * frame elsewhere anyway); `noSSL` is the IFrame API's own option for it. meet.jit.si is no
 * default: it asks embedded calls to sign in and limits their time.
 */
const jitsi = z.object({ domain: z.string().max(200) }).transform(({ domain: value }, c) => {
  const noSSL = value.startsWith('http://');
  const domain = noSSL ? value.slice('http://'.length) : value;
  if (!HOST.test(domain) || (noSSL && !LOOPBACK.test(domain))) {
    c.addIssue({ code: 'custom', path: ['domain'], message: 'A host name, e.g. meet.example.com (http:// only for a loopback test host)' });
    return z.NEVER;
  }
  return { domain, noSSL, origin: `${noSSL ? 'http' : 'https'}://${domain}` };
});

/**
 * TURN with time-limited credentials from a secret shared with coturn (`use-auth-secret`,
 * `static-auth-secret`): nothing per user is stored in the TURN server (turn-credentials.ts).
 */
const turn = z.object({
  urls: z.array(iceUrl).min(1).max(10),
  secret: z.string().min(16, 'The TURN secret has at least 16 characters'),
  // Long enough for a long call's ICE restarts; a credential is handed out at each join.
  ttlSeconds: z.number().int().min(60).max(86_400).default(3600),
});

export const callsOptions = z
  .object({
    // The media back-end of the installation: built-in WebRTC, or Jitsi Meet for installations that
    // host one (both sides join the call's room through the IFrame API); an account may choose
    // otherwise (its settings, calls.settings.ts). See docs/calls.md «Media back-ends».
    backend: z.enum(['webrtc', 'jitsi']).default('webrtc'),
    jitsi: jitsi.optional(),
    // None by default: `npm start` calls work on one machine (host candidates) without any.
    stunUrls: z.array(iceUrl).max(10).default([]),
    turn: turn.optional(),
    // `relay` hides the participants' addresses from each other (every call through TURN).
    iceTransportPolicy: z.enum(['all', 'relay']).default('all'),
    ringTimeoutMs: z.number().int().min(1000).max(5 * 60_000).default(RING_TIMEOUT_MS),
    // A visitor following a link leaves with the old page's leg and re-joins from the next page:
    // a slow page load must fit in it, a closed tab must not hold the operator for long.
    rejoinGraceMs: z.number().int().min(1000).max(5 * 60_000).default(20_000),
    // How long a hand-over link (QR code) may be redeemed, once.
    handoverTtlSeconds: z.number().int().min(10).max(600).default(120),
    // D4: how long a participant link may be redeemed, once: long enough to send it to a colleague.
    guestLinkTtlSeconds: z.number().int().min(10).max(3600).default(600),
    // D4: the most a recording's chunks may take together (env CALLS_RECORDING_MAX_MB; an hour of
    // Opus audio is about 30 MB), and how long after it stopped — the operator's stop, the hang-up —
    // its last chunk, still on its way from the browser, is taken.
    recordingMaxBytes: z.number().int().min(1024).max(4 * 1024 ** 3).default(200 * 1024 * 1024),
    recordingLateMs: z.number().int().min(1000).max(5 * 60_000).default(15_000),
    limits: z
      .object({
        // Calls one visitor or operator starts a minute: a person makes one or two.
        startsPerMinute: z.number().int().min(1).max(1000).default(6),
        // Offers (renegotiations) one leg sends a minute: a call makes a few (video, screen, device
        // switches, ICE restarts); a loop or a flood makes hundreds.
        offersPerMinute: z.number().int().min(1).max(10_000).default(60),
        // Every signalling message of one leg a minute (ICE candidates come in bursts).
        signalsPerMinute: z.number().int().min(10).max(100_000).default(2000),
        // Hand-over and participant links an operator asks for a minute, and redeem attempts per address a minute.
        handoversPerMinute: z.number().int().min(1).max(1000).default(10),
        // Messages an operator writes from the call window a minute (D4): a conversation, not a flood.
        messagesPerMinute: z.number().int().min(1).max(1000).default(30),
      })
      .default({ startsPerMinute: 6, offersPerMinute: 60, signalsPerMinute: 2000, handoversPerMinute: 10, messagesPerMinute: 30 }),
  })
  .refine((o) => o.backend !== 'jitsi' || o.jitsi, { message: "backend 'jitsi' needs jitsi.domain", path: ['jitsi'] });

export type CallsOptions = z.output<typeof callsOptions>;
