import type { HttpClient } from '@angular/common/http';
import { type EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { type LocalizedText, type SocketFactory, toApiError } from '../../../admin-ui/src/app/plugin-api';
import { CALLS_ERROR_CODES, type CallsErrorCode } from '../shared/calls-error-codes';
import type { CallGuestPass } from '../shared/calls.protocol';
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

/**
 * Redeems a link once (`POST <route>`, no session): its grant and call, or the refusal's words —
 * the server's code's, else `fallback`'s (the link is not valid).
 */
export async function redeemLink(http: HttpClient, route: string, body: object, fallback: CallsErrorCode): Promise<{ pass: CallGuestPass } | { refusal: LocalizedText }> {
  try {
    return { pass: await firstValueFrom(http.post<CallGuestPass>(route, body)) };
  } catch (err) {
    const code = toApiError(err).code;
    return { refusal: (CALLS_ERROR_CODES as Record<string, LocalizedText>)[code] ?? CALLS_ERROR_CODES[fallback] };
  }
}
