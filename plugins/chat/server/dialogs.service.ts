import { randomUUID } from 'node:crypto';
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool, type Updateable } from 'kysely';
import { type AfterCommit, HttpError, type Locale, notFound, preparedQuery } from '../../../core/src/index.js';
import { CHAT_LIMITS, type DialogCounts, type DialogDto, type DialogSection, type DialogStatus, type LeadClass } from '../shared/chat.protocol.js';
import type { ChatActor, ChatChannel } from '../shared/chat.events.js';
import { announce } from './chat.announce.js';
import type { ChatRoutingHooks } from './chat-routing.js';
import type { DepartmentsDirectory } from './departments/departments.directory.js';
import type { ChatContext } from './chat.db.js';
import { toDialog, toMessage, visitorName } from './chat.dto.js';
import type { ChatTables } from './chat.tables.js';
import type { MessagesService } from './messages.service.js';

export type DialogRow = Selectable<ChatTables['chat_dialogs']>;

/** What every event about a dialog names: the dialog, its visitor and tenant. */
export const dialogScope = (d: Pick<DialogRow, 'id' | 'account_id' | 'site_id' | 'visitor_id'>, at = Date.now()) => ({
  accountId: d.account_id,
  siteId: d.site_id,
  dialogId: d.id,
  visitorId: d.visitor_id,
  at,
});

/** Events to queue with a dialog's change, from the row before and after it. */
type DialogEvents = (after: AfterCommit, before: DialogRow, row: DialogRow) => void;

const SECTIONS: readonly DialogSection[] = ['mine', 'common', 'archive', 'important', 'blocked'];

/**
 * `status = 'open'` written into the SQL rather than bound: SQLite plans a statement anew on every
 * run when a bound value could decide whether a partial index (`chat_dialogs_one_open`) applies,
 * which tripled the cost of the hot path's reads.
 */
export const OPEN = sql.lit<'open'>('open');

/** Columns whose change moves a dialog between sections (and so changes the counters). */
const ROUTING_COLUMNS = ['assignee_id', 'department_id', 'status', 'important'] as const;

/** Who is looking: sections and counters depend on it (C2). */
interface Viewer {
  userId: number;
  /** Departments the viewer is a member of. */
  memberOf: string[];
  /** Every department of the account: a dialog of a deleted department counts as unrouted. */
  departments: string[];
}

type DialogsAndVisitors = ExpressionBuilder<ChatTables, 'chat_dialogs' | 'chat_visitors'>;

/**
 * C2 as the product guide defines it: My messages hold dialogs assigned to me and unassigned ones of
 * my department (with no departments in the account: every new dialog); Common messages hold those
 * assigned to another operator or waiting in another department. A dialog of no department, or of
 * one since deleted, waits for everyone. So each open dialog is in exactly one of the two.
 */
function routing(eb: DialogsAndVisitors, viewer: Viewer): { mine: Expression<SqlBool>; common: Expression<SqlBool> } {
  const assignee = 'chat_dialogs.assignee_id';
  const department = 'chat_dialogs.department_id';
  const unassigned = eb(assignee, 'is', null);
  const mineAssigned = eb(assignee, '=', viewer.userId);
  const assignedToOther = eb.and([eb(assignee, 'is not', null), eb(assignee, '!=', viewer.userId)]);
  const others = viewer.departments.filter((d) => !viewer.memberOf.includes(d));
  if (!others.length) return { mine: eb.or([mineAssigned, unassigned]), common: assignedToOther };
  const waitingElsewhere = eb.and([unassigned, eb(department, 'in', others)]);
  return {
    mine: eb.or([mineAssigned, eb.and([unassigned, eb.or([eb(department, 'is', null), eb.not(eb(department, 'in', others))])])]),
    common: eb.or([assignedToOther, waitingElsewhere]),
  };
}

/** The one definition of each section, shared by the lists and the counters. */
function inSection(eb: DialogsAndVisitors, section: DialogSection, viewer: Viewer): Expression<SqlBool> {
  const open = eb('chat_dialogs.status', '=', OPEN);
  const notBlocked = eb('chat_visitors.blocked', '=', 0);
  switch (section) {
    case 'mine':
      return eb.and([open, notBlocked, routing(eb, viewer).mine]);
    case 'common':
      return eb.and([open, notBlocked, routing(eb, viewer).common]);
    case 'archive':
      return eb('chat_dialogs.status', '=', 'closed');
    case 'important':
      return eb('chat_dialogs.important', '=', 1);
    case 'blocked':
      return eb('chat_visitors.blocked', '=', 1);
  }
}

const TRANSFER_NOTE: Record<Locale, { department: (name: string) => string; operator: (name: string) => string }> = {
  ru: { department: (name) => `Диалог передан в отдел «${name}»`, operator: (name) => `Диалог передан оператору ${name}` },
  en: { department: (name) => `The dialog was transferred to the department "${name}"`, operator: (name) => `The dialog was transferred to ${name}` },
};

/** Dialogs: who started, who answers, where they are listed (C1, C2, C5, C13–C15, C18), transfer (C14). */
export class DialogsService {
  private readonly listeners = new Set<(accountId: string) => void>();
  private readonly visitorWithOpenDialog;

  constructor(
    private readonly ctx: ChatContext,
    private readonly messages: MessagesService,
    private readonly routing: ChatRoutingHooks,
    private readonly departments: DepartmentsDirectory,
  ) {
    const db = ctx.db.kysely;
    this.visitorWithOpenDialog = preparedQuery(db, ({ visitorId }: { visitorId: string }) =>
      db
        .selectFrom('chat_visitors as v')
        .leftJoin('chat_dialogs as d', (join) => join.onRef('d.visitor_id', '=', 'v.id').on('d.status', '=', OPEN))
        .select(['v.blocked', 'v.name', 'v.generated_name'])
        .selectAll('d')
        .where('v.id', '=', visitorId),
    );
  }

  private get db() {
    return this.ctx.db.kysely;
  }

  /** Called after a dialog of the account was created or moved between sections. */
  onChange(listener: (accountId: string) => void): void {
    this.listeners.add(listener);
  }

  /** For moves decided elsewhere: a blocked visitor's dialogs go to Blocked. */
  notifyChanged(accountId: string): void {
    for (const listener of this.listeners) listener(accountId);
  }

  openOf(visitorId: string): Promise<DialogRow | undefined> {
    return this.db.selectFrom('chat_dialogs').selectAll().where('visitor_id', '=', visitorId).where('status', '=', OPEN).executeTakeFirst();
  }

  /**
   * What a visitor's message needs, in one query (the hot path): whether they are blocked, their
   * name, and their open dialog. Read from the database on every message, never cached: another
   * core process may block the visitor or close the dialog meanwhile.
   */
  async forVisitorMessage(visitorId: string): Promise<{ blocked: boolean; visitorName: string; open: DialogRow | undefined }> {
    const [row] = await this.visitorWithOpenDialog({ visitorId });
    // A socket that sends before `visitor.hello` has no visitor row yet (the widget always greets first).
    if (!row) return { blocked: false, visitorName: '', open: await this.openOf(visitorId) };
    const { blocked, name, generated_name, ...dialog } = row;
    return { blocked: blocked === 1, visitorName: visitorName({ name, generated_name }), open: dialog.id === null ? undefined : (dialog as DialogRow) };
  }

  /**
   * A dialog the visitor starts by writing, where the routing hooks send it (chat-routing.ts): by
   * the chat's own rule unassigned and of no department, so it waits in everyone's My messages.
   * `created` is false when another message of theirs opened one meanwhile: the message goes there.
   */
  startByVisitor(visitor: { visitorId: string; siteId: string; accountId: string }, channel: ChatChannel = 'widget'): Promise<{ dialog: DialogRow; created: boolean }> {
    return this.create(visitor, { kind: 'visitor', visitorId: visitor.visitorId }, null, channel);
  }

  /** A dialog the system or another plugin opens for a visitor: routed like the visitor's own. */
  startFor(visitor: { visitorId: string; siteId: string; accountId: string }, initiator: ChatActor, channel: ChatChannel): Promise<{ dialog: DialogRow; created: boolean }> {
    return this.create(visitor, initiator, null, channel);
  }

  /** C5: an operator starts a chat with a visitor who has not written (or joins the open one). */
  async start(accountId: string, visitorId: string, userId: number): Promise<DialogRow> {
    const visitor = await this.db.selectFrom('chat_visitors').select(['site_id', 'blocked']).where('id', '=', visitorId).where('account_id', '=', accountId).executeTakeFirst();
    if (!visitor) throw notFound('No such visitor');
    if (visitor.blocked) throw new HttpError(409, 'visitor_blocked', 'This visitor is blocked');
    const open = await this.openOf(visitorId);
    if (open) return open.assignee_id === null ? this.claim(accountId, open.id, userId, 'start') : open;
    const { dialog, created } = await this.create({ visitorId, siteId: visitor.site_id, accountId }, { kind: 'operator', userId }, userId, 'widget');
    return created || dialog.assignee_id !== null ? dialog : this.claim(accountId, dialog.id, userId, 'start');
  }

  /**
   * C2: an unassigned dialog becomes the operator's (their first answer, or starting to talk).
   * Only while it is unassigned: of two operators answering at once, one claims it (and one
   * `chat.dialog.assigned` is published); the dialog as it is now either way.
   */
  claim(accountId: string, dialogId: string, userId: number, reason: 'firstAnswer' | 'start'): Promise<DialogRow> {
    return this.setIf(accountId, dialogId, { assignee_id: userId }, 'unassigned', (after, row) => announce(after, 'chat.dialog.assigned', { ...dialogScope(row), userId, reason }));
  }

  /**
   * A change made only while the dialog is still unassigned or open (`guard`), decided by the update itself: of two racing requests
   * (two core processes) one changes the dialog and announces it. The dialog as it is now either way.
   */
  private async setIf(
    accountId: string,
    dialogId: string,
    changes: Updateable<ChatTables['chat_dialogs']>,
    guard: 'unassigned' | 'open',
    events: (after: AfterCommit, row: DialogRow) => void,
  ): Promise<DialogRow> {
    const changed = await this.ctx.db.transaction(async (trx, after) => {
      const { numUpdatedRows } = await trx.updateTable('chat_dialogs').set(changes).where('id', '=', dialogId).where('account_id', '=', accountId).where((eb) => (guard === 'open' ? eb('status', '=', OPEN) : eb('assignee_id', 'is', null))).executeTakeFirst();
      if (Number(numUpdatedRows) === 0) return false;
      events(after, await trx.selectFrom('chat_dialogs').selectAll().where('id', '=', dialogId).executeTakeFirstOrThrow());
      return true;
    });
    if (changed) this.notifyChanged(accountId);
    return this.get(accountId, dialogId);
  }

  /** A new open dialog, or the visitor's open one when it came first (one open dialog per visitor, a unique index). */
  private async create(
    v: { visitorId: string; siteId: string; accountId: string },
    initiator: ChatActor,
    assignee: number | null,
    channel: ChatChannel,
  ): Promise<{ dialog: DialogRow; created: boolean }> {
    // An operator who starts a dialog answers it; any other goes where the routing hooks say.
    const route = assignee === null ? await this.routing.route({ accountId: v.accountId, siteId: v.siteId, visitorId: v.visitorId, initiator, channel }) : { userId: assignee, departmentId: null };
    const now = Date.now();
    const row: DialogRow = {
      id: randomUUID(),
      account_id: v.accountId,
      site_id: v.siteId,
      visitor_id: v.visitorId,
      status: 'open',
      // The column tells the panel who began; the event also names which operator or plugin.
      initiator: initiator.kind === 'plugin' ? 'system' : initiator.kind,
      assignee_id: route.userId,
      department_id: route.departmentId,
      important: 0,
      lead_class: null,
      rating: null,
      rating_comment: null,
      created_at: now,
      closed_at: null,
      last_message_at: now,
      rating_requested_at: null,
      visitor_read_at: null,
      operator_read_at: null,
    };
    const inserted = await this.ctx.db.transaction(async (trx, after) => {
      const id = await trx.insertInto('chat_dialogs').values(row).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
      if (!id) return false;
      announce(after, 'chat.dialog.opened', { ...dialogScope(row, now), initiator, channel });
      if (route.userId !== null) announce(after, 'chat.dialog.assigned', { ...dialogScope(row, now), userId: route.userId, reason: assignee === null ? 'routing' : 'start' });
      return true;
    });
    if (!inserted) {
      const open = await this.openOf(v.visitorId);
      // Closed again in between: rare enough to let the sender retry.
      if (!open) throw new HttpError(409, 'dialog_changed', 'The dialog changed meanwhile; try again');
      return { dialog: open, created: false };
    }
    this.notifyChanged(v.accountId);
    return { dialog: row, created: true };
  }

  /**
   * A returning visitor's own closed dialogs (issue 9), newest first, `limit` of them before the
   * dialog `beforeId` (theirs, else 404: no paging through another visitor's history); `more` says
   * whether older ones remain.
   */
  async earlierOf(visitorId: string, beforeId: string | undefined, limit: number): Promise<{ rows: DialogRow[]; more: boolean }> {
    const cursor = beforeId === undefined ? undefined : await this.db.selectFrom('chat_dialogs').select(['created_at', 'id']).where('id', '=', beforeId).where('visitor_id', '=', visitorId).executeTakeFirst();
    if (beforeId !== undefined && !cursor) throw notFound('No such dialog');
    const rows = await this.db
      .selectFrom('chat_dialogs')
      .selectAll()
      .where('visitor_id', '=', visitorId)
      .where('status', '=', 'closed')
      .$if(!!cursor, (q) => q.where((eb) => eb.or([eb('created_at', '<', cursor!.created_at), eb.and([eb('created_at', '=', cursor!.created_at), eb('id', '<', cursor!.id)])])))
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1)
      .execute();
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Whether the visitor has a closed dialog (their widget then offers `visitor.history`). */
  async hasEarlier(visitorId: string): Promise<boolean> {
    return !!(await this.db.selectFrom('chat_dialogs').select('id').where('visitor_id', '=', visitorId).where('status', '=', 'closed').limit(1).executeTakeFirst());
  }

  /** A dialog of this account, or 404 — never another account's. */
  async get(accountId: string, dialogId: string): Promise<DialogRow> {
    const row = await this.db.selectFrom('chat_dialogs').selectAll().where('id', '=', dialogId).where('account_id', '=', accountId).executeTakeFirst();
    if (!row) throw notFound('No such dialog');
    return row;
  }

  /** Changes a dialog of the account (else 404), queueing `events` in the same transaction. */
  async set(accountId: string, dialogId: string, changes: Updateable<ChatTables['chat_dialogs']>, events?: DialogEvents): Promise<DialogRow> {
    const row = await this.ctx.db.transaction(async (trx, after) => {
      const read = () => trx.selectFrom('chat_dialogs').selectAll().where('id', '=', dialogId).where('account_id', '=', accountId).executeTakeFirst();
      const before = await read();
      if (!before) throw notFound('No such dialog');
      await trx.updateTable('chat_dialogs').set(changes).where('id', '=', dialogId).execute();
      const changed = (await read())!;
      events?.(after, before, changed);
      return changed;
    });
    if (ROUTING_COLUMNS.some((column) => column in changes)) this.notifyChanged(accountId);
    return row;
  }

  private viewer(accountId: string, userId: number): Viewer {
    return {
      userId,
      memberOf: this.departments.departmentIdsOf(userId),
      departments: this.departments.of(accountId).map((d) => d.documentId),
    };
  }

  /** C2: My messages, Common messages, Archive (History); Important and Blocked sections (C1). */
  list(accountId: string, userId: number, section: DialogSection, status?: DialogStatus): Promise<DialogRow[]> {
    const viewer = this.viewer(accountId, userId);
    return this.db
      .selectFrom('chat_dialogs')
      .innerJoin('chat_visitors', 'chat_visitors.id', 'chat_dialogs.visitor_id')
      .selectAll('chat_dialogs')
      .where('chat_dialogs.account_id', '=', accountId)
      .where((eb) => eb.and([inSection(eb, section, viewer), ...(status ? [eb('chat_dialogs.status', '=', status)] : [])]))
      .orderBy('chat_dialogs.last_message_at', 'desc')
      .limit(CHAT_LIMITS.dialogsListed)
      .execute();
  }

  /** How many dialogs each section holds for this operator, in one query. */
  async counts(accountId: string, userId: number): Promise<DialogCounts> {
    const viewer = this.viewer(accountId, userId);
    const row = await this.db
      .selectFrom('chat_dialogs')
      .innerJoin('chat_visitors', 'chat_visitors.id', 'chat_dialogs.visitor_id')
      .where('chat_dialogs.account_id', '=', accountId)
      .select((eb) => SECTIONS.map((section) => eb.fn.sum<number | null>(eb.case().when(inSection(eb, section, viewer)).then(1).else(0).end()).as(section)))
      .executeTakeFirstOrThrow();
    // A sum over no rows is NULL.
    return Object.fromEntries(SECTIONS.map((section) => [section, row[section] ?? 0])) as DialogCounts;
  }

  /** C14: to a department of the account; unassigned, in its members' My messages. */
  async transferToDepartment(accountId: string, dialogId: string, departmentId: string, by: ChatActor): Promise<{ dialog: DialogRow; note: string }> {
    const department = this.departments.inAccount(accountId, departmentId);
    if (!department) throw notFound('No such department in this account');
    const dialog = await this.transfer(accountId, dialogId, { assignee_id: null, department_id: department.documentId }, by);
    return { dialog, note: TRANSFER_NOTE[this.localeOf(accountId)].department(department.name) };
  }

  /** C14: to an operator of the account who is online now. */
  async transferToOperator(accountId: string, dialogId: string, userId: number | undefined, isOnline: (userId: number) => Promise<boolean>, by: ChatActor): Promise<{ dialog: DialogRow; note: string }> {
    const target = userId === undefined ? undefined : this.ctx.content.user(userId);
    if (!target || target.account !== accountId || target.blocked) throw notFound('No such operator in this account');
    if (!(await isOnline(target.id))) throw new HttpError(409, 'operator_offline', 'This operator is not online');
    const dialog = await this.transfer(accountId, dialogId, { assignee_id: target.id }, by);
    const name = [target.firstName, target.lastName].filter(Boolean).join(' ') || target.email;
    return { dialog, note: TRANSFER_NOTE[this.localeOf(accountId)].operator(name) };
  }

  private async transfer(accountId: string, dialogId: string, changes: Updateable<ChatTables['chat_dialogs']>, by: ChatActor): Promise<DialogRow> {
    const dialog = await this.get(accountId, dialogId);
    if (dialog.status === 'closed') throw new HttpError(409, 'dialog_closed', 'The dialog is closed');
    const route = (d: DialogRow) => ({ userId: d.assignee_id, departmentId: d.department_id });
    return this.set(accountId, dialogId, changes, (after, before, row) => announce(after, 'chat.dialog.transferred', { ...dialogScope(row), from: route(before), to: route(row), by }));
  }

  private localeOf(accountId: string): Locale {
    return this.ctx.content.account(accountId)?.language ?? 'ru';
  }

  /** Closing a closed dialog changes nothing and announces nothing. */
  close(accountId: string, dialogId: string, by: ChatActor): Promise<DialogRow> {
    const closedAt = Date.now();
    return this.setIf(accountId, dialogId, { status: 'closed', closed_at: closedAt }, 'open', (after, row) => announce(after, 'chat.dialog.closed', { ...dialogScope(row, closedAt), by }));
  }

  important(accountId: string, dialogId: string, important: boolean, by: ChatActor): Promise<DialogRow> {
    return this.set(accountId, dialogId, { important: important ? 1 : 0 }, (after, _before, row) => announce(after, 'chat.dialog.markedImportant', { ...dialogScope(row), important, by }));
  }

  classify(accountId: string, dialogId: string, leadClass: LeadClass, by: ChatActor): Promise<DialogRow> {
    return this.set(accountId, dialogId, { lead_class: leadClass }, (after, _before, row) => announce(after, 'chat.dialog.classified', { ...dialogScope(row), leadClass, by }));
  }

  /** C15: the visitor rates their own dialog. */
  async rate(visitorId: string, dialogId: string, rating: number, comment: string | undefined): Promise<DialogRow> {
    const row = await this.db.selectFrom('chat_dialogs').selectAll().where('id', '=', dialogId).where('visitor_id', '=', visitorId).executeTakeFirst();
    if (!row) throw notFound('No such dialog');
    await this.ctx.db.transaction(async (trx, after) => {
      await trx.updateTable('chat_dialogs').set({ rating, rating_comment: comment ?? null }).where('id', '=', dialogId).execute();
      announce(after, 'chat.dialog.rated', { ...dialogScope(row), rating, comment: comment ?? null });
    });
    return { ...row, rating, rating_comment: comment ?? null };
  }

  /** DTOs with visitor names and last messages, in two queries for any number of dialogs. */
  async dtos(rows: DialogRow[]): Promise<DialogDto[]> {
    if (!rows.length) return [];
    const visitors = await this.db.selectFrom('chat_visitors').select(['id', 'name', 'generated_name']).where('id', 'in', [...new Set(rows.map((r) => r.visitor_id))]).execute();
    const names = new Map(visitors.map((v) => [v.id, visitorName(v)]));
    const last = await this.messages.lastOf(rows.map((r) => r.id));
    return rows.map((r) => {
      const name = names.get(r.visitor_id) ?? '';
      const message = last.get(r.id);
      return toDialog(r, name, message ? toMessage(message, this.ctx, name) : null);
    });
  }

  async dto(row: DialogRow): Promise<DialogDto> {
    return (await this.dtos([row]))[0]!;
  }
}
