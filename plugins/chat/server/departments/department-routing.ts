import type { RoutingHook } from '../../shared/chat.services.js';
import type { DepartmentsDirectory } from './departments.directory.js';

/** Where the chat's own rule sits among the `chat.routing` hooks: a scenario plugin may add one before it. */
export const DEPARTMENT_ROUTING_ORDER = 0;

/**
 * The chat's own routing rule (C2, A5): a new dialog goes to the department an earlier hook chose
 * while that department is still one of the account's; otherwise to no department, where it
 * waits in everyone's My messages — unless an earlier hook assigned an operator.
 */
export function departmentRouting(departments: DepartmentsDirectory): RoutingHook {
  return ({ accountId }, route) => {
    if (route.departmentId === null || departments.inAccount(accountId, route.departmentId)) return undefined;
    return { userId: route.userId, departmentId: null };
  };
}
