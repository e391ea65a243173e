import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import type { Server } from 'socket.io';

/**
 * What one connection may cost the server before any of its events is parsed. The per-actor event
 * budget (plugin host) applies only after socket.io has decoded a packet's JSON, so a visitor
 * sending large or many frames would slow every other socket down; these limits act on the
 * engine.io transport, before the JSON parser sees a byte.
 */
export interface SocketLimits {
  /**
   * Largest frame anyone may send. The WebSocket server refuses a frame that declares more (close
   * code 1009) without buffering it; a long-polling POST over it is refused the same way. No event
   * needs more: the largest are a 5000-character message or draft (files and pictures go over HTTP).
   */
  frameBytes: number;
  /** Bytes one connection may send in each window; past it the connection is closed. */
  budgetBytes: number;
  budgetWindowMs: number;
  /** Open connections from one address (a visitor's tabs, an office behind one NAT). */
  connectionsPerAddress: number;
}

export const DEFAULT_SOCKET_LIMITS: Readonly<SocketLimits> = {
  frameBytes: 64 * 1024,
  // A widget sends a few small events a second; a draft is throttled. 512 KB in 10 s is ~60 full-length messages.
  budgetBytes: 512 * 1024,
  budgetWindowMs: 10_000,
  connectionsPerAddress: 100,
};

/** The refusal a client over the address cap gets (engine.io's 403 body / upgrade answer). */
export const TOO_MANY_CONNECTIONS = 'too_many_connections';

// Behind a reverse proxy on the same machine the client's address is in X-Forwarded-For (as for HTTP).
const trustedProxy = proxyaddr.compile('loopback');
const addressOf = (req: IncomingMessage) => proxyaddr(req, trustedProxy);

/** Counts open connections per address; `admit` is asked before each new one is made. */
export class ConnectionsPerAddress {
  private readonly open = new Map<string, number>();

  constructor(private readonly cap: number) {}

  admit(req: IncomingMessage): boolean {
    return (this.open.get(addressOf(req)) ?? 0) < this.cap;
  }

  /** Counts the connection until it closes. */
  track(req: IncomingMessage, onClose: (listener: () => void) => void): void {
    const address = addressOf(req);
    this.open.set(address, (this.open.get(address) ?? 0) + 1);
    onClose(() => {
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    });
  }
}

interface EnginePacket {
  type: string;
  data?: unknown;
}

interface EngineSocket {
  request: IncomingMessage;
  on(event: 'packet', listener: (packet: EnginePacket) => void): void;
  once(event: 'close', listener: () => void): void;
  close(discard?: boolean): void;
}

const sizeOf = (data: unknown): number =>
  typeof data === 'string' ? Buffer.byteLength(data) : Buffer.isBuffer(data) ? data.length : data instanceof ArrayBuffer ? data.byteLength : 0;

/**
 * Applies the byte budget and the address count to every engine.io connection. The budget is
 * checked on engine.io's `packet` event, which comes before socket.io decodes the packet; closing
 * there detaches socket.io's decoder at once, so the packet that broke the budget is never parsed.
 */
export function guardConnections(io: Server, limits: SocketLimits, addresses: ConnectionsPerAddress): void {
  io.engine.on('connection', (conn: EngineSocket) => {
    addresses.track(conn.request, (listener) => conn.once('close', listener));
    let windowStart = Date.now();
    let spent = 0;
    conn.on('packet', (packet) => {
      const now = Date.now();
      if (now - windowStart >= limits.budgetWindowMs) {
        windowStart = now;
        spent = 0;
      }
      spent += sizeOf(packet.data);
      if (spent > limits.budgetBytes) conn.close(true);
    });
  });
}
