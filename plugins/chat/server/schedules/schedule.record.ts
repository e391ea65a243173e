import type { ContentRecord } from '../../../../core/src/index.js';

/** The chat's content type (plugins/chat/content-types/schedule). */
export const SCHEDULE_TYPE = 'schedule';

/** A6: one operator's weekly working hours, in the account's time zone. */
export interface ScheduleRecord extends ContentRecord {
  account: string | null;
  /** documentId of the users-permissions user. */
  user: string | null;
  /** `[{ day: 1..7, from: 'HH:MM', to: 'HH:MM' }]`, validated by the chat before it is written. */
  intervals: unknown;
  /** Edges before this moment are not acted on: a schedule saved mid-period waits for its next edge. */
  effectiveFrom: string;
}
