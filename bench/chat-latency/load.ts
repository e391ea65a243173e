import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Socket } from 'socket.io-client';
import { inBatches } from '../support/stack.js';
import { summarize, type Summary } from '../support/stats.js';
import { connectSocket } from '../support/sockets.js';

/** What the load needs to know of a server: the core's /chat or the bare relay. */
export interface Target {
  label: string;
  /** Namespace URL, e.g. http://127.0.0.1:3000/chat. */
  url: string;
  /** The site's address (visitors) and the panel's (operators), as Origin headers. */
  origin: string;
  operatorOrigin: string;
  visitorAuth(): Promise<Record<string, unknown>>;
  operatorAuth: Record<string, unknown>[];
  /** After connecting: e.g. `visitor.hello` on the core. */
  prepareVisitor(socket: Socket): Promise<void>;
  /** After connecting: e.g. `operator.status online` on the core. */
  prepareOperator(socket: Socket): Promise<void>;
}

export interface LoadOptions {
  visitors: number;
  /** Each visitor sends one message per interval. */
  intervalMs: number;
  warmupMs: number;
  measureMs: number;
}

export interface LoadResult {
  label: string;
  /** Visitor send → `message.created` at an operator, every operator's copy. */
  delivery: Summary;
  /** Visitor send → its acknowledgement (stored, on the core). */
  ack: Summary;
  /** Acknowledged sends per second in the measured window. */
  storedPerSecond: number;
  refused: Record<string, number>;
  /** Operators' copies of the window's stored messages that never arrived, and copies that arrived twice. */
  lost: number;
  doubled: number;
  connectSeconds: number;
  /** Delivery p99 and max by second of sending, over the measured window (BENCH_TIMELINE). */
  timeline: Summary[];
  /** The bench process's own event-loop delay while measuring: what of the latency is the client's. */
  clientLag: { p99: number; max: number };
  /** Wall-clock milliseconds: when the sockets began to open, and the measured window. */
  startedAt: number;
  window: { from: number; to: number };
}

const PREFIX = 'bench ';

/**
 * Opens the operators and visitors (each visitor's first message sent), lets every visitor send
 * one message per interval (phases spread over the interval), and measures in one clock: the send
 * time rides in the text.
 */
export async function runLoad(target: Target, o: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const operators: Socket[] = [];
  for (const auth of target.operatorAuth) {
    const socket = await connectSocket(target.url, auth, target.operatorOrigin);
    await target.prepareOperator(socket);
    operators.push(socket);
  }
  const visitors: Socket[] = new Array(o.visitors);
  await inBatches([...Array(o.visitors).keys()], 50, async (i) => {
    const socket = await connectSocket(target.url, await target.visitorAuth(), target.origin);
    await target.prepareVisitor(socket);
    // The visitor's first message opens their dialog (on the core, the long way: a new dialog
    // announced to every operator). Sent here, in batches like the connections, so the measured
    // load is a thousand ongoing conversations, not a thousand dialogs opening in one second.
    await socket.timeout(30_000).emitWithAck('message.send', { clientId: randomUUID(), text: 'Hello' });
    visitors[i] = socket;
  });
  const connectSeconds = (performance.now() - started) / 1000;

  const window = { from: Infinity, to: Infinity };
  const inWindow = (t: number) => t >= window.from && t < window.to;
  const delivery: number[] = [];
  const bySecond: number[][] = Array.from({ length: Math.ceil(o.measureMs / 1000) }, () => []);
  const ack: number[] = [];
  const refused: Record<string, number> = {};
  let stored = 0;
  let doubled = 0;
  let sequence = 0;

  for (const socket of operators) {
    // Each send's number, as this operator received it: a number twice is a doubled delivery.
    const seen = new Set<number>();
    socket.on('message.created', (m: { text: string }) => {
      if (!m.text.startsWith(PREFIX)) return;
      const [sentText, numberText] = m.text.slice(PREFIX.length).split(' ');
      const sentAt = Number(sentText);
      if (!inWindow(sentAt)) return;
      const latency = performance.now() - sentAt;
      if (seen.has(Number(numberText))) doubled++;
      seen.add(Number(numberText));
      delivery.push(latency);
      bySecond[Math.floor((sentAt - window.from) / 1000)]!.push(latency);
    });
  }

  const send = (socket: Socket) => {
    const sentAt = performance.now();
    socket
      .timeout(30_000)
      .emitWithAck('message.send', { clientId: randomUUID(), text: `${PREFIX}${sentAt} ${sequence++}` })
      .then((reply: { ok: boolean; error?: { code: string } }) => {
        if (!inWindow(sentAt)) return;
        if (!reply.ok) return void (refused[reply.error!.code] = (refused[reply.error!.code] ?? 0) + 1);
        stored++;
        ack.push(performance.now() - sentAt);
      })
      .catch(() => void (refused.timeout = (refused.timeout ?? 0) + 1));
  };

  const timers: NodeJS.Timeout[] = [];
  visitors.forEach((socket, i) => {
    const phase = (i / o.visitors) * o.intervalMs;
    timers.push(
      setTimeout(() => {
        send(socket);
        timers.push(setInterval(() => send(socket), o.intervalMs));
      }, phase),
    );
  });
  const t0 = performance.now();
  window.from = t0 + o.warmupMs;
  window.to = window.from + o.measureMs;
  await new Promise((r) => setTimeout(r, o.warmupMs));
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  await new Promise((r) => setTimeout(r, o.measureMs));
  lag.disable();
  for (const t of timers) clearTimeout(t);
  // Let the last sends of the window arrive.
  await new Promise((r) => setTimeout(r, 3000));
  for (const s of [...visitors, ...operators]) s.close();

  return {
    label: target.label,
    delivery: summarize(delivery),
    ack: summarize(ack),
    storedPerSecond: stored / (o.measureMs / 1000),
    lost: stored * operators.length - (delivery.length - doubled),
    doubled,
    refused,
    connectSeconds,
    timeline: bySecond.map(summarize),
    clientLag: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
    startedAt: performance.timeOrigin + started,
    window: { from: performance.timeOrigin + window.from, to: performance.timeOrigin + window.to },
  };
}
