import { inject } from '@angular/core';
import type { PluginBackground } from '../../../admin-ui/src/app/plugin-api';
import { GoalHits } from './goal-hits.store';
import { GoalsApi } from './goals-api.service';
import { registerGoalsStrings } from './goals-i18n';

/** Runs on every page while goals is enabled: the hits store on `/goals`, so a goal notifies anywhere. */
export const goalsBackground: PluginBackground = {
  providers: [GoalsApi, GoalHits],
  start: () => {
    registerGoalsStrings();
    inject(GoalHits).start();
  },
};
