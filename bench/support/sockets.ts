import { io, type Socket } from 'socket.io-client';

/** A socket.io client as the widget and the panel open one: WebSocket only, no reconnection. */
export function connectSocket(url: string, auth: Record<string, unknown>, origin: string): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], extraHeaders: { origin }, reconnection: false, timeout: 30_000 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Emits and resolves with the acknowledged data; a refusal is an error. */
export async function call<T = unknown>(socket: Socket, event: string, payload: unknown, timeoutMs = 30_000): Promise<T> {
  const ack = (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as { ok: boolean; data?: T; error?: { code: string; message: string } };
  if (!ack.ok) throw new Error(`${event}: ${ack.error?.code}: ${ack.error?.message}`);
  return ack.data as T;
}
