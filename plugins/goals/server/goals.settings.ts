import type { PluginSettingsSpec } from '../../../core/src/index.js';
import type { GoalsSiteSettings } from '../shared/goals.protocol.js';
import { GOAL_MESSAGES, goalsSiteSchema } from './goal.schema.js';

/** `settings` of the manifest: the site's goals; its widgets get the list as it is (they match on it). */
export const goalsSettings = {
  site: goalsSiteSchema,
  widget: (site: GoalsSiteSettings) => site.goals,
  messages: GOAL_MESSAGES,
} satisfies PluginSettingsSpec<typeof goalsSiteSchema>;

export type GoalsSettingsSpec = typeof goalsSettings;
