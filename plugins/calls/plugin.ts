import { z } from 'zod';
import { definePlugin } from '../../core/src/index.js';

const options = z.object({});

/**
 * D1–D5, E6: audio and video calls between visitors and operators in the browser, a hand-over of
 * the call to the operator's phone, screen sharing and recording (issue 11). The wire contract is
 * `shared/calls.protocol.ts`; the browsers' peer connections are `browser/call-peer.ts`.
 */
export default definePlugin<typeof options>({
  id: 'calls',
  title: { ru: 'Звонки', en: 'Calls' },
  dependsOn: ['chat'],
  options,
  setup() {},
});
