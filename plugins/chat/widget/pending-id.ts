import { newClientId } from './outbox.js';
import { readJson, writeJson, type KeyValue } from './storage.js';

/** FNV-1a: a short fingerprint, so storage keeps no copy of what the visitor wrote. */
function fingerprint(value: unknown): string {
  let hash = 0x811c9dc5;
  for (const ch of JSON.stringify(value)) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return (hash >>> 0).toString(36);
}

/**
 * A clientId for a submission that may be retried (H6 offline form): the same content gets the same
 * id until `done()`, across retries and reloads, so the server sends its mail once; different
 * content is a new submission with a new id.
 */
export class PendingId {
  /** The same in memory, for when storage is blocked. */
  private memo: { id: string; sig: string } | undefined;

  constructor(
    private readonly kv: KeyValue | null,
    private readonly key: string,
  ) {}

  for(content: unknown): string {
    const sig = fingerprint(content);
    const pending = readJson<{ id?: unknown; sig?: unknown }>(this.kv, this.key) ?? this.memo;
    if (pending && typeof pending.id === 'string' && pending.sig === sig) return pending.id;
    this.memo = { id: newClientId(), sig };
    writeJson(this.kv, this.key, this.memo);
    return this.memo.id;
  }

  done(): void {
    this.memo = undefined;
    writeJson(this.kv, this.key, undefined);
  }
}
