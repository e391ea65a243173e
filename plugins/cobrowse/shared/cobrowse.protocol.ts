/**
 * The `/cobrowse` wire contract (E1, E3; issue 12), imported by the server, the widget and the
 * panel, so it imports nothing. Stage 2 (E2 the chat over the replay, E4 remote control, E5 a
 * highlight) adds events beside these: a control consent is a second `cobrowse.ask`-like request of
 * its own kind, and control and highlight events name elements by the recorder's node ids, which
 * the frames below already carry.
 *
 * A session is one operator-side observation of one visitor (every tab of theirs); it lives only in
 * the server's memory and ends when the last observing operator stops, the visitor refuses or stops
 * it, or the visitor has had no page open for `leaveGraceMs`.
 */

/** `asking`: the visitor's widget shows the consent prompt; `live`: the visitor's front tab records. */
export type CobrowseState = 'asking' | 'live';
/** Why a session ended, as the operator is told. */
export type CobrowseEndReason = 'refused' | 'stopped_by_visitor' | 'stopped_by_operator' | 'visitor_left';

export interface CobrowseSessionDto {
  sessionId: string;
  visitorId: string;
  dialogId: string;
  state: CobrowseState;
  startedAt: string;
}

/** What the visitor's widget is told of a session: whether to ask first. */
export interface CobrowseRequestDto {
  sessionId: string;
  state: CobrowseState;
}

/**
 * One batch of a tab's rrweb events: their JSON, gzip-compressed (CompressionStream) when the
 * browser has it, cut into parts of at most `FRAME_PART_BYTES` (the core's socket frame limit is
 * 64 KB). Parts of one batch share `seq` and come in order; the one with `last` closes it.
 */
export interface CobrowseFramesInput {
  sessionId: string;
  /** The tab's own random id (sessionStorage): the server relays the tab in front only. */
  tab: string;
  seq: number;
  last: boolean;
  gzip: boolean;
  data: Uint8Array;
}
export const FRAME_PART_BYTES = 48 * 1024;

/** An rrweb event as relayed: the server checks its shape, not rrweb's every field. */
export interface CobrowseEvent {
  type: number;
  timestamp: number;
  data: unknown;
}

export interface CobrowseFromPanel {
  'cobrowse.start': { dialogId: string };
  'cobrowse.stop': { sessionId: string };
}
export interface CobrowseFromVisitor {
  'cobrowse.mine': Record<string, never>;
  'cobrowse.answer': { sessionId: string; allow: boolean };
  'cobrowse.frames': CobrowseFramesInput;
  'cobrowse.end': { sessionId: string };
}
export type CobrowseFromClient = CobrowseFromPanel & CobrowseFromVisitor;

export interface CobrowseAnswers {
  'cobrowse.start': CobrowseSessionDto;
  'cobrowse.mine': CobrowseRequestDto | null;
}

export interface CobrowseToPanel {
  /** The session's state changed (asked → live). */
  'cobrowse.state': CobrowseSessionDto;
  /** Events of the visitor's front tab, in order; `reset` when they start a new page or tab (a full snapshot). */
  'cobrowse.frames': { sessionId: string; events: CobrowseEvent[] };
  'cobrowse.ended': { sessionId: string; reason: CobrowseEndReason };
}
export interface CobrowseToVisitor {
  /** Ask (state `asking`) or start recording (`live`): every open tab of the visitor hears it. */
  'cobrowse.request': CobrowseRequestDto;
  /** A new operator joined: the front tab takes a fresh full snapshot for them. */
  'cobrowse.snapshot': { sessionId: string };
  'cobrowse.ended': { sessionId: string };
}
