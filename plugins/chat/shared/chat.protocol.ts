/**
 * The chat plugin's wire contract: DTOs and socket events on namespace `/chat`, shared by the
 * server, the widget (visitor side) and the panel (operator side). Types only — importing this
 * file adds no code to a bundle.
 *
 * Every client→server event is acknowledged with `Ack<T>`: `{ ok: true, data }` after the change
 * is stored, or `{ ok: false, error }` with a message fit for the user. A message carries a
 * `clientId` the sender chose; the server stores a clientId once and answers a repeat with the
 * stored message, so a sender may retry until acknowledged without creating duplicates.
 */

import type { SiteNotifications } from './chat-site-settings.js';
import type { WidgetDesign } from '../../../widget/src/design.js';

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export type ActivityState = 'active' | 'hidden' | 'left';
export type OperatorStatus = 'online' | 'away' | 'offline';
export type DialogStatus = 'open' | 'closed';
export type DialogSection = 'mine' | 'common' | 'archive' | 'important' | 'blocked';
/** `bot` and `plugin`: messages other plugins post through the chat's service (shared/chat.services.ts). */
export type AuthorKind = 'visitor' | 'operator' | 'system' | 'bot' | 'plugin';
export type LeadClass = 'target' | 'non-target' | 'spam' | null;

export interface PageInfo {
  url: string;
  title: string;
  referrer: string;
}

export interface PageView extends PageInfo {
  at: string;
  leftAt: string | null;
}

export interface AttachmentDto {
  id: string;
  name: string;
  mime: string;
  size: number;
  /** Absolute URL; images carry their own preview. */
  url: string;
  isImage: boolean;
}

export interface MessageDto {
  id: string;
  dialogId: string;
  clientId: string;
  author: { kind: AuthorKind; userId: number | null; name: string; avatarUrl: string | null };
  /** On a plugin-defined message the plain fallback until its plugin's renderer draws `payload`. */
  text: string;
  attachments: AttachmentDto[];
  createdAt: string;
  editedAt: string | null;
  /** A plugin-defined kind `<pluginId>.<name>` with the payload its plugin validated; absent on plain messages. */
  kind?: string;
  payload?: unknown;
}

export interface VisitorDto {
  id: string;
  siteId: string;
  /** Generated (geolocation or random) until an operator renames the visitor. */
  name: string;
  email: string;
  phone: string;
  notes: string;
  device: 'desktop' | 'mobile' | 'tablet';
  browser: string;
  os: string;
  location: string;
  activity: ActivityState;
  page: PageInfo | null;
  pages: PageView[];
  chatOpen: boolean;
  engaged: boolean;
  /** The visitor's open dialog, if any (one at most): clicking the visitor opens it. */
  openDialogId: string | null;
  blocked: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** A visitor without their page history: what `visitor.arrived` carries (the view comes beside it). */
export type VisitorBrief = Omit<VisitorDto, 'page' | 'pages'>;

/** What `visitor.activity` and a visitor's leaving change, and all they change. */
export interface VisitorPresence {
  visitorId: string;
  activity: ActivityState;
  chatOpen: boolean;
  lastSeenAt: string;
}

/** `visitor.hello`: a page of the visitor's opened (or reloaded), and the visitor as they are now. */
export interface VisitorArrival {
  visitor: VisitorBrief;
  /** The page just opened; it is the visitor's `page` now, and the view before it ended at `view.at`. */
  view: PageView;
}

export interface DialogDto {
  id: string;
  siteId: string;
  visitorId: string;
  visitorName: string;
  status: DialogStatus;
  /** `system`: opened by the system or another plugin (shared/chat.services.ts). */
  initiator: 'visitor' | 'operator' | 'system';
  assigneeId: number | null;
  departmentId: string | null;
  important: boolean;
  leadClass: LeadClass;
  rating: number | null;
  lastMessage: MessageDto | null;
  createdAt: string;
  closedAt: string | null;
  /** Read receipts: the visitor / an operator has seen every message created up to this time (null: none yet). */
  visitorReadAt: string | null;
  operatorReadAt: string | null;
}

/** Who of a dialog's two sides read: the visitor, or (any) operator of the account. */
export type ReadSide = 'visitor' | 'operator';

/** A side's "read up to" mark moved forward. */
export interface DialogRead {
  dialogId: string;
  side: ReadSide;
  readAt: string;
}

export interface OperatorCard {
  id: number;
  name: string;
  avatarUrl: string | null;
}

/** An operator of the account as the panel lists them (transfer targets, assignee names). */
export interface OperatorDto extends OperatorCard {
  status: OperatorStatus;
  /** At least one panel of theirs is connected (on any core process). */
  connected: boolean;
  departmentIds: string[];
}

/** A5: a department of the account (admin content, kept in the CMS). */
export interface DepartmentDto {
  id: string;
  name: string;
  memberIds: number[];
}

/** A site of the account as operators' panels know it: C20, which notifications its operators may get (their own switches narrow this further). */
export interface SiteBriefDto {
  id: string;
  name: string;
  notifications: SiteNotifications;
}

/** C11: an operator's own quick reply. */
export interface QuickReplyDto {
  id: string;
  text: string;
  uses: number;
  createdAt: string;
}

/** C12: a template shared by all operators of the account. */
export interface TemplateDto {
  id: string;
  name: string;
  text: string;
  updatedAt: string;
  /** The operator who wrote it: they and the account's admins may change it (null: written before authors were kept — admins only). */
  authorId: number | null;
}

/**
 * C17: the dialog toolbar's secondary actions, which an operator may pin as quick buttons. Closing
 * the dialog is a main button, always shown, and not in this list.
 */
export const PINNABLE_ACTIONS = ['transfer', 'important', 'rating', 'transcript', 'rename', 'block'] as const;
export type PinnableAction = (typeof PINNABLE_ACTIONS)[number];

/**
 * C17 for other plugins: a secondary toolbar action a plugin adds (the panel's slot
 * DIALOG_TOOLBAR_ACTIONS), named `<pluginId>.<actionId>`, pinnable like the chat's own.
 */
export type PluginActionId = `${string}.${string}`;
export const PLUGIN_ACTION_ID = /^[a-z][a-z0-9-]{0,39}\.[A-Za-z0-9_-]{1,40}$/;
export type QuickActionId = PinnableAction | PluginActionId;
/** The chat's own pinnable actions and room for plugins' ones. */
export const QUICK_ACTIONS_MAX = 20;

export function isQuickActionId(id: string): id is QuickActionId {
  return (PINNABLE_ACTIONS as readonly string[]).includes(id) || PLUGIN_ACTION_ID.test(id);
}

/** C20: which events notify the operator, and whether with a sound. */
export interface NotifySettings {
  visitor: boolean;
  dialog: boolean;
  message: boolean;
  sound: boolean;
}

/**
 * C20 for other plugins: a kind of browser notification a plugin registers (the panel's slot
 * NOTIFICATION_KINDS), named `<pluginId>` or `<pluginId>.<name>`, switched in the chat's bell.
 */
export const PLUGIN_NOTIFY_KIND = /^[a-z][a-z0-9-]{0,39}(\.[A-Za-z0-9_-]{1,40})?$/;
/** Switches of plugins' kinds one operator may keep (kinds of plugins since removed included). */
export const PLUGIN_NOTIFY_MAX = 50;

/** An operator's own panel settings, kept on the server: every browser they sign in from has them. */
export interface OperatorPreferencesDto {
  /** C17: the pinned actions, in the order the quick bar shows them (a plugin's kept while it is off). */
  quickActions: QuickActionId[];
  notify: NotifySettings;
  /** C20: the switches of plugins' notification kinds by kind id; a kind not here is on. */
  pluginNotify: Record<string, boolean>;
}

/** What an operator who never changed a setting has. */
export const DEFAULT_OPERATOR_PREFERENCES: Readonly<OperatorPreferencesDto> = {
  quickActions: ['transfer', 'important'],
  notify: { visitor: true, dialog: true, message: true, sound: true },
  pluginNotify: {},
};

export type DialogCounts = Record<DialogSection, number>;

/** What a visitor's widget gets on connect and after every reconnect. */
export interface VisitorState {
  visitorId: string;
  online: boolean;
  operators: OperatorCard[];
  dialog: DialogDto | null;
  messages: MessageDto[];
  /** A closed dialog whose rating an operator asked for and the visitor has not given yet (C15). */
  ratingRequestedFor: string | null;
  /** The visitor has closed dialogs before the current one: the widget offers them (`visitor.history`). */
  earlier: boolean;
}

/** One of a returning visitor's closed dialogs, as their widget shows it above the current one. */
export interface EarlierDialogDto {
  id: string;
  createdAt: string;
  closedAt: string | null;
  /** Its latest messages, at most CHAT_LIMITS.historyMessages. */
  messages: MessageDto[];
}

// ---- visitor → server (namespace /chat, visitor token) ----
export interface VisitorToServer {
  'visitor.hello': (p: { page: PageInfo; activity: ActivityState; chatOpen?: boolean }, ack: (r: Ack<VisitorState>) => void) => void;
  'visitor.page': (p: PageInfo, ack: (r: Ack<null>) => void) => void;
  'visitor.activity': (p: { state: ActivityState; chatOpen?: boolean }, ack: (r: Ack<null>) => void) => void;
  /** `text` may be empty when `attachmentIds` (uploaded first, see CHAT_HTTP) are given. */
  'message.send': (p: { clientId: string; text: string; attachmentIds?: string[] }, ack: (r: Ack<MessageDto>) => void) => void;
  /** The draft as typed (C6); throttled by the widget, at most a few per second. */
  typing: (p: { draft: string }, ack: (r: Ack<null>) => void) => void;
  /** Read receipts: the widget is open on a visible tab and shows this message (of the visitor's own dialog) and all before it. */
  'messages.read': (p: { messageId: string }, ack: (r: Ack<null>) => void) => void;
  'rating.submit': (p: { dialogId: string; rating: number; comment?: string }, ack: (r: Ack<null>) => void) => void;
  /**
   * The visitor's own closed dialogs, newest first, CHAT_LIMITS.historyDialogs at a time; `before`
   * (one of their dialogs, else not_found) pages back from it.
   */
  'visitor.history': (p: { before?: string }, ack: (r: Ack<{ dialogs: EarlierDialogDto[]; more: boolean }>) => void) => void;
  /** `clientId` makes a retried submission send its mail once. */
  'offline.submit': (p: { clientId: string; name: string; email: string; phone?: string; text: string }, ack: (r: Ack<null>) => void) => void;
}

// ---- server → visitor ----
export interface ServerToVisitor {
  /** Every tab of the visitor but the one that sent it (that one has it in its acknowledgement). */
  'message.created': (m: MessageDto) => void;
  'message.updated': (m: MessageDto) => void;
  'operators.changed': (p: { online: boolean; operators: OperatorCard[] }) => void;
  'rating.requested': (p: { dialogId: string }) => void;
  'dialog.closed': (p: { dialogId: string }) => void;
  'operator.typing': (p: { dialogId: string; typing: boolean }) => void;
  /** Read receipts: either side's mark moved (the visitor's own too: their other tabs). */
  'dialog.read': (p: DialogRead) => void;
  /** B3–B8: the site's widget design was saved; the widget re-renders with it, no reload. */
  'design.updated': (design: WidgetDesign) => void;
  /** A8: the site's chat language was changed; the widget switches its words, no reload. */
  'site.updated': (p: { locale: 'ru' | 'en' }) => void;
}

// ---- operator → server (namespace /chat, user token) ----
export interface OperatorToServer {
  'operator.status': (p: { status: OperatorStatus }, ack: (r: Ack<{ status: OperatorStatus }>) => void) => void;
  'visitors.list': (p: Record<string, never>, ack: (r: Ack<VisitorDto[]>) => void) => void;
  'dialogs.list': (p: { section: DialogSection; status?: DialogStatus }, ack: (r: Ack<DialogDto[]>) => void) => void;
  'dialog.open': (p: { dialogId: string }, ack: (r: Ack<{ dialog: DialogDto; visitor: VisitorDto; messages: MessageDto[] }>) => void) => void;
  'dialog.start': (p: { visitorId: string }, ack: (r: Ack<DialogDto>) => void) => void;
  'message.send': (p: { dialogId: string; clientId: string; text: string; attachmentIds?: string[] }, ack: (r: Ack<MessageDto>) => void) => void;
  'message.edit': (p: { messageId: string; text: string }, ack: (r: Ack<MessageDto>) => void) => void;
  /** Read receipts: the dialog is open on a visible panel tab and shows this message (of the account's dialog) and all before it. */
  'messages.read': (p: { messageId: string }, ack: (r: Ack<null>) => void) => void;
  'dialogs.counts': (p: Record<string, never>, ack: (r: Ack<DialogCounts>) => void) => void;
  'operators.list': (p: Record<string, never>, ack: (r: Ack<OperatorDto[]>) => void) => void;
  'departments.list': (p: Record<string, never>, ack: (r: Ack<DepartmentDto[]>) => void) => void;
  'sites.list': (p: Record<string, never>, ack: (r: Ack<SiteBriefDto[]>) => void) => void;
  /** C14: exactly one of `toUserId` (an online operator) or `toDepartmentId` (its members see it in Common). */
  'dialog.transfer': (p: { dialogId: string; toUserId?: number; toDepartmentId?: string }, ack: (r: Ack<DialogDto>) => void) => void;
  'dialog.close': (p: { dialogId: string }, ack: (r: Ack<DialogDto>) => void) => void;
  'dialog.important': (p: { dialogId: string; important: boolean }, ack: (r: Ack<DialogDto>) => void) => void;
  'dialog.classify': (p: { dialogId: string; leadClass: LeadClass }, ack: (r: Ack<DialogDto>) => void) => void;
  'dialog.requestRating': (p: { dialogId: string }, ack: (r: Ack<null>) => void) => void;
  'dialog.transcript': (p: { dialogId: string; email: string }, ack: (r: Ack<null>) => void) => void;
  'visitor.update': (p: { visitorId: string; name?: string; email?: string; phone?: string; notes?: string }, ack: (r: Ack<VisitorDto>) => void) => void;
  'visitor.block': (p: { visitorId: string; blocked: boolean }, ack: (r: Ack<VisitorDto>) => void) => void;
  'operator.typing': (p: { dialogId: string; typing: boolean }, ack: (r: Ack<null>) => void) => void;
  // C11 quick replies (the operator's own) and C12 templates (shared by the account)
  'replies.list': (p: Record<string, never>, ack: (r: Ack<QuickReplyDto[]>) => void) => void;
  'replies.create': (p: { text: string }, ack: (r: Ack<QuickReplyDto>) => void) => void;
  /** Star a sent message: its text becomes a quick reply (once per text). */
  'replies.star': (p: { messageId: string }, ack: (r: Ack<QuickReplyDto>) => void) => void;
  /** Counts a use when the operator inserts the reply into the input. */
  'replies.use': (p: { id: string }, ack: (r: Ack<QuickReplyDto>) => void) => void;
  /** A new text for one of the operator's replies; its uses stay. */
  'replies.update': (p: { id: string; text: string }, ack: (r: Ack<QuickReplyDto>) => void) => void;
  'replies.delete': (p: { id: string }, ack: (r: Ack<null>) => void) => void;
  'templates.list': (p: Record<string, never>, ack: (r: Ack<TemplateDto[]>) => void) => void;
  /** Creates (no id; any operator of the account) or updates a template (its author or an admin). */
  'templates.save': (p: { id?: string; name: string; text: string }, ack: (r: Ack<TemplateDto>) => void) => void;
  /** Its author or an admin. */
  'templates.delete': (p: { id: string }, ack: (r: Ack<null>) => void) => void;
  // The operator's own settings (C17 quick buttons, C20 notifications); always the caller's own.
  'preferences.get': (p: Record<string, never>, ack: (r: Ack<OperatorPreferencesDto>) => void) => void;
  /** Replaces each field given (at least one); answers the whole, as stored. */
  'preferences.save': (p: Partial<OperatorPreferencesDto>, ack: (r: Ack<OperatorPreferencesDto>) => void) => void;
}

// ---- server → operator ----
export interface ServerToOperator {
  /**
   * The whole visitor, page history included: only for what operators change (`visitor.update`,
   * `visitor.block`), a dialog started or an offline request — rare, and caused by a person, not
   * by a visitor's browser. What a visitor's browser causes comes as the deltas below.
   */
  'visitor.updated': (v: VisitorDto) => void;
  /**
   * `visitor.hello` (a page load, a reload, a reconnect): the visitor without their history plus
   * the page just opened. Why not the whole visitor: its up to `CHAT_LIMITS.pagesKept` views make
   * every reload a large frame to every panel. Why not only what changed: the server cannot know
   * which panels know the visitor (one who left long ago is not in their lists), and the fields
   * besides the history are a few hundred bytes. A panel that knows the visitor takes these
   * fields and appends the view to the history it has (as for `visitor.pageViewed`); one that
   * does not adds the visitor with this view as their history (`dialog.open` brings the rest).
   */
  'visitor.arrived': (p: VisitorArrival) => void;
  /**
   * `visitor.activity` (tab shown or hidden, chat window opened or closed) and a visitor whose last
   * tab closed (`activity: 'left'`; their open page view then ended at `lastSeenAt`). Only for a
   * visitor the panel knows: an arrival comes first.
   */
  'visitor.presence': (p: VisitorPresence) => void;
  /**
   * The visitor moved to another page: only the new view, not the whole visitor (whose history of
   * up to `CHAT_LIMITS.pagesKept` pages would make every navigation a large frame to every panel).
   * The view before it ended at `view.at`; the visitor's `page` is now this one.
   */
  'visitor.pageViewed': (p: { visitorId: string; view: PageView; lastSeenAt: string }) => void;
  /**
   * A dialog's own fields changed: it is new (it then comes right after its first message's
   * `message.created`), or its assignee, status, department, importance, lead class or rating
   * changed, or its visitor was blocked. Not sent for a new or edited message alone: the panel
   * takes those from `message.created` / `message.updated` (one frame per message).
   */
  'dialog.updated': (d: DialogDto) => void;
  /**
   * Also the dialog's new last message: the panel updates the dialog's place in its list, its
   * unread mark and, for a visitor's message, clears that visitor's typing preview. Like every
   * `message.created`, not sent to the socket that sent the message: it has it in its acknowledgement.
   */
  'message.created': (m: MessageDto) => void;
  /** An edit; when it is the dialog's last message, the list shows the new text. */
  'message.updated': (m: MessageDto) => void;
  /** Read receipts: either side's mark moved (not sent as a whole `dialog.updated`). */
  'dialog.read': (p: DialogRead) => void;
  /**
   * The visitor's draft (C6); an empty draft means they stopped typing. A sent message ends the
   * draft without one: its `message.created` clears the preview.
   */
  'visitor.typing': (p: { dialogId: string | null; visitorId: string; draft: string }) => void;
  'operators.status': (p: { userId: number; status: OperatorStatus }) => void;
  /** Counters changed (C1/C2); each operator receives their own "mine". */
  'dialogs.counts': (c: DialogCounts) => void;
  'templates.changed': (t: TemplateDto[]) => void;
  /** A site's name or notification settings changed (C20). */
  'site.updated': (s: SiteBriefDto) => void;
  /** The operator's settings were saved from another panel of theirs (not sent to the one that saved). */
  'preferences.changed': (p: OperatorPreferencesDto) => void;
}

/**
 * C7 files travel over HTTP, not the socket: upload first (multipart field `file`), then send a
 * message with the returned ids. The server checks the type by the file's content (a PDF renamed to
 * `.png` is refused), the size, and that the uploader may use the dialog. Errors are
 * `{ error: { code, message } }` with 400 (`file_missing`, `file_type`), 413 (`file_too_large`).
 * The file URL is unguessable (signed), so it works in `<img src>` without a header.
 */
export const CHAT_HTTP = {
  /** Visitor: `Authorization: Bearer <visitor token>`; → 201 AttachmentDto. */
  visitorUpload: '/api/chat/public/attachments',
  /** Operator: user access token; `?dialogId=` names the dialog it is for; → 201 AttachmentDto. */
  operatorUpload: '/api/chat/attachments',
  /** `GET <files>/<id>/<signature>/<name>` serves the bytes with the checked content type. */
  files: '/api/chat/public/files',
} as const;

/** Limits both sides enforce (the server is the authority). */
export const CHAT_LIMITS = {
  messageLength: 5000,
  draftLength: 5000,
  /** C11, C12: an operator's quick reply; a shared template's name and text. */
  quickReplyLength: 2000,
  templateNameLength: 100,
  templateLength: 5000,
  editWindowMs: 10 * 60 * 1000,
  /** C4: the page views kept per visitor, the most recent; older ones are deleted as new ones come. */
  pagesKept: 50,
  fileBytes: 10 * 1024 * 1024,
  /** C7: the largest image accepted, by the size its header declares (`image_too_large`). */
  imageSide: 10_000,
  imagePixels: 40_000_000,
  /** C7: the allowed types, checked by content on the server. */
  fileExtensions: ['jpg', 'jpeg', 'png', 'gif', 'psd', 'pdf', 'txt', 'doc', 'docx', 'bmp', 'zip', 'rar', 'wav', 'xlsx', 'xls', 'webm'],
  /** `visitor.history`: closed dialogs per page, and the latest messages of each. */
  historyDialogs: 3,
  historyMessages: 100,
  /** `dialogs.list` answers at most this many dialogs, the most recently active first. */
  dialogsListed: 200,
  /** The panel shows an error mark on a message not acknowledged within this time (C8). */
  ackTimeoutMs: 5000,
} as const;
