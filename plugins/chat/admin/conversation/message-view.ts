import type { AttachmentDto, AuthorKind, MessageDto } from '../../shared/chat.protocol';
import type { OutgoingMessage } from './outbox.service';

/** C8 send state of the operator's own messages (then read receipts: the visitor has seen it); null on everyone else's. */
export type SendState = 'sending' | 'sent' | 'read' | 'error';

/** One row of the conversation: a stored message, or one of the operator's still in the outbox. */
export interface MessageView {
  /** Stable across the switch from outbox entry to stored message, so the row is not re-created. */
  key: string;
  /** The stored message (null while it is only in the outbox). */
  message: MessageDto | null;
  clientId: string;
  kind: AuthorKind;
  authorName: string;
  own: boolean;
  text: string;
  attachments: AttachmentDto[];
  createdAt: string;
  editedAt: string | null;
  state: SendState | null;
  /** The server's refusal of an outbox entry. */
  error: string;
}

/** `visitorReadAt`: the visitor's "read up to" mark in this dialog. */
export function storedView(message: MessageDto, me: number, visitorReadAt: string | null): MessageView {
  const own = message.author.kind === 'operator' && message.author.userId === me;
  return {
    key: own ? `own:${message.clientId}` : message.id,
    message,
    clientId: message.clientId,
    kind: message.author.kind,
    authorName: message.author.name,
    own,
    text: message.text,
    attachments: message.attachments,
    createdAt: message.createdAt,
    editedAt: message.editedAt,
    state: own ? (visitorReadAt && message.createdAt <= visitorReadAt ? 'read' : 'sent') : null,
    error: '',
  };
}

export function pendingView(entry: OutgoingMessage, myName: string): MessageView {
  return {
    key: `own:${entry.clientId}`,
    message: null,
    clientId: entry.clientId,
    kind: 'operator',
    authorName: myName,
    own: true,
    text: entry.text,
    attachments: entry.attachments,
    createdAt: entry.createdAt,
    editedAt: null,
    state: entry.state,
    error: entry.error,
  };
}
