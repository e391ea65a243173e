import { Manager, type Socket } from 'socket.io-client';
import { plainJsonParser } from './plain-parser.js';

/**
 * The visitor's one connection (issue 10): every chunk's namespace is multiplexed over one
 * socket.io Manager — one WebSocket per page, however many plugins the site has. Each namespace
 * authenticates with the visitor token, as the chat always did, plus what `auth` gives on each
 * (re)connection. The Manager is made on the first request; the host opens the core's `/visitor`
 * at start, so outside the design page's preview every page has one.
 */
export function visitorSockets(
  baseUrl: string,
  token: string,
  opts: { connect: boolean },
): <S extends object = Record<string, never>>(namespace: string, auth?: () => Record<string, string>) => Socket<S> {
  let manager: Manager | undefined;
  return (namespace, auth) => {
    manager ??= new Manager(baseUrl, {
      // WebSocket only (docs/decisions.md); build.mjs drops the other transports' code.
      transports: ['websocket'],
      // Frames stay plain JSON on pages that patched Array.prototype.toJSON.
      parser: plainJsonParser,
      // The design page's preview talks to nobody: its sockets never connect.
      autoConnect: opts.connect,
    });
    return manager.socket(namespace, { auth: auth ? (cb) => cb({ ...auth(), token }) : { token } });
  };
}
