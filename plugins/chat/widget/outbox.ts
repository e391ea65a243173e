import type { Ack, AttachmentDto, MessageDto } from '../shared/chat.protocol.js';
import { CHAT_LIMITS } from '../shared/chat.protocol.js';
import { readJson, writeJson, type KeyValue } from './storage.js';

/** A message the visitor wrote that the server has not acknowledged yet. */
export interface OutboxEntry {
  clientId: string;
  text: string;
  createdAt: string;
  /** Files already uploaded (C7): persisted with the entry, so a reload still sends their message. */
  attachments?: AttachmentDto[];
}

export type SendStatus = 'pending' | 'failed';

export interface OutboxItem extends OutboxEntry {
  status: SendStatus;
  /** The server's error code, when it refused (as opposed to not answering). */
  error?: string;
}

export interface OutboxTransport {
  /** True while a connection is up and `visitor.hello` has been answered. */
  ready(): boolean;
  send(entry: OutboxEntry, ack: (r: Ack<MessageDto>) => void): void;
}

/** crypto.randomUUID where the page is a secure context; the same v4 shape from getRandomValues elsewhere. */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** What `message.send` carries for an entry: the uploaded files go by id. */
export function messagePayload(e: OutboxEntry): { clientId: string; text: string; attachmentIds?: string[] } {
  return { clientId: e.clientId, text: e.text, ...(e.attachments?.length ? { attachmentIds: e.attachments.map((a) => a.id) } : {}) };
}

const validEntry = (e: OutboxEntry | null): e is OutboxEntry =>
  !!e && typeof e.clientId === 'string' && typeof e.text === 'string' && (e.attachments === undefined || (Array.isArray(e.attachments) && e.attachments.every((a) => typeof a?.id === 'string' && typeof a.url === 'string')));

/**
 * C8 delivery. Every message gets a clientId and waits here — persisted, so a reload or the next
 * page keeps it — until the server acknowledges it. Messages go out one at a time in order; one not
 * acknowledged within `CHAT_LIMITS.ackTimeoutMs` shows as failed (the visitor may click to retry)
 * and stays queued: after every (re)connect the whole outbox is sent again. The server stores a
 * clientId once, so a repeat never duplicates a message; a late acknowledgement still counts.
 */
export class Outbox {
  private entries: OutboxEntry[];
  private readonly status = new Map<string, { status: SendStatus; error?: string; timer?: ReturnType<typeof setTimeout> }>();
  private readonly due = new Set<string>();
  private busy = false;
  private generation = 0;

  constructor(
    private readonly kv: KeyValue | null,
    private readonly key: string,
    private readonly transport: OutboxTransport,
    private readonly events: { changed(): void; acked(m: MessageDto): void },
    private readonly timeoutMs: number = CHAT_LIMITS.ackTimeoutMs,
  ) {
    const stored = readJson<OutboxEntry[]>(kv, key);
    this.entries = Array.isArray(stored) ? stored.filter(validEntry) : [];
    for (const e of this.entries) this.markPending(e.clientId);
  }

  items(): OutboxItem[] {
    return this.entries.map((e) => ({ ...e, status: this.status.get(e.clientId)?.status ?? 'pending', error: this.status.get(e.clientId)?.error }));
  }

  add(text: string, attachments: AttachmentDto[] = []): OutboxEntry {
    const entry: OutboxEntry = { clientId: newClientId(), text, createdAt: new Date().toISOString(), ...(attachments.length ? { attachments } : {}) };
    this.entries.push(entry);
    this.save();
    this.markPending(entry.clientId);
    this.due.add(entry.clientId);
    this.events.changed();
    this.pump();
    return entry;
  }

  /** Click on a failed message: send it again now (or as soon as connected). */
  retry(clientId: string): void {
    if (!this.has(clientId)) return;
    this.markPending(clientId);
    this.due.add(clientId);
    this.events.changed();
    this.pump();
  }

  /** After every (re)connect and hello: everything still here goes out again, in order. */
  flush(): void {
    this.generation++;
    this.busy = false;
    for (const e of this.entries) {
      if (this.status.get(e.clientId)?.status === 'failed') this.markPending(e.clientId);
      this.due.add(e.clientId);
    }
    this.events.changed();
    this.pump();
  }

  /** The server has this clientId (seen in the hello state or an echo): forget it. */
  confirm(clientId: string): boolean {
    if (!this.has(clientId)) return false;
    clearTimeout(this.status.get(clientId)?.timer);
    this.status.delete(clientId);
    this.due.delete(clientId);
    this.entries = this.entries.filter((e) => e.clientId !== clientId);
    this.save();
    this.events.changed();
    return true;
  }

  has(clientId: string): boolean {
    return this.entries.some((e) => e.clientId === clientId);
  }

  private markPending(clientId: string): void {
    const prev = this.status.get(clientId);
    clearTimeout(prev?.timer);
    const timer = setTimeout(() => this.fail(clientId), this.timeoutMs);
    this.status.set(clientId, { status: 'pending', timer });
  }

  private fail(clientId: string, error?: string): void {
    if (!this.has(clientId)) return;
    clearTimeout(this.status.get(clientId)?.timer);
    this.status.set(clientId, { status: 'failed', error });
    this.events.changed();
  }

  private pump(): void {
    if (this.busy || !this.transport.ready()) return;
    const next = this.entries.find((e) => this.due.has(e.clientId));
    if (!next) return;
    this.due.delete(next.clientId);
    this.busy = true;
    const generation = this.generation;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(slot);
      if (generation === this.generation) {
        this.busy = false;
        this.pump();
      }
    };
    // A send that gets no answer frees the line after the timeout, so one lost ack cannot stall the rest.
    const slot = setTimeout(release, this.timeoutMs);
    this.transport.send(next, (r) => {
      if (r.ok) {
        // Stored first, then dropped from the outbox: the row never blinks out.
        this.events.acked(r.data);
        this.confirm(next.clientId);
      } else this.fail(next.clientId, r.error.code);
      release();
    });
  }

  private save(): void {
    writeJson(this.kv, this.key, this.entries.length ? this.entries : undefined);
  }
}
