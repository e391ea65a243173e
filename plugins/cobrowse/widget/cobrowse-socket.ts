import type { Socket } from 'socket.io-client';
import type { Ack } from '../../chat/shared/chat.protocol.js';
import type { CobrowseAnswers, CobrowseFromVisitor, CobrowseToVisitor } from '../shared/cobrowse.protocol.js';

/** `/cobrowse` as socket.io-client types it for the visitor: the protocol's maps turned into handlers (types only: no bytes). */
type Answer<K> = K extends keyof CobrowseAnswers ? CobrowseAnswers[K] : null;
type Listen = { [K in keyof CobrowseToVisitor]: (payload: CobrowseToVisitor[K]) => void };
type Emit = { [K in keyof CobrowseFromVisitor]: (payload: CobrowseFromVisitor[K], ack: (r: Ack<Answer<K>>) => void) => void };
export type CobrowseSocket = Socket<Listen, Emit>;
