import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { Actor } from '../../../core/src/index.js';
import type { GoalHitDto, GoalsToVisitor } from '../shared/goals.protocol.js';
import { goalsSettings } from './goals.settings.js';
import type { GoalsContext, HitsService } from './hits.service.js';

/** `goal.hit` as the widget sends it (GoalHitInput): small enough to store as it comes. */
const PROPS_MAX = 10;
const propValue = z.union([z.string().max(200, 'A property value has at most 200 characters'), z.number().finite(), z.boolean()]);
const hitInput = z.strictObject({
  goalId: z.string().min(1).max(64),
  url: z.string().min(1).max(2000, 'A page address has at most 2000 characters'),
  props: z
    .record(z.string().min(1).max(40, 'A property name has at most 40 characters'), propValue)
    .refine((props) => Object.keys(props).length <= PROPS_MAX, `At most ${PROPS_MAX} properties`)
    .optional(),
});

const accountRoom = (accountId: string) => `account:${accountId}`;
const siteRoom = (siteId: string) => `site:${siteId}`;

/**
 * The `/goals` namespace (goals.protocol.ts): visitors send `goal.hit` and get `goals.updated`;
 * the account's operators get `goal.reached`. Operators join their account's room; with Redis
 * (several core processes) the room spans every process, so the process that stored a hit emits
 * it once to all of them. Visitors join their site's room, which is emitted to locally only: every
 * process hears a settings change itself (`onSiteChanged`), as the chat's design relay does.
 */
export function registerGoalsSockets(ctx: GoalsContext, hits: HitsService): void {
  const ns = ctx.realtime.namespace;
  const perVisitor = ctx.rateLimits.limiter('hits', ctx.options.hitsPerMinute, 60);

  ns.on('connection', (socket: Socket) => {
    const actor = (socket.data as { actor: Actor }).actor;
    if (actor.kind === 'user') return void socket.join(accountRoom(actor.accountId));
    void socket.join(siteRoom(actor.siteId));
    const goals = widgetGoals(ctx.settings.site(actor.siteId));
    // The list as it is now on every connection: a page whose session predates a change, or that
    // was offline when it was announced, catches up.
    socket.emit('goals.updated', goals);
    // A page load is activity of the visit (hits.service.ts VISIT_GAP_MS); a site without goals has no visits to keep.
    if (goals.length) void hits.touchVisit(actor).catch((err: unknown) => ctx.logger.warn({ err }, 'could not note the visit'));
  });

  ctx.settings.onSiteChanged(({ siteId, value }) => {
    ns.local.to(siteRoom(siteId)).emit('goals.updated', widgetGoals(value));
  });

  ctx.realtime.on(
    'goal.hit',
    hitInput,
    async (input, _socket, visitor) => {
      await ctx.rateLimits.consume(perVisitor, visitor.visitorId);
      return hits.hit(visitor, input);
    },
    { from: 'visitor' },
  );

  ctx.events.subscribe('goals.goal.reached', ({ accountId, hit }) => {
    ns.to(accountRoom(accountId)).emit('goal.reached', hit satisfies GoalHitDto);
  });
}

/** What the widgets get: the session's list (`manifest.settings.widget`), typed as the wire says. */
const widgetGoals = (site: Parameters<typeof goalsSettings.widget>[0]): Parameters<GoalsToVisitor['goals.updated']>[0] => goalsSettings.widget(site);
