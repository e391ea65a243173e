import type { Ack, OperatorToServer, ServerToOperator } from '../../shared/chat.protocol';

/** Names of the operator's requests and of the server's events on namespace `/chat`. */
export type ChatRequest = keyof OperatorToServer;
export type ChatEvent = keyof ServerToOperator;

export type RequestPayload<E extends ChatRequest> = Parameters<OperatorToServer[E]>[0];
type AckOf<E extends ChatRequest> = Parameters<Parameters<OperatorToServer[E]>[1]>[0];
/** What a request's acknowledgement carries when it succeeds. */
export type RequestResult<E extends ChatRequest> = AckOf<E> extends Ack<infer T> ? T : never;
export type EventPayload<E extends ChatEvent> = Parameters<ServerToOperator[E]>[0];

/** A message id the server stores once per sender (C8 retries); random enough without a secure context. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
