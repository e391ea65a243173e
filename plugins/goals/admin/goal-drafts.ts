import { EVENT_NAME, GOAL_NAME_MAX, type Goal, type GoalType, PATTERN_MAX, SELECTOR_MAX, type UrlMatch } from '../shared/goals.protocol';

/** A goal as the settings page edits it: every type's fields kept, so switching the type loses nothing. */
export interface GoalDraft {
  id: string;
  name: string;
  type: GoalType;
  selector: string;
  match: UrlMatch;
  pattern: string;
  event: string;
}

/** The field of a draft a message belongs to (the server's `goals.<i>.<field>` names the same). */
export type DraftField = 'name' | 'type' | 'selector' | 'match' | 'pattern' | 'event';
const FIELDS: readonly DraftField[] = ['name', 'type', 'selector', 'match', 'pattern', 'event'];

/** A translation key with its parameters, or the server's own words (already in the user's language). */
export type FieldMessage = { key: string; params?: Record<string, unknown> } | { text: string };

/** Stable enough without a secure context (self-hosted panels are often plain http, without crypto.randomUUID). */
export function newGoalId(): string {
  return `g_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

export function emptyDraft(): GoalDraft {
  return { id: newGoalId(), name: '', type: 'url', selector: '', match: 'exact', pattern: '', event: '' };
}

export function toDraft(goal: Goal): GoalDraft {
  const draft = { ...emptyDraft(), id: goal.id, name: goal.name, type: goal.type };
  switch (goal.type) {
    case 'click':
    case 'form':
      return { ...draft, selector: goal.selector };
    case 'url':
      return { ...draft, match: goal.match, pattern: goal.pattern };
    case 'event':
      return { ...draft, event: goal.event };
  }
}

/** What is saved: only the chosen type's fields, trimmed. */
export function toGoal(draft: GoalDraft): Goal {
  const base = { id: draft.id, name: draft.name.trim() };
  switch (draft.type) {
    case 'click':
    case 'form':
      return { ...base, type: draft.type, selector: draft.selector.trim() };
    case 'url':
      return { ...base, type: 'url', match: draft.match, pattern: draft.pattern.trim() };
    case 'event':
      return { ...base, type: 'event', event: draft.event.trim() };
  }
}

/** Whether the browser can parse `selector` (the widget runs it through the same engine). */
export function selectorParses(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** The problems the page can tell before asking the server, by field of each goal. */
export function draftProblems(drafts: readonly GoalDraft[]): Map<number, Partial<Record<DraftField, FieldMessage>>> {
  const problems = new Map<number, Partial<Record<DraftField, FieldMessage>>>();
  const names = new Map<string, number>();
  drafts.forEach((draft, i) => {
    const goal = toGoal(draft);
    const found: Partial<Record<DraftField, FieldMessage>> = {};
    const lower = goal.name.toLowerCase();
    if (!goal.name) found.name = { key: 'goals.settings.errors.required' };
    else if (goal.name.length > GOAL_NAME_MAX) found.name = { key: 'goals.settings.errors.tooLong', params: { max: GOAL_NAME_MAX } };
    else if (names.has(lower)) found.name = { key: 'goals.settings.errors.duplicate' };
    names.set(lower, i);
    if (goal.type === 'click' || goal.type === 'form') {
      if (!goal.selector) found.selector = { key: 'goals.settings.errors.required' };
      else if (goal.selector.length > SELECTOR_MAX) found.selector = { key: 'goals.settings.errors.tooLong', params: { max: SELECTOR_MAX } };
      else if (!selectorParses(goal.selector)) found.selector = { key: 'goals.settings.errors.selector' };
    } else if (goal.type === 'url') {
      if (!goal.pattern) found.pattern = { key: 'goals.settings.errors.required' };
      else if (goal.pattern.length > PATTERN_MAX) found.pattern = { key: 'goals.settings.errors.tooLong', params: { max: PATTERN_MAX } };
    } else if (!goal.event) found.event = { key: 'goals.settings.errors.required' };
    else if (!EVENT_NAME.test(goal.event)) found.event = { key: 'goals.settings.errors.event' };
    if (Object.keys(found).length) problems.set(i, found);
  });
  return problems;
}

/**
 * The server's field messages (`goals.0.selector` → its words) placed on the goals' fields; a path
 * naming no field of a goal (`goals`, a limit) is returned as unplaced.
 */
export function placeServerFields(fields: Record<string, string>): { placed: Map<number, Partial<Record<DraftField, FieldMessage>>>; unplaced: string[] } {
  const placed = new Map<number, Partial<Record<DraftField, FieldMessage>>>();
  const unplaced: string[] = [];
  for (const [path, text] of Object.entries(fields)) {
    const [root, index, field] = path.split('.');
    const at = Number(index);
    // A target field of a union (`goals.0.selector`) or the goal itself (`goals.0`: shown on its name).
    const name = (field ?? 'name') as DraftField;
    if (root !== 'goals' || !Number.isInteger(at) || !FIELDS.includes(name)) {
      unplaced.push(text);
      continue;
    }
    placed.set(at, { [name]: { text }, ...placed.get(at) });
  }
  return { placed, unplaced };
}
