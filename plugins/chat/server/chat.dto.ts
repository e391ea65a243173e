import type { Selectable } from 'kysely';
import { avatarUrl, type PluginContent } from '../../../core/src/index.js';
import type { DialogDto, EarlierDialogDto, MessageDto, OperatorCard, PageView, VisitorBrief, VisitorDto } from '../shared/chat.protocol.js';
import { withHost } from './attachments.service.js';
import type { ChatTables } from './chat.tables.js';

type Row<T extends keyof ChatTables> = Selectable<ChatTables[T]>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `ctx.publicUrl` makes the avatar's address absolute: widgets run on visitors' sites (A4). */
export function operatorCard(ctx: { content: PluginContent; publicUrl: string }, userId: number): OperatorCard {
  const user = ctx.content.user(userId);
  const name = [user?.firstName, user?.lastName].filter(Boolean).join(' ').trim();
  return { id: userId, name: name || user?.email || '', avatarUrl: avatarUrl(user, ctx.publicUrl) };
}

/** `ctx.publicUrl` makes the stored (host-less) file URLs absolute. */
export function toMessage(row: Row<'chat_messages'>, ctx: { content: PluginContent; publicUrl: string }, visitorName: string): MessageDto {
  const author =
    row.author_kind === 'operator' && row.author_user_id !== null
      ? { kind: 'operator' as const, userId: row.author_user_id, ...pick(operatorCard(ctx, row.author_user_id)) }
      : { kind: row.author_kind, userId: null, name: row.author_kind === 'visitor' ? visitorName : (row.author_name ?? ''), avatarUrl: null };
  return {
    id: row.id,
    dialogId: row.dialog_id,
    clientId: row.client_id,
    author,
    text: row.text,
    attachments: (JSON.parse(row.attachments) as MessageDto['attachments']).map((a) => withHost(a, ctx.publicUrl)),
    createdAt: iso(row.created_at)!,
    editedAt: iso(row.edited_at),
    ...(row.kind === null ? {} : { kind: row.kind, payload: row.payload === null ? null : (JSON.parse(row.payload) as unknown) }),
  };
}

const pick = ({ name, avatarUrl }: OperatorCard) => ({ name, avatarUrl });

export const visitorName = (v: Pick<Row<'chat_visitors'>, 'name' | 'generated_name'>) => v.name ?? v.generated_name;

/** The visitor without their page history (`visitor.arrived`): the rest is a few hundred bytes. */
export function toVisitorBrief(row: Row<'chat_visitors'>, engaged: boolean, openDialogId: string | null): VisitorBrief {
  return {
    id: row.id,
    siteId: row.site_id,
    name: visitorName(row),
    email: row.email,
    phone: row.phone,
    notes: row.notes,
    device: row.device,
    browser: row.browser,
    os: row.os,
    location: row.location,
    activity: row.activity,
    chatOpen: row.chat_open === 1,
    engaged,
    openDialogId,
    blocked: row.blocked === 1,
    firstSeenAt: iso(row.first_seen_at)!,
    lastSeenAt: iso(row.last_seen_at)!,
  };
}

export const toPageView = (p: Pick<Row<'chat_page_views'>, 'url' | 'title' | 'referrer' | 'at' | 'left_at'>): PageView => ({
  url: p.url,
  title: p.title,
  referrer: p.referrer,
  at: iso(p.at)!,
  leftAt: iso(p.left_at),
});

export function toVisitor(row: Row<'chat_visitors'>, pages: Row<'chat_page_views'>[], engaged: boolean, openDialogId: string | null): VisitorDto {
  return {
    ...toVisitorBrief(row, engaged, openDialogId),
    page: row.page_url === null ? null : { url: row.page_url, title: row.page_title ?? '', referrer: row.referrer ?? '' },
    pages: pages.map(toPageView),
  };
}

export function toDialog(row: Row<'chat_dialogs'>, name: string, lastMessage: MessageDto | null): DialogDto {
  return {
    id: row.id,
    siteId: row.site_id,
    visitorId: row.visitor_id,
    visitorName: name,
    status: row.status,
    initiator: row.initiator,
    assigneeId: row.assignee_id,
    departmentId: row.department_id,
    important: row.important === 1,
    leadClass: row.lead_class,
    rating: row.rating,
    lastMessage,
    createdAt: iso(row.created_at)!,
    closedAt: iso(row.closed_at),
    visitorReadAt: iso(row.visitor_read_at),
    operatorReadAt: iso(row.operator_read_at),
  };
}

/** A closed dialog for its visitor's widget: no assignee, department or lead class — those are the operators'. */
export function toEarlier(row: Row<'chat_dialogs'>): Omit<EarlierDialogDto, 'messages'> {
  return { id: row.id, createdAt: iso(row.created_at)!, closedAt: iso(row.closed_at) };
}
