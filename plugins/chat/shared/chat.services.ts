import { createServiceRef, type ServiceRef } from '../../../core/src/index.js';
import type { ChatActor, ChatChannel, ChatRoute } from './chat.events.js';
import type { DialogDto, MessageDto, OperatorCard, VisitorDto } from './chat.protocol.js';

/**
 * What other plugins of the suite do in the chat (issue 10, item 3): automation greets, a bot
 * answers, goals or calls leave a card in the conversation. A plugin lists `chat` in `dependsOn`
 * and calls `ctx.services.get(chatServiceRef)`. Every call names the account and is refused (404)
 * for a visitor or dialog of another; what is posted reaches the operators' panels and the
 * visitor's widget live, as a message typed there does, and is published as `chat.message.created`.
 */
export interface ChatService {
  /**
   * A message kind of the calling plugin, `<pluginId>.<name>`: a message of that kind is stored
   * only with a payload `parse` accepts (it throws otherwise), and stored as `parse` returns it.
   * Kept free of zod here: pass `schema.parse`.
   */
  registerMessageKind<T>(kind: string, parse: (payload: unknown) => T): void;
  /** Into the visitor's open dialog, or a new one the author opens. */
  postMessage(message: PostedMessage): Promise<MessageDto>;
  /** The visitor's open dialog, or a new one opened by `initiator` (unassigned, waiting for everyone). */
  openDialog(request: { accountId: string; visitorId: string; initiator?: ChatServiceActor; channel?: ChatChannel }): Promise<DialogDto>;
  /** A dialog of the account, or null. */
  getDialog(accountId: string, dialogId: string): Promise<DialogDto | null>;
  /** A visitor of the account with their card and page history, or null. */
  getVisitor(accountId: string, visitorId: string): Promise<VisitorDto | null>;
  /** The account's operators a visitor can reach now (online and connected), as the widget shows them. */
  onlineOperators(accountId: string, siteId?: string): Promise<OperatorCard[]>;
  /** The same operators, each with the departments they are a member of (a visitor's call rings the dialog's department first). */
  onlineOperatorsWithDepartments(accountId: string, siteId?: string): Promise<(OperatorCard & { departmentIds: string[] })[]>;
  /** The visitor card's editable fields (C4); the panels are told. */
  setVisitorFields(accountId: string, visitorId: string, fields: VisitorFields): Promise<VisitorDto>;
  /**
   * A dialog's latest messages (at most `CHAT_LIMITS.historyMessages`), oldest first: for a
   * plugin's own view of the conversation (the call window's chat). 404 for another account's.
   */
  dialogMessages(accountId: string, dialogId: string): Promise<MessageDto[]>;
  /**
   * An operator answers through another plugin's UI, on the panel's own rules (`message.send`):
   * the dialog open, the text 1–`CHAT_LIMITS.messageLength` characters, the first answer claims an
   * unassigned dialog; the panels and the widget are told as for a message typed in the panel. The
   * calling plugin has checked that this operator may write in this dialog.
   */
  sendAsOperator(message: OperatorMessage): Promise<MessageDto>;
  /**
   * Every message stored or edited, in the core process that stored it, after it is stored and
   * told to the panels and the widget (keep it quick: it runs on the chat's hot path). Returns a
   * remover.
   */
  onMessage(listener: (message: MessageDto, dialog: { accountId: string; visitorId: string }) => void): () => void;
}

export interface OperatorMessage {
  accountId: string;
  userId: number;
  dialogId: string;
  /** Makes a retry idempotent, as the panel's `message.send`. */
  clientId: string;
  text: string;
}

/** Who posts or opens through the service: never an operator or the visitor (they use the panel and the widget). */
export type ChatServiceActor = { kind: 'system' } | { kind: 'plugin'; pluginId: string };
export type ChatServiceAuthor = ChatServiceActor | { kind: 'bot'; name: string };

export interface PostedMessage {
  accountId: string;
  visitorId: string;
  author: ChatServiceAuthor;
  /** Required unless `kind` is given; on a plugin kind, the plain text shown until a renderer draws it. */
  text?: string;
  /** A kind registered with `registerMessageKind`; its `payload` is validated by its parser. */
  kind?: string;
  payload?: unknown;
  /** Makes a retried post idempotent: the same id posts once. */
  clientId?: string;
}

export interface VisitorFields {
  name?: string;
  email?: string;
  phone?: string;
  notes?: string;
}

export const chatServiceRef: ServiceRef<ChatService> = createServiceRef<ChatService>('chat.conversations');

/** A dialog about to open without an operator who started it: the visitor wrote, or the system or a plugin opened it. */
export interface RoutingRequest {
  accountId: string;
  siteId: string;
  visitorId: string;
  initiator: ChatActor;
  channel: ChatChannel;
}

/**
 * Refines where a new dialog goes: gets the route the earlier hooks chose and returns a new one
 * (`userId`: assigned to that operator; `departmentId`: waiting in that department), or nothing to
 * keep it. Runs before the dialog is stored, once per dialog: keep it quick.
 */
export type RoutingHook = (request: RoutingRequest, route: ChatRoute) => Partial<ChatRoute> | undefined | Promise<Partial<ChatRoute> | undefined>;

/**
 * Issue 10, item 4: ordered hooks that route new dialogs. The chat's own rule (departments) is a
 * hook of order 0: one of a lower order runs before it, one of a higher order refines its route.
 */
export interface ChatRouting {
  /** Hooks run by `order` (100 unless told), then in the order added; returns a remover. */
  add(hook: RoutingHook, options?: { order?: number }): () => void;
}

export const chatRoutingRef: ServiceRef<ChatRouting> = createServiceRef<ChatRouting>('chat.routing');
