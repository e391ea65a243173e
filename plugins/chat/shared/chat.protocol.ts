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

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export type ActivityState = 'active' | 'hidden' | 'left';
export type OperatorStatus = 'online' | 'away' | 'offline';
export type DialogStatus = 'open' | 'closed';
export type DialogSection = 'mine' | 'common' | 'archive' | 'important' | 'blocked';
export type AuthorKind = 'visitor' | 'operator' | 'system';
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
  text: string;
  attachments: AttachmentDto[];
  createdAt: string;
  editedAt: string | null;
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
  blocked: boolean;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface DialogDto {
  id: string;
  siteId: string;
  visitorId: string;
  visitorName: string;
  status: DialogStatus;
  initiator: 'visitor' | 'operator';
  assigneeId: number | null;
  departmentId: string | null;
  important: boolean;
  leadClass: LeadClass;
  rating: number | null;
  lastMessage: MessageDto | null;
  createdAt: string;
  closedAt: string | null;
}

export interface OperatorCard {
  id: number;
  name: string;
  avatarUrl: string | null;
}

/** What a visitor's widget gets on connect and after every reconnect. */
export interface VisitorState {
  visitorId: string;
  online: boolean;
  operators: OperatorCard[];
  dialog: DialogDto | null;
  messages: MessageDto[];
}

// ---- visitor → server (namespace /chat, visitor token) ----
export interface VisitorToServer {
  'visitor.hello': (p: { page: PageInfo; activity: ActivityState }, ack: (r: Ack<VisitorState>) => void) => void;
  'visitor.page': (p: PageInfo, ack: (r: Ack<null>) => void) => void;
  'visitor.activity': (p: { state: ActivityState; chatOpen?: boolean }, ack: (r: Ack<null>) => void) => void;
  'message.send': (p: { clientId: string; text: string; attachmentIds?: string[] }, ack: (r: Ack<MessageDto>) => void) => void;
  /** The draft as typed (C6); throttled by the widget, at most a few per second. */
  typing: (p: { draft: string }, ack: (r: Ack<null>) => void) => void;
  'rating.submit': (p: { dialogId: string; rating: number; comment?: string }, ack: (r: Ack<null>) => void) => void;
  'offline.submit': (p: { name: string; email: string; phone?: string; text: string }, ack: (r: Ack<null>) => void) => void;
}

// ---- server → visitor ----
export interface ServerToVisitor {
  'message.created': (m: MessageDto) => void;
  'message.updated': (m: MessageDto) => void;
  'operators.changed': (p: { online: boolean; operators: OperatorCard[] }) => void;
  'rating.requested': (p: { dialogId: string }) => void;
  'dialog.closed': (p: { dialogId: string }) => void;
  'operator.typing': (p: { dialogId: string; typing: boolean }) => void;
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
  /** C14 to an online operator; transfer to a department arrives with departments (A5). */
  'dialog.transfer': (p: { dialogId: string; toUserId: number }, ack: (r: Ack<DialogDto>) => void) => void;
  'dialog.close': (p: { dialogId: string }, ack: (r: Ack<DialogDto>) => void) => void;
  'dialog.important': (p: { dialogId: string; important: boolean }, ack: (r: Ack<DialogDto>) => void) => void;
  'dialog.classify': (p: { dialogId: string; leadClass: LeadClass }, ack: (r: Ack<DialogDto>) => void) => void;
  'dialog.requestRating': (p: { dialogId: string }, ack: (r: Ack<null>) => void) => void;
  'dialog.transcript': (p: { dialogId: string; email: string }, ack: (r: Ack<null>) => void) => void;
  'visitor.update': (p: { visitorId: string; name?: string; email?: string; phone?: string; notes?: string }, ack: (r: Ack<VisitorDto>) => void) => void;
  'visitor.block': (p: { visitorId: string; blocked: boolean }, ack: (r: Ack<VisitorDto>) => void) => void;
  'operator.typing': (p: { dialogId: string; typing: boolean }, ack: (r: Ack<null>) => void) => void;
}

// ---- server → operator ----
export interface ServerToOperator {
  'visitor.updated': (v: VisitorDto) => void;
  'dialog.updated': (d: DialogDto) => void;
  'message.created': (m: MessageDto) => void;
  'message.updated': (m: MessageDto) => void;
  /** The visitor's draft (C6); an empty draft means they stopped typing or sent it. */
  'visitor.typing': (p: { dialogId: string | null; visitorId: string; draft: string }) => void;
  'operators.status': (p: { userId: number; status: OperatorStatus }) => void;
}

/** Limits both sides enforce (the server is the authority). */
export const CHAT_LIMITS = {
  messageLength: 5000,
  draftLength: 5000,
  editWindowMs: 10 * 60 * 1000,
  fileBytes: 10 * 1024 * 1024,
  /** C7: the allowed types, checked by content on the server. */
  fileExtensions: ['jpg', 'jpeg', 'png', 'gif', 'psd', 'pdf', 'txt', 'doc', 'docx', 'bmp', 'zip', 'rar', 'wav', 'xlsx', 'xls', 'webm'],
  /** The panel shows an error mark on a message not acknowledged within this time (C8). */
  ackTimeoutMs: 5000,
} as const;
