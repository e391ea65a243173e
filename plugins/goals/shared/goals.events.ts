import type { GoalHitDto } from './goals.protocol.js';

/**
 * The goals plugin's domain events (typed on the core's event map). `goals.goal.reached` is
 * published after the hit's transaction commits — once per goal and visit — for statistics,
 * webhooks and CRM sync to build on.
 */
declare module '../../../core/src/kernel/events.js' {
  interface CallpyEvents {
    'goals.goal.reached': { accountId: string; hit: GoalHitDto };
  }
}

export {};
