/**
 * The goals plugin's wire contract (G1), shared by its server, its widget first stage and its
 * panel part. Types and tiny pure helpers only: the widget imports this file, so nothing here may
 * pull in zod or another library.
 *
 * Goal definitions are the plugin's per-site settings (`ctx.settings`, edited under
 * Sites → Settings → «Цели»): the widget gets them with its session and then live
 * (`goals.updated`), the server checks every hit against them.
 *
 * Wire:
 * - widget → server, namespace `/goals`: `goal.hit` with `GoalHitInput`, acked `Ack<GoalHitDto | null>`
 *   (null: this visit already reached the goal, nothing new was stored).
 * - server → operators of the account, namespace `/goals`: `goal.reached` with `GoalHitDto`.
 * - server → widgets of the site, namespace `/goals`: `goals.updated` with the site's goals
 *   (`Goal[]`, what the session's `plugins[].settings` carries) when they change, and on each
 *   (re)connection, so an open page that missed a change while offline catches up.
 * - panel REST: `GET /api/goals/hits?visitorIds=a,b` → `{ hits: GoalHitDto[] }` (the account's,
 *   newest first, at most 50 per visitor); `GET /api/goals/hits?since=<ISO>` → the account's hits
 *   since then (at most 1,000).
 */

export type UrlMatch = 'exact' | 'prefix' | 'wildcard';

export type GoalTarget =
  | { type: 'click'; selector: string }
  | { type: 'url'; match: UrlMatch; pattern: string }
  | { type: 'form'; selector: string }
  | { type: 'event'; event: string };

export type GoalType = GoalTarget['type'];

export type Goal = GoalTarget & {
  /** Stable id chosen when the goal is created (a hit names it). */
  id: string;
  name: string;
};

/** The plugin's per-site settings. */
export interface GoalsSiteSettings {
  goals: Goal[];
}

export const GOALS_PER_SITE = 50;
export const GOAL_NAME_MAX = 100;
export const SELECTOR_MAX = 500;
export const PATTERN_MAX = 2000;
/** `Callpy.track(name)`: letters, digits, `_ . : -`, as analytics tools accept them. */
export const EVENT_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

/** What the server sends a visitor's `/goals` socket. */
export interface GoalsToVisitor {
  'goals.updated': (goals: Goal[]) => void;
}

export interface GoalHitInput {
  goalId: string;
  /** The page the goal was reached on. */
  url: string;
  /** `Callpy.track(name, props)`'s props, for `event` goals; a flat object, small. */
  props?: Record<string, string | number | boolean>;
}

export interface GoalHitDto {
  id: string;
  goalId: string;
  /** The goal's name when it was reached (the goal may be renamed or deleted later). */
  goalName: string;
  goalType: GoalType;
  siteId: string;
  visitorId: string;
  url: string;
  props: Record<string, string | number | boolean> | null;
  at: string;
}

/**
 * Whether `url` matches a `url` goal. `exact` and `prefix` compare the whole address without its
 * `#fragment`; `wildcard` is the whole address with `*` standing for any run of characters. A
 * pattern without a scheme and host matches on the path (and query) alone, so `/thanks*` works on
 * every address of the site.
 */
export function urlMatches(match: UrlMatch, pattern: string, url: string): boolean {
  const noHash = url.split('#')[0] ?? '';
  const subject = /^[a-z][a-z0-9+.-]*:/i.test(pattern) ? noHash : noHash.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '') || '/';
  if (match === 'exact') return subject === pattern;
  if (match === 'prefix') return subject.startsWith(pattern);
  const parts = pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`).test(subject);
}
