import { io, type Socket } from 'socket.io-client';
import type { Ack } from '../shared/chat.protocol.js';

export interface TestSocket {
  socket: Socket;
  /** Emits and returns the acknowledged data; throws the error of a refusal. */
  call<T = unknown>(event: string, payload: unknown): Promise<T>;
  /** Emits and returns the raw acknowledgement. */
  raw(event: string, payload: unknown): Promise<Ack<unknown>>;
  /** Resolves with the next event of this name matching `match`. */
  next<T = unknown>(event: string, match?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  received: Map<string, unknown[]>;
  /**
   * One round trip on this connection. Frames on one socket arrive in the order the server sent
   * them, so once the answer is here every frame sent before it is too: the positive signal a
   * "nothing else arrived" check waits for, instead of a fixed pause.
   */
  settled(): Promise<void>;
  close(): void;
}

/** A plugin's namespace, and an event it answers at once without side effects (what `settled()` round-trips). */
export interface SocketTarget {
  namespace: string;
  probe: [event: string, payload: unknown];
}

/** `dialogs.counts` is a read for an operator and an instant `forbidden` for a visitor: no side effect either way. */
const CHAT: SocketTarget = { namespace: '/chat', probe: ['dialogs.counts', {}] };

/** A real socket.io client on /chat, as the widget or the panel connects (`headers`: e.g. a proxy's X-Forwarded-For). */
export function connectChat(baseUrl: string, token: string, origin: string, userAgent?: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  return connectSocket(baseUrl, CHAT, token, origin, userAgent, headers);
}

/** A real socket.io client on a plugin's namespace. */
export function connectSocket(baseUrl: string, target: SocketTarget, token: string, origin: string, userAgent?: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const socket = io(`${baseUrl}${target.namespace}`, {
    auth: { token },
    transports: ['websocket'],
    extraHeaders: { origin, ...(userAgent ? { 'user-agent': userAgent } : {}), ...headers },
    reconnection: false,
  });
  const received = new Map<string, unknown[]>();
  socket.onAny((event: string, payload: unknown) => {
    received.set(event, [...(received.get(event) ?? []), payload]);
  });
  const raw = (event: string, payload: unknown) => socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack<unknown>>;
  const client: TestSocket = {
    socket,
    raw,
    received,
    async call<T>(event: string, payload: unknown) {
      const ack = await raw(event, payload);
      if (!ack.ok) throw new Error(`${event}: ${ack.error.code}: ${ack.error.message}`);
      return ack.data as T;
    },
    next<T>(event: string, match: (payload: T) => boolean = () => true, timeoutMs = 5000) {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          reject(new Error(`no matching "${event}" within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (payload: T) => {
          if (!match(payload)) return;
          clearTimeout(timer);
          socket.off(event, listener);
          resolve(payload);
        };
        socket.on(event, listener);
      });
    },
    settled: async () => void (await raw(...target.probe)),
    close: () => void socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(client));
    socket.once('connect_error', reject);
  });
}

export interface UploadResponse<T = unknown> {
  status: number;
  body: T;
}

/** A multipart upload in the field `file`, as the widget and the panel send one (C7). */
export async function uploadFile<T = unknown>(url: string, token: string, file: { name: string; bytes: Uint8Array }, headers: Record<string, string> = {}): Promise<UploadResponse<T>> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...headers }, body: form });
  const text = await res.text();
  return { status: res.status, body: (text.startsWith('{') ? JSON.parse(text) : text) as T };
}
