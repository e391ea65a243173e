import type { Actor, PluginContent } from '../../../core/src/index.js';
import type { OperatorDto } from '../shared/chat.protocol.js';
import type { ChatContext } from './chat.db.js';
import { operatorCard } from './chat.dto.js';
import type { DepartmentsDirectory } from './departments/departments.directory.js';

/** Read from the content cache on every use, so a changed role applies without a reconnect. */
export const isAccountAdmin = (content: PluginContent, userId: number): boolean => content.user(userId)?.role === 'account-admin';

/** The account's operators as the panel lists them: transfer targets, assignee names (C14, A6). */
export class OperatorsService {
  constructor(
    private readonly ctx: ChatContext,
    private readonly departments: DepartmentsDirectory,
  ) {}

  /**
   * Users with a panel connected to /chat now. One `fetchSockets()` of the account's room: with
   * the Redis adapter it spans every core process.
   */
  async connectedIds(accountId: string): Promise<Set<number>> {
    const sockets = await this.ctx.realtime.namespace.in(`account:${accountId}`).fetchSockets();
    const ids = new Set<number>();
    for (const socket of sockets) {
      const actor = (socket.data as { actor?: Actor }).actor;
      if (actor?.kind === 'user') ids.add(actor.userId);
    }
    return ids;
  }

  /** Every active user of the account (not disconnected, invitation accepted), by name. */
  async list(accountId: string): Promise<OperatorDto[]> {
    const { content } = this.ctx;
    const users = content.usersOf(accountId).filter((u) => !u.blocked && u.confirmed && u.role);
    if (!users.length) return [];
    const [rows, connected] = await Promise.all([
      this.ctx.db.kysely.selectFrom('chat_operator_status').select(['user_id', 'status']).where('user_id', 'in', users.map((u) => u.id)).execute(),
      this.connectedIds(accountId),
    ]);
    const statuses = new Map(rows.map((r) => [r.user_id, r.status]));
    return users
      .map((u) => ({
        ...operatorCard(this.ctx, u.id),
        status: statuses.get(u.id) ?? 'offline',
        connected: connected.has(u.id),
        departmentIds: this.departments.departmentIdsOf(u.id),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
