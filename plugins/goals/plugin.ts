import { z } from 'zod';
import { definePlugin } from '../../core/src/index.js';
import { goalsMigrations } from './server/goals.migrations.js';
import { registerGoalsRoutes } from './server/goals.routes.js';
import { goalsSettings, type GoalsSettingsSpec } from './server/goals.settings.js';
import { registerGoalsSockets } from './server/goals.sockets.js';
import type { GoalsTables } from './server/goals.tables.js';
import { HitsService } from './server/hits.service.js';

const options = z.object({
  // A goal counts once per visit, so a visitor's widget sends each at most once: 30 a minute is
  // more than a real page makes, and far less than a script replaying hits.
  hitsPerMinute: z.number().int().min(1).max(1000).default(30),
});

/**
 * G1: goals per site (click, URL, form, custom event), reached by visitors in the widget, checked
 * and stored here once per visit, and shown to the account's operators live.
 */
export default definePlugin<typeof options, GoalsTables, GoalsSettingsSpec>({
  id: 'goals',
  title: { ru: 'Цели', en: 'Goals' },
  options,
  migrations: goalsMigrations,
  settings: goalsSettings,
  setup(ctx) {
    const hits = new HitsService(ctx);
    registerGoalsSockets(ctx, hits);
    registerGoalsRoutes(ctx, hits);
    ctx.events.subscribe('core.site.deleted', ({ siteId }) => hits.removeSite(siteId));
  },
});
