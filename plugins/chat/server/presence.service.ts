import type { Actor, SiteHours } from '../../../core/src/index.js';
import type { OperatorCard, OperatorStatus, ServerToVisitor } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';
import { operatorCard } from './chat.dto.js';

/** What a site's widgets are told (B2): whether someone answers now, and who. */
export type Gate = Parameters<ServerToVisitor['operators.changed']>[0];

/** Outside the site's working hours (I2) the widget takes the automatic path: nobody answers. */
const AUTOMATIC: Gate = { online: false, operators: [] };

/**
 * Operators' status (A6: set by hand, or by the schedule at its edges) and who is reachable: an
 * operator is online for visitors while their status is `online` AND a panel of theirs is
 * connected to /chat — and, site by site, while the site is within its working hours (I2). The
 * facts live outside this process (database; socket.io rooms, which the Redis adapter spans; the
 * content cache), so any core node answers the same. `updated_at` is the clock's time of the last
 * change, by hand or by an edge: the schedule acts only on edges later than it.
 */
export class PresenceService {
  constructor(
    private readonly ctx: ChatContext,
    private readonly hours: SiteHours,
  ) {}

  async setStatus(userId: number, accountId: string, status: OperatorStatus): Promise<void> {
    const now = this.ctx.clock.now();
    await this.ctx.db.kysely
      .insertInto('chat_operator_status')
      .values({ user_id: userId, account_id: accountId, status, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ status, account_id: accountId, updated_at: now }))
      .execute();
  }

  /**
   * The status a schedule edge at `edgeAt` sets — unless the status changed since that edge, by
   * hand or by another core process acting on the very same edge. One conditional statement, so
   * of several processes exactly one writes; returns whether this call did.
   */
  async setStatusAtEdge(userId: number, accountId: string, status: OperatorStatus, edgeAt: number): Promise<boolean> {
    const now = this.ctx.clock.now();
    const result = await this.ctx.db.kysely
      .insertInto('chat_operator_status')
      .values({ user_id: userId, account_id: accountId, status, updated_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ status, account_id: accountId, updated_at: now }).where('chat_operator_status.updated_at', '<', edgeAt))
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** What a status change tells, however it came: the account's panels, then its widgets (B2). */
  async announce(accountId: string, changes: readonly { userId: number; status: OperatorStatus }[]): Promise<void> {
    for (const change of changes) this.ctx.realtime.namespace.to(`account:${accountId}`).emit('operators.status', change);
    await this.broadcast(accountId);
  }

  async statusOf(userId: number): Promise<OperatorStatus> {
    const row = await this.ctx.db.kysely.selectFrom('chat_operator_status').select('status').where('user_id', '=', userId).executeTakeFirst();
    return row?.status ?? 'offline';
  }

  /** Which of these users have a panel on /chat: one fetchSockets (one Redis round trip) for all. */
  private async connected(userIds: number[]): Promise<Set<number>> {
    if (!userIds.length) return new Set();
    const sockets = await this.ctx.realtime.namespace.in(userIds.map((id) => `user:${id}`)).fetchSockets();
    return new Set(sockets.map((socket) => (socket.data as { actor: Actor }).actor).flatMap((a) => (a.kind === 'user' ? [a.userId] : [])));
  }

  /** The account's operators a visitor can reach now. */
  async onlineOperators(accountId: string): Promise<OperatorCard[]> {
    const users = this.ctx.content.usersOf(accountId).filter((u) => !u.blocked && u.role);
    if (!users.length) return [];
    const rows = await this.ctx.db.kysely
      .selectFrom('chat_operator_status')
      .select('user_id')
      .where('user_id', 'in', users.map((u) => u.id))
      .where('status', '=', 'online')
      .execute();
    const connected = await this.connected(rows.map((r) => r.user_id));
    return rows.filter((r) => connected.has(r.user_id)).map((r) => operatorCard(this.ctx, r.user_id));
  }

  async isOnline(accountId: string, userId: number): Promise<boolean> {
    return (await this.onlineOperators(accountId)).some((o) => o.id === userId);
  }

  /** What a widget of the site shows now (the visitor's hello). */
  async gateOf(accountId: string, siteId: string): Promise<Gate> {
    if (!this.hours.isWithinWorkingHours(siteId, this.ctx.clock.now())) return AUTOMATIC;
    const operators = await this.onlineOperators(accountId);
    return { online: operators.length > 0, operators };
  }

  /** Tells every open widget of the account whether someone is there to answer (B2), on every core process. */
  async broadcast(accountId: string): Promise<void> {
    await this.tell(accountId, this.ctx.content.sitesOf(accountId).map((s) => s.documentId), false);
  }

  /**
   * The same for some sites, to this process's sockets only: for a change every process learns of
   * by itself (a working-hours edge, saved hours), so each widget hears it once.
   */
  async broadcastLocal(accountId: string, siteIds: readonly string[]): Promise<void> {
    await this.tell(accountId, siteIds, true);
  }

  private async tell(accountId: string, siteIds: readonly string[], local: boolean): Promise<void> {
    const now = this.ctx.clock.now();
    const rooms = { open: [] as string[], closed: [] as string[] };
    for (const id of siteIds) rooms[this.hours.isWithinWorkingHours(id, now) ? 'open' : 'closed'].push(`site:${id}`);
    const ns = this.ctx.realtime.namespace;
    const to = (list: string[]) => (local ? ns.local.to(list) : ns.to(list));
    if (rooms.closed.length) to(rooms.closed).emit('operators.changed', AUTOMATIC);
    if (!rooms.open.length) return;
    const operators = await this.onlineOperators(accountId);
    to(rooms.open).emit('operators.changed', { online: operators.length > 0, operators });
  }
}
