import * as parser from 'socket.io-parser';
import { withPlainJson } from './plain-json.js';

// Apart from plain-json.ts, so the chat's storage, which needs plainStringify, does not pull the parser into a shared chunk.
class PlainEncoder extends parser.Encoder {
  override encode(packet: parser.Packet): ReturnType<parser.Encoder['encode']> {
    return withPlainJson(() => super.encode(packet));
  }
}

/** socket.io's own parser (decoding is unaffected: JSON.parse knows no toJSON), encoding plain JSON. */
export const plainJsonParser = { ...parser, Encoder: PlainEncoder };
