/**
 * The calls plugin's wire contract (issue 11: D1–D5, E6) on the namespace `/calls`, shared by the
 * server, the widget's call UI and the panel. Imports nothing: it runs in visitors' pages too.
 *
 * A call is a set of **legs**: one per connected device taking part (the visitor's page, the
 * operator's panel, the operator's phone after a hand-over, an invited operator). Every two legs of
 * an active call hold one RTCPeerConnection between them, signalled through the server
 * (`call.signal` addressed leg to leg, perfect negotiation: `browser/call-peer.ts`). A hand-over is
 * a new operator leg joining and the old one leaving once the new one's media flows; a visitor who
 * opens another page of the site leaves with the old page's leg and joins again from the new page.
 *
 * Every client → server event is acknowledged `{ ok: true, data }` or `{ ok: false, error }` (the
 * core's SocketResponse); `data` is typed below per event.
 */

export type CallDirection = 'operator-to-visitor' | 'visitor-to-operator';
export type CallState = 'ringing' | 'active' | 'ended';
/**
 * How a call ended: `declined` by the callee, `timeout` (an operator's call nobody answered in the
 * widget), `missed` (a visitor's call no operator accepted in time), `cancelled` by the caller while
 * it rang, `hangup` by a participant of an active call, `left` (every leg of one side went away and
 * did not come back within the grace period), `failed` (media never flowed).
 */
export type CallEndReason = 'declined' | 'timeout' | 'missed' | 'cancelled' | 'hangup' | 'left' | 'failed';
export type CallSide = 'visitor' | 'operator';
/** A leg's kind: one of the call's two sides, or a guest who joined by a participant link (D4). */
export type LegSide = CallSide | 'guest';
export type CallBackend = 'webrtc' | 'jitsi';

export interface CallDto {
  id: string;
  siteId: string;
  dialogId: string;
  visitorId: string;
  visitorName: string;
  direction: CallDirection;
  state: CallState;
  /** Whether the caller asked for video (either side may turn it on later: D5). */
  video: boolean;
  /** The operator in the call (or calling); null while a visitor's call rings for several. */
  operatorId: number | null;
  operatorName: string | null;
  createdAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  endReason: CallEndReason | null;
  endedBy: CallSide | null;
  /** Recording under way (every participant sees the notice). */
  recording: boolean;
  /** The media back-end the call started with (the room of a Jitsi call is in CallJoin: only the call's legs learn it). */
  backend: CallBackend;
  /** D4: who joined besides the visitor and `operatorId`: invited operators, guests by link (names). */
  participants: string[];
}

/**
 * A Jitsi call's room (docs/calls.md «Media back-ends»): the browsers load `scriptUrl` (the Jitsi
 * host's `external_api.js`) and open `new JitsiMeetExternalAPI(domain, { roomName: room, noSSL })`.
 */
export interface JitsiRoom {
  domain: string;
  room: string;
  /** Plain HTTP: a loopback test host only (the IFrame API's own option). */
  noSSL: boolean;
  scriptUrl: string;
}

/** A device taking part in a call. */
export interface CallLeg {
  id: string;
  side: LegSide;
  /** The operator's id for an operator leg. */
  userId: number | null;
  /** Who is on the leg, as everyone sees it: the operator's name, the guest's own; null for the visitor. */
  name: string | null;
  /** What the leg sends now, as it last said (`call.media`). */
  media: LegMedia;
}

export interface LegMedia {
  audio: boolean;
  video: boolean;
  screen: boolean;
}

/** What a client needs to join a call's media: its own leg, the others, and how to reach them. */
export interface CallJoin {
  call: CallDto;
  legId: string;
  legs: CallLeg[];
  /** `legs`' number among the call's lists (`call.legs`'s `seq`): a list numbered lower is older than this one. */
  legsSeq: number;
  /** STUN and TURN (time-limited credentials from the shared secret, coturn's REST-API scheme). */
  iceServers: IceServer[];
  /** `relay` when the installation hides the participants' addresses from each other. */
  iceTransportPolicy: 'all' | 'relay';
  /** Set for a Jitsi call: the media goes through this room, not through peer connections (no `call.signal`). */
  jitsi: JitsiRoom | null;
}

/** RTCIceServer as plain data (the server has no DOM types). */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** One negotiation message between two legs (RTCSessionDescriptionInit / RTCIceCandidateInit as data). */
export type CallSignal =
  | { description: { type: 'offer' | 'answer' | 'pranswer' | 'rollback'; sdp?: string } }
  | { candidate: { candidate?: string; sdpMid?: string | null; sdpMLineIndex?: number | null; usernameFragment?: string | null } | null };

/** Client → server. Operators send them from the panel (or a phone that took the call over), visitors from the widget. */
export interface CallsFromClient {
  /** D1 (operator, `dialogId`) or D2 (visitor, no dialog: theirs is opened if needed). Answers the ringing call. */
  'call.start': { dialogId?: string; video?: boolean };
  /** The callee accepts (a visitor's call: the first operator to accept gets it). Answers CallJoin. */
  'call.accept': { callId: string };
  /** The callee refuses while it rings. */
  'call.decline': { callId: string };
  /** The caller cancels while it rings, or a participant hangs up (for everyone). */
  'call.hangup': { callId: string };
  /**
   * A device joins an active call it takes part in (a new page of the visitor, the panel after a
   * reload, and the caller once `call.updated` says its call is active). Answers CallJoin.
   */
  'call.join': { callId: string };
  /** This leg leaves without ending the call (the desktop after a hand-over). */
  'call.leave': { callId: string; legId: string };
  'call.signal': { callId: string; from: string; to: string; signal: CallSignal };
  'call.media': { callId: string; legId: string; media: LegMedia };
  /** D3: a single-use, short-lived link that lets another device join this call as the operator. */
  'call.handover': { callId: string };
  /** The calls in which the sender is ringing or taking part (a reloaded panel or page catches up). */
  'calls.mine': Record<string, never>;
  /** E6: an operator asks the visitor to show their screen; the widget asks the visitor's consent (then `call.media` says `screen`). */
  'call.screen.ask': { callId: string };
  /** E6: the visitor's answer; `allow` is followed by the screen as the visitor leg's video (`call.media` with `screen`). */
  'call.screen.answer': { callId: string; allow: boolean };
  /** D4: the account's online operators an operator in the call may invite (not in a call, not invited already). */
  'call.invitable': { callId: string };
  /** D4: an operator in the active call invites another: their panels ring (`call.invited`). */
  'call.invite': { callId: string; userId: number };
  /** D4: the invited operator joins the call as a new leg. Answers CallJoin. */
  'call.invite.accept': { callId: string };
  'call.invite.decline': { callId: string };
  /** D4: a single-use, short-lived link that lets someone without an account join this call as a guest. */
  'call.guest.link': { callId: string };
  /**
   * D4, the call window's chat (operators only, the call's own dialog only — a phone's grant
   * too): the dialog's latest messages, oldest first. New ones come as `call.message`.
   */
  'call.messages': { callId: string };
  /** D4: the operator writes in the call's dialog (1–5 000 characters), as from the panel's chat. Answers the stored message. */
  'call.message.send': { callId: string; clientId: string; text: string };
  /**
   * D4 «Записать звонок»: the operator's leg `legId` starts recording (in its browser); every
   * participant's `call.updated` then says `recording`. Answers the recording: its chunks go to
   * `recordingChunkPath` over HTTP while it records.
   */
  'call.recording.start': { callId: string; legId: string };
  /** «Остановить запись», after the last chunk is uploaded: the recording lands in the dialog (kind `calls.recording`). */
  'call.recording.stop': { callId: string; recordingId: string };
}

/** Server → client. */
export interface CallsToClient {
  /** Rings: to the visitor (D1) or to each operator who may take it (D2). */
  'call.ringing': CallDto;
  /** The call's state changed (accepted, ended, recording…): ringing pop-ups of the others close on `active`. */
  'call.updated': CallDto;
  /**
   * The legs of an active call changed: open a connection to the new ones, drop the gone ones.
   * `seq` rises with every list of the call (a database counter, so across core processes too):
   * two lists may arrive out of order, and one numbered lower than a list (or a CallJoin's
   * `legsSeq`) already had is older — ignore it. A leg just removed (`call.leave`) is sent the list
   * without it: that is how the desktop learns the call moved to the phone.
   */
  'call.legs': { callId: string; legs: CallLeg[]; seq: number };
  'call.signal': { callId: string; from: string; to: string; signal: CallSignal };
  /** E6: to the visitor's legs, an operator asked to see the screen (`call.screen.ask`); who asked, for the consent prompt. */
  'call.screen.asked': { callId: string; operatorName: string | null };
  /** E6: to the operators' legs: what the visitor answered (`call.screen.answer`). */
  'call.screen.answered': { callId: string; allow: boolean };
  /** D4: to the invited operator's panels: an invitation rings (until `call.invite.ended` or the call's end). */
  'call.invited': CallInvitation;
  /** D4: to the call's legs and the invitee's panels: how the invitation ended. */
  'call.invite.ended': { callId: string; userId: number; name: string | null; outcome: 'accepted' | 'declined' | 'timeout' };
  /** D4: to the operators' legs of the dialog's live call: a message of the dialog stored or edited (same `id`: replace). */
  'call.message': { dialogId: string; message: CallChatMessage };
}

/**
 * What each client → server event's ack carries in `data` (`{ ok: true, data }`); events not
 * named here answer `null`. `calls.mine` lists ringing and active calls, newest first.
 */
export interface CallsAnswers {
  'call.start': CallDto;
  'call.accept': CallJoin;
  'call.join': CallJoin;
  'call.handover': CallHandover;
  'calls.mine': CallDto[];
  /** The call as it is after the refusal or the hang-up (ended, or still ringing for the other operators). */
  'call.decline': CallDto;
  'call.hangup': CallDto;
  'call.invitable': InvitableOperator[];
  'call.invite.accept': CallJoin;
  'call.guest.link': CallHandover;
  'call.messages': CallChatMessage[];
  'call.message.send': CallChatMessage;
  'call.recording.start': CallRecordingStarted;
}

/** D4: an operator the call may be offered to. */
export interface InvitableOperator {
  id: number;
  name: string;
}

/** D4: what the invited operator's pop-up shows: the call, who invites them, until when it rings. */
export interface CallInvitation {
  call: CallDto;
  invitedBy: string | null;
  expiresAt: string;
}

/** D4: what a guest's link page gets on redeeming it with the guest's name: its socket token for `/calls` (that call only). */
export interface CallGuestPass {
  token: string;
  call: CallDto;
}

/** A message of the call's dialog as the call window's chat shows it (the chat's MessageDto, slimmed). */
export interface CallChatMessage {
  id: string;
  clientId: string;
  author: { kind: 'visitor' | 'operator' | 'system' | 'bot' | 'plugin'; userId: number | null; name: string };
  /** A plugin's message (a call line…) carries its plain text here. */
  text: string;
  /** Files attached (the window names how many; the chat shows them). */
  files: number;
  createdAt: string;
}

export interface CallRecordingStarted {
  recordingId: string;
  /** The most bytes the recording may take (the chunks together): past it an upload is refused `recording_too_large`. */
  maxBytes: number;
}

export interface CallHandover {
  /** Opens the call on the device that scans it: `/call/<token>` of the panel. */
  url: string;
  expiresAt: string;
}

/** The message a call leaves in its dialog (kind `calls.call`), drawn by both sides' renderers. */
export interface CallLine {
  callId: string;
  direction: CallDirection;
  outcome: 'answered' | 'declined' | 'timeout' | 'missed' | 'cancelled';
  operatorName: string | null;
  startedAt: string;
  /** Seconds from answer to end; null if never answered. */
  durationSec: number | null;
  endedBy: CallSide | null;
  /** D4: who else took part (invited operators, guests); absent in lines of calls before D4. */
  participants?: string[];
}

/**
 * The message a stored recording leaves in its dialog (kind `calls.recording`): the panel plays it
 * from `recordingPath` (an operator of the account, signed in); the widget says only that the
 * call was recorded.
 */
export interface RecordingLine {
  recordingId: string;
  callId: string;
  mime: 'audio/webm' | 'video/webm';
  startedAt: string;
  /** From the start to the stop of the recording. */
  durationSec: number;
  operatorName: string | null;
}

export const RECORDING_KIND = 'calls.recording';
/** The types a recording's chunks may have (MediaRecorder's, with or without `;codecs=…`). */
export const RECORDING_TYPES = ['audio/webm', 'video/webm'] as const;
/** `POST` one chunk (the body, `Content-Type` one of RECORDING_TYPES), numbered from 0 in the order recorded. */
export const recordingChunkPath = (recordingId: string, seq: number) => `/api/calls/recordings/${encodeURIComponent(recordingId)}/chunks/${seq}`;
/** `GET` the whole recording (its chunks in order), for an operator of the account. */
export const recordingPath = (recordingId: string) => `/api/calls/recordings/${encodeURIComponent(recordingId)}`;

/** How long a call rings before it is a timeout (D1) or a missed call (D2). */
export const RING_TIMEOUT_MS = 30_000;
