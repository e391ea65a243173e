import { z } from 'zod';
import type { ChatContext } from './chat.db.js';
import type { DepartmentsDirectory } from './departments/departments.directory.js';
import type { DialogsService } from './dialogs.service.js';
import type { OperatorsService } from './operators.service.js';

/** What the panel loads once and keeps: section counters, the team with presence, departments. */
export function registerDirectorySockets(ctx: ChatContext, s: { dialogs: DialogsService; operators: OperatorsService; departments: DepartmentsDirectory }): void {
  ctx.realtime.on('dialogs.counts', z.object({}), (_p, _socket, u) => s.dialogs.counts(u.accountId, u.userId), { from: 'user', reads: true });
  ctx.realtime.on('operators.list', z.object({}), (_p, _socket, u) => s.operators.list(u.accountId), { from: 'user', reads: true });
  ctx.realtime.on('departments.list', z.object({}), (_p, _socket, u) => s.departments.views(u.accountId), { from: 'user', reads: true });
}
