import { plainStringify } from '../../../widget/src/host/plain-json.js';

/** What the widget needs of localStorage; null where storage is blocked (privacy modes, sandboxes). */
export interface KeyValue {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export function readJson<T>(kv: KeyValue | null, key: string): T | undefined {
  try {
    const raw = kv?.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

export function writeJson(kv: KeyValue | null, key: string, value: unknown): void {
  try {
    if (value === undefined) kv?.removeItem(key);
    // Plain: a page's Array.prototype.toJSON would store arrays as strings (plain-json.ts).
    else kv?.setItem(key, plainStringify(value));
  } catch {
    /* quota or blocked: the state lives in memory only */
  }
}
