import { z } from 'zod';
import type { PluginSettingsSpec } from '../../../core/src/index.js';

/**
 * An account's choice of media back-end (issue 11: "per account where it makes sense"): the
 * installation's (`installation`, the default), or one of the two. Jitsi needs the installation's
 * Jitsi host (`jitsi.domain`); without one, an account that chose it calls through WebRTC.
 * Per account, not per site: the panel's operators call every site's visitors alike. Edited by an
 * account administrator through `PUT /api/plugins/calls/settings/account` (or in the CMS).
 */
export const callsAccountSchema = z.object({
  backend: z.enum(['installation', 'webrtc', 'jitsi']).default('installation'),
});

export const callsSettings = { account: callsAccountSchema } satisfies PluginSettingsSpec<z.ZodType, typeof callsAccountSchema>;

export type CallsSettingsSpec = typeof callsSettings;
