import type { Socket } from 'socket.io-client';
import type { Ack } from '../../chat/shared/chat.protocol.js';
import type { CallsAnswers, CallsFromClient, CallsToClient } from '../shared/calls.protocol.js';

/** The `/calls` namespace as socket.io-client types it: the protocol's payload maps turned into handlers (types only: no bytes). */
type Answer<K> = K extends keyof CallsAnswers ? CallsAnswers[K] : null;
export type CallsListen = { [K in keyof CallsToClient]: (payload: CallsToClient[K]) => void };
export type CallsEmit = { [K in keyof CallsFromClient]: (payload: CallsFromClient[K], ack: (r: Ack<Answer<K>>) => void) => void };
export type CallsSocket = Socket<CallsListen, CallsEmit>;

/** How long a request waits for its ack before it counts as unanswered. */
const ACK_MS = 10_000;

/** One request on `/calls`: its ack, or null when the server did not answer in time (the connection dropped). */
export function request<K extends keyof CallsFromClient>(socket: CallsSocket, event: K, payload: CallsFromClient[K]): Promise<Ack<Answer<K>> | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ACK_MS);
    const emit = socket.emit as (e: K, p: CallsFromClient[K], ack: (r: Ack<Answer<K>>) => void) => void;
    emit.call(socket, event, payload, (r) => {
      clearTimeout(timer);
      resolve(r);
    });
  });
}
