import type { AttachmentDto, AuthorKind, MessageDto } from '../shared/chat.protocol.js';
import type { OutboxItem } from './outbox.js';

/** One row of the message list: a stored message, or one still in the outbox. */
export interface ViewMessage {
  key: string;
  id: string | null;
  clientId: string;
  kind: AuthorKind;
  /** The operator's user id (null for the visitor and system). */
  userId: number | null;
  name: string;
  avatarUrl: string | null;
  text: string;
  attachments: AttachmentDto[];
  createdAt: string;
  editedAt: string | null;
  /** 'read': an operator has seen it (read receipts; the visitor's own messages only). */
  status: 'sent' | 'read' | 'pending' | 'failed';
  error?: string;
  /** A plugin's message kind (`<pluginId>.<name>`) and its payload, drawn by that plugin's renderer (issue 10). */
  plugin?: { kind: string; payload: unknown };
}

/** What the core adds to a message a plugin posted (issue 10: chat services); absent on plain messages. */
type PluginFields = { kind?: unknown; payload?: unknown };
const pluginKind = (m: PluginFields): ViewMessage['plugin'] => (typeof m.kind === 'string' && m.kind.includes('.') ? { kind: m.kind, payload: m.payload } : undefined);

/** A stored message as a row of the list (also an earlier dialog's, issue 9). */
export const viewOf = (m: MessageDto): ViewMessage => ({
  key: m.clientId || m.id,
  id: m.id,
  clientId: m.clientId,
  kind: m.author.kind,
  userId: m.author.userId,
  name: m.author.name,
  avatarUrl: m.author.avatarUrl,
  text: m.text,
  attachments: m.attachments ?? [],
  createdAt: m.createdAt,
  editedAt: m.editedAt,
  status: 'sent',
  plugin: pluginKind(m as MessageDto & PluginFields),
});

const byTime = (a: { createdAt: string }, b: { createdAt: string }) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0);

/**
 * The visitor's conversation as the server last told it, kept by message id: `message.created`
 * adds (or replaces, if it is a repeat), `message.updated` edits in place (C10), the hello state
 * replaces everything. Outbox items not yet stored are shown after the stored ones.
 */
export class MessageStore {
  private readonly byId = new Map<string, MessageDto>();

  reset(messages: MessageDto[]): void {
    this.byId.clear();
    for (const m of messages) this.byId.set(m.id, m);
  }

  /** Adds or replaces; returns false for an update of a message we do not have. */
  upsert(m: MessageDto, { onlyExisting = false } = {}): boolean {
    if (onlyExisting && !this.byId.has(m.id)) return false;
    this.byId.set(m.id, m);
    return true;
  }

  hasClientId(clientId: string): boolean {
    for (const m of this.byId.values()) if (m.clientId === clientId) return true;
    return false;
  }

  get size(): number {
    return this.byId.size;
  }

  /** `operatorReadAt`: the operators' "read up to" mark in the dialog. */
  view(outbox: OutboxItem[], operatorReadAt: string | null = null): ViewMessage[] {
    const stored = [...this.byId.values()].sort(byTime);
    const rows: ViewMessage[] = stored.map((m) => ({
      ...viewOf(m),
      status: m.author.kind === 'visitor' && operatorReadAt && m.createdAt <= operatorReadAt ? 'read' : 'sent',
    }));
    const storedIds = new Set(stored.map((m) => m.clientId));
    for (const o of [...outbox].sort(byTime)) {
      if (storedIds.has(o.clientId)) continue;
      rows.push({
        key: o.clientId,
        id: null,
        clientId: o.clientId,
        kind: 'visitor',
        userId: null,
        name: '',
        avatarUrl: null,
        text: o.text,
        attachments: o.attachments ?? [],
        createdAt: o.createdAt,
        editedAt: null,
        status: o.status,
        error: o.error,
      });
    }
    return rows;
  }
}
