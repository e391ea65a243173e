/**
 * The widget runs on pages it does not control. Old libraries (Prototype.js) put a `toJSON` on
 * `Array.prototype`, which `JSON.stringify` obeys: every socket frame `["event", payload]` then goes
 * out as a JSON string of a string, the server drops it as malformed and the socket reconnects
 * forever. While the widget encodes, such a `toJSON` is set aside and put back right after.
 */
const PROTOTYPES: object[] = [Array.prototype, Object.prototype];

export function withPlainJson<T>(encode: () => T): T {
  const hidden = PROTOTYPES.flatMap((proto) => {
    const own = Object.getOwnPropertyDescriptor(proto, 'toJSON');
    if (!own?.configurable) return [];
    delete (proto as { toJSON?: unknown }).toJSON;
    return [{ proto, own }];
  });
  try {
    return encode();
  } finally {
    for (const { proto, own } of hidden) Object.defineProperty(proto, 'toJSON', own);
  }
}

/** JSON text of `value` as JSON.stringify gives it on a page that changed nothing. */
export const plainStringify = (value: unknown): string => withPlainJson(() => JSON.stringify(value));
