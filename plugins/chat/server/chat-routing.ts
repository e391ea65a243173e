import type { ChatRoute } from '../shared/chat.events.js';
import type { ChatRouting, RoutingHook, RoutingRequest } from '../shared/chat.services.js';
import type { ChatContext } from './chat.db.js';
import type { DepartmentsDirectory } from './departments/departments.directory.js';

interface Registered {
  hook: RoutingHook;
  order: number;
  /** Registration order, for hooks of one order. */
  seq: number;
}

/**
 * Issue 10, item 4: who answers a new dialog, decided by ordered hooks, each refining the route
 * the earlier ones chose, starting from no department and nobody assigned. The chat's own rule is
 * one of them (departments/department-routing.ts, order 0). A hook's route naming a department or operator of
 * another account, or a blocked operator, is ignored; a failing hook is logged and skipped — a
 * plugin must never keep a visitor's first message from arriving.
 */
export class ChatRoutingHooks implements ChatRouting {
  private readonly hooks: Registered[] = [];
  private seq = 0;

  constructor(
    private readonly ctx: ChatContext,
    private readonly departments: DepartmentsDirectory,
  ) {}

  add(hook: RoutingHook, options: { order?: number } = {}): () => void {
    const entry = { hook, order: options.order ?? 100, seq: this.seq++ };
    this.hooks.push(entry);
    this.hooks.sort((a, b) => a.order - b.order || a.seq - b.seq);
    return () => void this.hooks.splice(this.hooks.indexOf(entry), 1);
  }

  async route(request: RoutingRequest): Promise<ChatRoute> {
    let route: ChatRoute = { userId: null, departmentId: null };
    for (const { hook } of [...this.hooks]) {
      try {
        const next = await hook(request, route);
        if (next && this.allowed(request.accountId, next)) route = { userId: next.userId ?? null, departmentId: next.departmentId ?? null };
        else if (next) this.ctx.logger.warn({ route: next, accountId: request.accountId }, 'routing hook chose outside the account; ignored');
      } catch (err) {
        this.ctx.logger.error({ err }, 'routing hook failed; skipped');
      }
    }
    return route;
  }

  private allowed(accountId: string, route: Partial<ChatRoute>): boolean {
    const user = route.userId == null ? undefined : this.ctx.content.user(route.userId);
    if (route.departmentId != null && !this.departments.inAccount(accountId, route.departmentId)) return false;
    return route.userId == null || (user?.account === accountId && !user.blocked);
  }
}
