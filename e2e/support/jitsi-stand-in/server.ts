import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * A local stand-in for a Jitsi Meet host, for the calls tests (issue 11): `/external_api.js` is the
 * IFrame API (the documented constructor, commands, methods and events), `/<room>` the page its
 * frame opens, which joins the room through this server — server-sent events to each participant,
 * a POST for what one changes — so participants of one room see each other come, go and mute.
 * Nothing of Jitsi's media servers: the room page only shows its own camera. Give a core
 * `CALLS_JITSI_DOMAIN=<domainOption>` (plain HTTP on loopback: the calls option allows only that).
 */
export interface JitsiStandIn {
  origin: string;
  /** For CALLS_JITSI_DOMAIN: `http://127.0.0.1:<port>`. */
  domainOption: string;
  /** What happened in a room, in order: who joined, left, changed what they send. */
  log(room: string): RoomEntry[];
  /** The rooms anyone entered. */
  rooms(): string[];
  close(): Promise<void>;
}

export type RoomEntry =
  | { event: 'joined' | 'left'; id: string; displayName: string }
  | { event: 'state'; id: string; displayName: string; audioMuted: boolean; videoMuted: boolean; screen: boolean };

interface Participant {
  id: string;
  displayName: string;
  audioMuted: boolean;
  videoMuted: boolean;
  screen: boolean;
  res: http.ServerResponse;
}

const ROOM = /^[A-Za-z0-9_-]{1,100}$/;
const here = import.meta.dirname;

export async function startJitsiStandIn(): Promise<JitsiStandIn> {
  const api = fs.readFileSync(path.join(here, 'external_api.js'));
  const page = fs.readFileSync(path.join(here, 'room.html'));
  const rooms = new Map<string, Map<string, Participant>>();
  const logs = new Map<string, RoomEntry[]>();
  const record = (room: string, entry: RoomEntry) => logs.set(room, [...(logs.get(room) ?? []), entry]);
  const send = (p: Participant, event: string, data: unknown) => p.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const publicOf = ({ id, displayName, audioMuted, videoMuted, screen }: Participant) => ({ id, displayName, audioMuted, videoMuted, screen });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    if (req.method === 'GET' && url.pathname === '/external_api.js') {
      res.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(api);
    }
    if (parts[0] === 'rooms' && parts[1] && ROOM.test(parts[1])) {
      const room = parts[1];
      const members = rooms.get(room) ?? new Map<string, Participant>();
      rooms.set(room, members);
      if (req.method === 'GET' && parts[2] === 'events') {
        const q = url.searchParams;
        const me: Participant = { id: q.get('id') ?? '', displayName: (q.get('name') ?? '').slice(0, 100), audioMuted: q.get('audioMuted') === 'true', videoMuted: q.get('videoMuted') === 'true', screen: false, res };
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        send(me, 'hello', { participants: [...members.values()].map(publicOf) });
        for (const other of members.values()) send(other, 'joined', publicOf(me));
        members.set(me.id, me);
        record(room, { event: 'joined', id: me.id, displayName: me.displayName });
        req.on('close', () => {
          if (members.get(me.id) !== me) return;
          members.delete(me.id);
          record(room, { event: 'left', id: me.id, displayName: me.displayName });
          for (const other of members.values()) send(other, 'left', { id: me.id });
        });
        return;
      }
      if (req.method === 'POST' && parts[2] === 'state') {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        req.on('end', () => {
          const s = JSON.parse(body || '{}') as { id?: string; audioMuted?: boolean; videoMuted?: boolean; screen?: boolean };
          const me = s.id ? members.get(s.id) : undefined;
          if (!me) return void res.writeHead(404).end();
          Object.assign(me, { audioMuted: !!s.audioMuted, videoMuted: !!s.videoMuted, screen: !!s.screen });
          record(room, { event: 'state', ...publicOf(me) });
          for (const other of members.values()) if (other !== me) send(other, 'state', publicOf(me));
          res.writeHead(204).end();
        });
        return;
      }
    }
    if (req.method === 'GET' && parts.length === 1 && ROOM.test(parts[0]!)) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(page);
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    domainOption: origin,
    log: (room) => logs.get(room) ?? [],
    rooms: () => [...logs.keys()],
    close: () =>
      new Promise((resolve) => {
        for (const members of rooms.values()) for (const p of members.values()) p.res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
