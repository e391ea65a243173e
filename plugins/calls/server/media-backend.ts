import { randomBytes } from 'node:crypto';
import type { CallBackend, JitsiRoom } from '../shared/calls.protocol.js';
import type { CallsContext } from './calls.context.js';
import type { CallRow } from './calls.store.js';

/**
 * Which media back-end a new call of this account uses, and its Jitsi room: the account's choice
 * (calls.settings.ts) over the installation's; Jitsi only where the installation has a Jitsi host.
 * The room is 128 random bits — not derived from the call's id, the dialog or the site — so
 * nobody outside the call can name it, and no two calls share one.
 */
export function mediaFor(ctx: Pick<CallsContext, 'options' | 'settings'>, accountId: string): { backend: CallBackend; jitsi_room: string | null } {
  const chosen = ctx.settings.account(accountId).backend;
  const backend = chosen === 'installation' ? ctx.options.backend : chosen;
  if (backend !== 'jitsi' || !ctx.options.jitsi) return { backend: 'webrtc', jitsi_room: null };
  return { backend: 'jitsi', jitsi_room: `callpy${randomBytes(16).toString('hex')}` };
}

/** What a joining leg needs to load the IFrame API and enter the call's room; null for a WebRTC call. */
export function jitsiRoomOf(ctx: Pick<CallsContext, 'options'>, row: Pick<CallRow, 'backend' | 'jitsi_room'>): JitsiRoom | null {
  const host = ctx.options.jitsi;
  if (row.backend !== 'jitsi' || !row.jitsi_room || !host) return null;
  return { domain: host.domain, noSSL: host.noSSL, scriptUrl: `${host.origin}/external_api.js`, room: row.jitsi_room };
}
