import type { CobrowseEndReason } from './cobrowse.protocol.js';

/** Co-browsing's durable events (the core's event log), for statistics: sessions asked, allowed, refused, their length. */
export interface CobrowseEventBase {
  accountId: string;
  siteId: string;
  sessionId: string;
  dialogId: string;
  visitorId: string;
  operatorId: number;
  at: string;
}

declare module '../../../core/src/kernel/events.js' {
  interface CallpyEvents {
    /** `asked`: the visitor was asked first (the site's switch); else observation started at once. */
    'cobrowse.session.requested': CobrowseEventBase & { asked: boolean };
    'cobrowse.session.allowed': CobrowseEventBase;
    'cobrowse.session.refused': CobrowseEventBase;
    /** `durationMs`: from the start of recording (0 if it never started) to the end. */
    'cobrowse.session.ended': CobrowseEventBase & { reason: CobrowseEndReason; durationMs: number };
  }
}

export const COBROWSE_DURABLE_EVENTS = ['cobrowse.session.requested', 'cobrowse.session.allowed', 'cobrowse.session.refused', 'cobrowse.session.ended'] as const;
