import { inject } from '@angular/core';
import type { PluginBackground } from '../../../admin-ui/src/app/plugin-api';
import { CallSession } from './call-session';
import { CallsSocket } from './calls-socket';
import { CallsStore } from './calls.store';
import { registerCallsStrings } from './calls-i18n';

/** Runs on every page while calls is enabled: `/calls` on the shell's connection, so a call rings anywhere. */
export const callsBackground: PluginBackground = {
  providers: [CallsSocket, CallSession, CallsStore],
  start: () => {
    registerCallsStrings();
    inject(CallsStore).start();
  },
};
