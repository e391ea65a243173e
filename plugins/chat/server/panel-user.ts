import { forbidden, type Actor } from '../../../core/src/index.js';

type UserActor = Extract<Actor, { kind: 'user' }>;

/**
 * The signed-in panel user of a request to the chat's routes. Those routes take any actor of an
 * account with the chat enabled (ctx.http): a visitor's token is refused here.
 */
export function panelUser(locals: Express.Locals): UserActor {
  const actor = locals.actor;
  if (actor?.kind !== 'user') throw forbidden('For the panel only');
  return actor;
}

/**
 * The same, and an administrator of the account — or a support visit, which reads what an admin
 * reads (the core refused its writes before any route).
 */
export function panelAdmin(locals: Express.Locals): UserActor {
  const user = panelUser(locals);
  if (user.role === 'operator') throw forbidden('Only an account administrator can do this');
  return user;
}
