import type { Provider } from '@angular/core';
import type { Socket } from 'socket.io-client';
import { SOCKET_FACTORY } from '../../../../admin-ui/src/app/plugin-api';
import type { Ack } from '../../shared/chat.protocol';
import type { ChatEvent, ChatRequest, EventPayload, RequestPayload, RequestResult } from '../background/chat-wire';

type Listener = (...args: unknown[]) => void;
type AckFn = (result: Ack<unknown>) => void;

export interface SentRequest {
  event: string;
  payload: unknown;
  ack: AckFn;
  answered: boolean;
}

/**
 * Just enough of a socket.io client socket to drive the chat view: it records what the view emits
 * (with the ack callbacks, to answer now, later or never), and plays the server's side — connect,
 * drop, events. `respond()` answers an event at once, every time.
 */
export class FakeChatSocket {
  private readonly listeners = new Map<string, Listener[]>();
  private readonly responders = new Map<string, (payload: never) => Ack<unknown>>();
  readonly sent: SentRequest[] = [];
  /** socket.io keeps retrying after transport errors while `active`; a middleware refusal clears it. */
  active = true;
  connectCalls = 0;

  /** The last handshake's auth payload; socket.io asks for it on every connection attempt. */
  handshake: { token?: unknown } = {};

  constructor(readonly options: { auth: (cb: (data: object) => void) => void }) {
    this.authenticate();
  }

  // ---- the client API the view uses ----
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string, payload: unknown, ack: AckFn): this {
    const request: SentRequest = { event, payload, ack: (r) => ((request.answered = true), ack(r)), answered: false };
    this.sent.push(request);
    const responder = this.responders.get(event);
    if (responder) queueMicrotask(() => request.ack(responder(payload as never)));
    return this;
  }
  connect(): this {
    this.connectCalls++;
    this.authenticate();
    return this;
  }
  disconnect(): this {
    this.active = false;
    return this;
  }
  removeAllListeners(): this {
    this.listeners.clear();
    return this;
  }

  // ---- the server's side ----
  /** The token the client would send on its next attempt (the auth callback is asked again). */
  handshakeToken(): unknown {
    let data: { token?: unknown } = {};
    this.options.auth((d) => (data = d));
    return data.token;
  }
  private authenticate(): void {
    this.options.auth((d) => (this.handshake = d));
  }
  serverConnect(): void {
    this.active = true;
    this.fire('connect');
  }
  serverDrop(): void {
    this.fire('disconnect', 'transport close');
  }
  push<E extends ChatEvent>(event: E, payload: EventPayload<E>): void {
    this.fire(event, payload);
  }
  fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }

  /** Answers every future `event` with `data` (or what `data` computes from the payload). */
  respond<E extends ChatRequest>(event: E, data: RequestResult<E> | ((payload: RequestPayload<E>) => Ack<RequestResult<E>>)): void {
    this.responders.set(event, typeof data === 'function' ? (data as (p: never) => Ack<unknown>) : () => ({ ok: true, data }));
  }
  requests<E extends ChatRequest>(event: E): { payload: RequestPayload<E>; ack: AckFn; answered: boolean }[] {
    return this.sent.filter((r) => r.event === event) as { payload: RequestPayload<E>; ack: AckFn; answered: boolean }[];
  }
  last<E extends ChatRequest>(event: E): { payload: RequestPayload<E>; ack: AckFn; answered: boolean } | undefined {
    return this.requests(event).at(-1);
  }
}

/** SOCKET_FACTORY handing out fake sockets; those for `/chat` are collected in `sockets` (the shell's `/panel` one is not). */
export function fakeChatSockets(sockets: FakeChatSocket[]): Provider {
  return {
    provide: SOCKET_FACTORY,
    useValue: (uri: string, options: FakeChatSocket['options']) => {
      const socket = new FakeChatSocket(options);
      if (uri === '/chat') sockets.push(socket);
      return socket as unknown as Socket;
    },
  };
}
