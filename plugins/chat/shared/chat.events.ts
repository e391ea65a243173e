/**
 * The chat's domain events (issue 10, item 1): what statistics, webhooks, CRM sync, goals and
 * automation react to. Each is published once, by the core process that made the change, after
 * the change committed — never for a change that was refused. Payloads are small plain JSON (they
 * go into the durable event log as they are): ids, the account and site always, `at` as epoch ms.
 */

/** Where a conversation happens. Only the widget today; messengers, e-mail and the API extend it. */
export type ChatChannel = 'widget' | 'offline-form' | (string & {});

/** Who did something to a dialog. */
export type ChatActor =
  | { kind: 'visitor'; visitorId: string }
  | { kind: 'operator'; userId: number }
  | { kind: 'system' }
  | { kind: 'plugin'; pluginId: string };

/** Who wrote a message. */
export type ChatMessageAuthor =
  | { kind: 'visitor'; visitorId: string }
  | { kind: 'operator'; userId: number }
  | { kind: 'system' }
  | { kind: 'bot'; name: string }
  | { kind: 'plugin'; pluginId: string };

/** Every chat event's payload names its tenant. */
interface Scoped {
  accountId: string;
  siteId: string;
  /** Epoch milliseconds. */
  at: number;
}

interface OfDialog extends Scoped {
  dialogId: string;
  visitorId: string;
}

/** Where a dialog is routed: an operator, a department, both or neither (waiting for everyone). */
export interface ChatRoute {
  userId: number | null;
  departmentId: string | null;
}

export interface ChatEvents {
  /** A visitor's widget greeted (every page load). */
  'chat.visitor.arrived': Scoped & { visitorId: string; pageUrl: string };
  /** The visitor's last tab closed. */
  'chat.visitor.left': Scoped & { visitorId: string };
  'chat.visitor.blocked': Scoped & { visitorId: string; by: ChatActor };
  'chat.visitor.unblocked': Scoped & { visitorId: string; by: ChatActor };
  'chat.dialog.opened': OfDialog & { initiator: ChatActor; channel: ChatChannel };
  /** An operator got an unassigned dialog: by their first answer, by starting to talk, or a routing hook chose them. */
  'chat.dialog.assigned': OfDialog & { userId: number; reason: 'firstAnswer' | 'start' | 'routing' };
  'chat.dialog.transferred': OfDialog & { from: ChatRoute; to: ChatRoute; by: ChatActor };
  'chat.dialog.closed': OfDialog & { by: ChatActor };
  'chat.dialog.rated': OfDialog & { rating: number; comment: string | null };
  'chat.dialog.classified': OfDialog & { leadClass: 'target' | 'non-target' | 'spam' | null; by: ChatActor };
  'chat.dialog.markedImportant': OfDialog & { important: boolean; by: ChatActor };
  'chat.message.created': OfDialog & {
    messageId: string;
    author: ChatMessageAuthor;
    channel: ChatChannel;
    text: string;
    attachments: number;
    /** A plugin-defined message kind (`<pluginId>.<name>`), or null for a plain message. */
    kind: string | null;
    /** The first message an operator wrote in this dialog (time-to-first-answer). */
    firstOperatorAnswer: boolean;
  };
  'chat.message.edited': OfDialog & { messageId: string; text: string; by: ChatActor };
  /** H6: stored and mailed (a refused or failed request is not one). */
  'chat.offlineRequest.created': OfDialog & { requestId: number; name: string; email: string; phone: string; text: string };
}

export type ChatEventName = keyof ChatEvents;

/** Every chat event, for those who subscribe to all of them (webhooks, tests). */
export const CHAT_EVENT_NAMES = [
  'chat.visitor.arrived',
  'chat.visitor.left',
  'chat.visitor.blocked',
  'chat.visitor.unblocked',
  'chat.dialog.opened',
  'chat.dialog.assigned',
  'chat.dialog.transferred',
  'chat.dialog.closed',
  'chat.dialog.rated',
  'chat.dialog.classified',
  'chat.dialog.markedImportant',
  'chat.message.created',
  'chat.message.edited',
  'chat.offlineRequest.created',
] as const satisfies readonly ChatEventName[];
// Fails to compile when an event is missing from the list.
type Missing = Exclude<ChatEventName, (typeof CHAT_EVENT_NAMES)[number]>;
export const CHAT_EVENT_NAMES_COMPLETE: Missing extends never ? true : never = true;

declare module '../../../core/src/kernel/events.js' {
  // Merges the chat's events into the core's map: the body is empty on purpose.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface CallpyEvents extends ChatEvents {}
}

/**
 * The events statistics and webhooks must not miss: once the core's durable log exists, these
 * are recorded in the transaction that made the change (`after.record`), the rest only published.
 */
export const CHAT_DURABLE_EVENTS = [
  'chat.dialog.opened',
  'chat.dialog.assigned',
  'chat.dialog.closed',
  'chat.dialog.rated',
  'chat.message.created',
  'chat.offlineRequest.created',
] as const satisfies readonly ChatEventName[];
