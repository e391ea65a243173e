import { definePluginsConfig } from './core/src/index.js';

/**
 * Which plugins and integrations this installation runs, with their options. Each key is a
 * folder under plugins/ or integrations/; options are checked against the plugin's schema at
 * start. Which of them an account gets is switched per account in the CMS (plugin enablements).
 */
/** A comma-separated variable as a list (none when unset). */
const list = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);

export default definePluginsConfig({
  plugins: {
    chat: {},
    goals: {},
    // D1–D5, E6: calls in the browser (built-in WebRTC). None of these is needed on one machine;
    // across networks give STUN, and TURN with coturn's shared secret (docs/calls.md).
    // CALLS_RING_TIMEOUT_MS shortens the ring (the end-to-end tests' missed call); unset, 30 s.
    // CALLS_BACKEND=jitsi with CALLS_JITSI_DOMAIN (meet.example.com) sends calls' media through a
    // Jitsi Meet the installation hosts; an account may choose otherwise in its settings.
    calls: {
      options: {
        backend: process.env.CALLS_BACKEND,
        jitsi: process.env.CALLS_JITSI_DOMAIN ? { domain: process.env.CALLS_JITSI_DOMAIN } : undefined,
        stunUrls: list(process.env.CALLS_STUN_URLS),
        turn: process.env.CALLS_TURN_URLS
          ? {
              urls: list(process.env.CALLS_TURN_URLS),
              secret: process.env.CALLS_TURN_SECRET ?? '',
              ...(process.env.CALLS_TURN_TTL_SECONDS ? { ttlSeconds: Number(process.env.CALLS_TURN_TTL_SECONDS) } : {}),
            }
          : undefined,
        iceTransportPolicy: process.env.CALLS_ICE_TRANSPORT_POLICY,
        ...(process.env.CALLS_RING_TIMEOUT_MS ? { ringTimeoutMs: Number(process.env.CALLS_RING_TIMEOUT_MS) } : {}),
        ...(process.env.CALLS_RECORDING_MAX_MB ? { recordingMaxBytes: Number(process.env.CALLS_RECORDING_MAX_MB) * 1024 * 1024 } : {}),
      },
    },
    // E1, E3: observing the visitor's page (rrweb); options in docs/cobrowse.md.
    cobrowse: {},
    // A9: the agency's plans and its clients' licences. Online payment for persons needs the
    // provider's shop id and key (BILLING_YOOKASSA_SHOP_ID, BILLING_YOOKASSA_SECRET_KEY); without
    // them companies still buy by invoice.
    billing: {
      options: {
        payments: process.env.BILLING_YOOKASSA_SHOP_ID
          ? {
              shopId: process.env.BILLING_YOOKASSA_SHOP_ID,
              secretKey: process.env.BILLING_YOOKASSA_SECRET_KEY ?? '',
              ...(process.env.BILLING_YOOKASSA_API_URL ? { apiUrl: process.env.BILLING_YOOKASSA_API_URL } : {}),
            }
          : undefined,
      },
    },
  },
});
