import type { JitsiRoom, LegMedia } from '../shared/calls.protocol.js';
import { loadJitsiApi, type JitsiDevice, type JitsiMeetExternalApi } from './jitsi-api.js';

/**
 * The Jitsi Meet media back-end of one leg (docs/calls.md «Media back-ends»): the call's room in
 * Jitsi's frame, driven through the IFrame API's documented commands and events, for the panel's
 * call window and the widget's card alike. The call itself — ringing, answer, legs, the end, the
 * dialog's line — stays the server's; only the media go through Jitsi.
 */
export interface JitsiCallState {
  /** This leg is in the room (`videoConferenceJoined`). */
  joined: boolean;
  /** Other participants in the room (the other side's legs). */
  others: number;
  /** What this leg sends, as Jitsi says (`audioMuteStatusChanged`, `videoMuteStatusChanged`, `screenSharingStatusChanged`). */
  media: LegMedia;
}

export interface JitsiCallOptions {
  room: JitsiRoom;
  parentNode: HTMLElement;
  displayName: string;
  /** Start with the microphone / camera on. */
  audio: boolean;
  video: boolean;
  lang: 'ru' | 'en';
  onState: (state: JitsiCallState) => void;
  /** Left from inside Jitsi's own frame (its hang-up): the call should end as if our button was pressed. */
  onClosed: () => void;
}

export class JitsiCall {
  private readonly others = new Set<string>();
  private current: JitsiCallState;
  private disposed = false;

  private constructor(
    private readonly api: JitsiMeetExternalApi,
    private readonly options: JitsiCallOptions,
  ) {
    this.current = { joined: false, others: 0, media: { audio: options.audio, video: options.video, screen: false } };
    api.addListener('videoConferenceJoined', () => this.update({ joined: true }));
    api.addListener('participantJoined', ({ id }) => {
      this.others.add(id);
      this.update({ others: this.others.size });
    });
    api.addListener('participantLeft', ({ id }) => {
      this.others.delete(id);
      this.update({ others: this.others.size });
    });
    api.addListener('audioMuteStatusChanged', ({ muted }) => this.update({ media: { ...this.current.media, audio: !muted } }));
    api.addListener('videoMuteStatusChanged', ({ muted }) => this.update({ media: { ...this.current.media, video: !muted } }));
    api.addListener('screenSharingStatusChanged', ({ on }) => this.update({ media: { ...this.current.media, screen: on } }));
    api.addListener('readyToClose', () => {
      if (!this.disposed) options.onClosed();
    });
  }

  /** Loads the host's IFrame API (once a page) and enters the room in a frame inside `parentNode`. */
  static async open(options: JitsiCallOptions): Promise<JitsiCall> {
    const Api = await loadJitsiApi(options.room.scriptUrl);
    const api = new Api(options.room.domain, {
      roomName: options.room.room,
      parentNode: options.parentNode,
      width: '100%',
      height: '100%',
      noSSL: options.room.noSSL,
      lang: options.lang,
      userInfo: { displayName: options.displayName },
      configOverwrite: {
        // Straight into the room: the call was answered in our UI already.
        prejoinPageEnabled: false,
        prejoinConfig: { enabled: false },
        startWithAudioMuted: !options.audio,
        startWithVideoMuted: !options.video,
        disableDeepLinking: true,
      },
    });
    return new JitsiCall(api, options);
  }

  get state(): JitsiCallState {
    return this.current;
  }

  /** The IFrame API only toggles: a command goes only when the state differs, and Jitsi's event says the outcome. */
  setAudio(on: boolean): void {
    if (on !== this.current.media.audio) this.api.executeCommand('toggleAudio');
  }

  setVideo(on: boolean): void {
    if (on !== this.current.media.video) this.api.executeCommand('toggleVideo');
  }

  setScreen(on: boolean): void {
    if (on !== this.current.media.screen) this.api.executeCommand('toggleShareScreen');
  }

  async devices(): Promise<JitsiDevice[]> {
    const all = await this.api.getAvailableDevices();
    return [...(all.audioInput ?? []), ...(all.videoInput ?? []), ...(all.audioOutput ?? [])];
  }

  /** Jitsi's frame has its own device ids (another origin): it matches by label where the id is not its own. */
  useDevice(kind: JitsiDevice['kind'], deviceId: string, label: string): void {
    if (kind === 'audioinput') this.api.setAudioInputDevice(label, deviceId);
    else if (kind === 'videoinput') this.api.setVideoInputDevice(label, deviceId);
    else this.api.setAudioOutputDevice(label, deviceId);
  }

  /** The other side's sound, 0–1. */
  setVolume(volume: number): void {
    for (const id of this.others) this.api.setParticipantVolume(id, volume);
  }

  /** Leaves the room and removes the frame; safe to call twice. */
  leave(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.api.executeCommand('hangup');
    this.api.dispose();
  }

  private update(change: Partial<JitsiCallState>): void {
    if (this.disposed) return;
    this.current = { ...this.current, ...change };
    this.options.onState(this.current);
  }
}
