import type { Generated } from 'kysely';

/** The calls plugin's operational tables (Kysely types); created by calls.migrations.ts. */
export interface CallsTables {
  /** One row a call: its state machine's state lives here, so every core process reads the same. */
  calls_calls: {
    id: string;
    account_id: string;
    site_id: string;
    dialog_id: string;
    visitor_id: string;
    /** The visitor's name as the dialog showed it at the start (the pop-up's title). */
    visitor_name: string;
    direction: string;
    state: string;
    video: number;
    /** The caller (D1) or the operator who accepted (D2); null while a visitor's call rings for several. */
    operator_id: number | null;
    /** D2: the operators rung (JSON array of user ids): only they may accept; they are told when it is taken. */
    rung_ids: string;
    created_at: number;
    /** When it stops ringing (`timeout` / `missed`): any process's sweep ends it then, if its own timer died with it. */
    ring_deadline: number;
    answered_at: number | null;
    ended_at: number | null;
    end_reason: string | null;
    ended_by: string | null;
    /** How many leg lists (`call.legs`) were told for it: each list carries its number, clients keep the newest. */
    legs_seq: Generated<number>;
    /** D4: who joined besides the two sides, JSON `Participant[]` (participants.ts): invited operators may join again, everyone's name goes into the call's line. */
    participants: string;
    /** The media back-end the call started with: `webrtc` or `jitsi`. */
    backend: Generated<string>;
    /** A Jitsi call's room: random, unguessable, its own (only the call's legs are told it, in CallJoin). */
    jitsi_room: string | null;
    /** The recording under way (calls_recordings.id), or null: every participant's notice follows it. */
    recording_id: string | null;
  };
  /** A device in a call: its socket (relayed to by socket id, which the Redis adapter spans). */
  calls_legs: {
    id: string;
    call_id: string;
    side: string;
    user_id: number | null;
    socket_id: string;
    /** LegMedia as JSON. */
    media: string;
    joined_at: number;
    /** D4: who is on the leg (the operator's name, a guest's own; null for the visitor), for every other leg to show. */
    name: string | null;
  };
  /**
   * D4: a recording made in the operator's browser, uploaded in numbered chunks while it records
   * (`ctx.files`, keys `recordings/<id>/<seq>`); `size` is the chunks' bytes together.
   */
  calls_recordings: {
    id: string;
    call_id: string;
    account_id: string;
    dialog_id: string;
    visitor_id: string;
    /** The operator recording, and the leg (device) that records: its going stops the recording. */
    user_id: number;
    leg_id: string;
    mime: string;
    size: number;
    started_at: number;
    stopped_at: number | null;
    /** When its message reached the dialog (with the `calls.recording.stored` event); null until it has bytes and has stopped. */
    posted_at: number | null;
  };
  /**
   * D3: hand-over links (`kind` `link`, single use, minutes) and what redeeming one gives the phone
   * (`kind` `grant`: its socket token for that call, until the call ends); D4: participant links
   * (`guestlnk`) and a guest's grant (`guest`), `user_id` being who made the link. Only a hash is stored.
   */
  calls_tokens: {
    token_hash: string;
    kind: string;
    call_id: string;
    account_id: string;
    user_id: number;
    expires_at: number;
    used_at: number | null;
    /** D4: the guest's name on a grant of a participant link (kinds `guestlnk` / `guest`). */
    name: Generated<string | null>;
  };
  /** D4: an operator invited into an active call, ringing on their panels until they answer or `expires_at`. */
  calls_invites: {
    call_id: string;
    user_id: number;
    account_id: string;
    invited_by: number;
    expires_at: number;
  };
}
