import { READ_ONLY_MESSAGE } from '../http/http-error.js';
import type { SocketResponse } from '../kernel/plugin.types.js';

/** The acknowledgement of a socket event a support visit may not send (issue 15): it writes. */
export const readOnlyAck: SocketResponse = { ok: false, error: { code: 'read_only', message: READ_ONLY_MESSAGE } };
