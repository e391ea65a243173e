/**
 * Small per-user values in localStorage (`callpy.chat.<name>.<userId>`): a shared computer may have
 * several operators signing in, each keeps their own. Storage may be unavailable (private mode,
 * quota): reads then give `undefined` and writes are dropped — the value lasts for this page only.
 */
export function readUserValue<T>(name: string, userId: number): T | undefined {
  try {
    const raw = localStorage.getItem(key(name, userId));
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

export function writeUserValue(name: string, userId: number, value: unknown): void {
  try {
    localStorage.setItem(key(name, userId), JSON.stringify(value));
  } catch {
    /* see above */
  }
}

function key(name: string, userId: number): string {
  return `callpy.chat.${name}.${userId}`;
}
