import { type EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import type { SocketFactory } from '../../../admin-ui/src/app/plugin-api';
import { CallSession } from './call-session';
import { CALLS_SOCKET_SOURCE, CallsSocket } from './calls-socket';

/**
 * A call session of a device that redeemed a link (a phone's hand-over, D3; a guest's participant
 * link, D4): in an injector of its own, since its socket authenticates with the link's grant
 * instead of a signed-in session. Destroyed with the page.
 */
export function grantCallInjector(parent: EnvironmentInjector, createSocket: SocketFactory, grant: string, name: string): EnvironmentInjector {
  return createEnvironmentInjector(
    [
      CallsSocket,
      CallSession,
      { provide: CALLS_SOCKET_SOURCE, useValue: () => createSocket('/calls', { auth: (cb) => cb({ token: grant }), transports: ['websocket', 'polling'] }) },
    ],
    parent,
    name,
  );
}
