import { signal } from '@angular/core';
import type { LegMedia } from '../shared/calls.protocol';

export type DeviceKind = 'audioinput' | 'videoinput' | 'audiooutput';
export interface MediaDevice {
  id: string;
  kind: DeviceKind;
  label: string;
}

/** Where the tracks this leg sends go: every peer connection of the call (CallPeer.setTrack). */
export type TrackSink = (kind: 'audio' | 'video', track: MediaStreamTrack | null, stream: MediaStream) => void;

/**
 * What this operator's device sends in a call: the microphone, the camera or the shared screen
 * (one video track at a time: the screen replaces the camera while shown and the camera comes back
 * after). A switch of device or of camera/screen replaces the track in place (`replaceTrack`
 * through the sink), so the call does not drop or renegotiate for it. The microphone "off" keeps
 * the track and disables it (muting is instant and the device stays ready); the camera "off"
 * stops its track, so the camera's light goes out.
 */
export class LocalMedia {
  readonly stream = new MediaStream();
  readonly micOn = signal(false);
  readonly cameraOn = signal(false);
  readonly screenOn = signal(false);
  readonly micId = signal<string | null>(null);
  readonly cameraId = signal<string | null>(null);
  readonly devices = signal<readonly MediaDevice[]>([]);
  /** The stream the own preview shows (camera or screen), or null. */
  readonly preview = signal<MediaStream | null>(null);
  private mic: MediaStreamTrack | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private sink: TrackSink = () => undefined;

  constructor(private readonly media: MediaDevices = navigator.mediaDevices) {}

  /** Connects the tracks to the peers; the tracks held now are handed over at once. */
  attach(sink: TrackSink): void {
    this.sink = sink;
    if (this.mic) sink('audio', this.mic, this.stream);
    const video = this.screen ?? this.camera;
    if (video) sink('video', video, this.stream);
  }

  /** Asks for the microphone (and the camera with `video`); rejects when the browser refuses. */
  async open(video: boolean): Promise<void> {
    const stream = await this.media.getUserMedia({ audio: this.audioConstraints(), video: video ? this.videoConstraints() : false });
    this.setMic(stream.getAudioTracks()[0] ?? null);
    if (video) this.setCamera(stream.getVideoTracks()[0] ?? null);
    await this.listDevices();
  }

  toggleMic(): void {
    if (!this.mic) return;
    this.mic.enabled = !this.mic.enabled;
    this.micOn.set(this.mic.enabled);
  }

  async toggleCamera(): Promise<void> {
    if (this.camera) {
      this.setCamera(null);
      return;
    }
    const stream = await this.media.getUserMedia({ video: this.videoConstraints() });
    this.setCamera(stream.getVideoTracks()[0] ?? null);
    await this.listDevices();
  }

  /** E6: the operator's screen instead of the camera; the browser's own "stop sharing" ends it too. */
  async toggleScreen(): Promise<void> {
    if (this.screen) {
      this.stopScreen();
      return;
    }
    const stream = await this.media.getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track) return;
    track.addEventListener('ended', () => {
      if (this.screen === track) this.stopScreen();
    });
    this.screen = track;
    this.screenOn.set(true);
    this.replaceVideo();
  }

  async useDevice(kind: DeviceKind, id: string): Promise<void> {
    if (kind === 'audioinput') {
      this.micId.set(id);
      if (!this.mic) return;
      const enabled = this.mic.enabled;
      const stream = await this.media.getUserMedia({ audio: this.audioConstraints() });
      const track = stream.getAudioTracks()[0] ?? null;
      if (track) track.enabled = enabled;
      this.setMic(track);
    } else if (kind === 'videoinput') {
      this.cameraId.set(id);
      if (!this.camera) return;
      const stream = await this.media.getUserMedia({ video: this.videoConstraints() });
      this.setCamera(stream.getVideoTracks()[0] ?? null);
    }
  }

  /** The media another back-end sends for this device (Jitsi's frame): the same buttons show what it says. */
  mirror(media: LegMedia): void {
    this.micOn.set(media.audio);
    this.screenOn.set(media.screen);
    this.cameraOn.set(media.video && !media.screen);
  }

  /** What the other legs are told this leg sends (`call.media`). */
  state(): LegMedia {
    return { audio: this.micOn(), video: this.cameraOn() || this.screenOn(), screen: this.screenOn() };
  }

  /** Device names are given only once a permission was granted, so the list is read after `open`. */
  async listDevices(): Promise<void> {
    try {
      const all = await this.media.enumerateDevices();
      this.devices.set(all.filter((d) => d.deviceId).map((d) => ({ id: d.deviceId, kind: d.kind as DeviceKind, label: d.label })));
    } catch {
      /* the list stays as it was */
    }
    this.micId.update((id) => id ?? this.mic?.getSettings().deviceId ?? null);
    this.cameraId.update((id) => id ?? this.camera?.getSettings().deviceId ?? null);
  }

  close(): void {
    for (const track of [this.mic, this.camera, this.screen]) track?.stop();
    for (const track of this.stream.getTracks()) this.stream.removeTrack(track);
    this.mic = this.camera = this.screen = null;
    this.micOn.set(false);
    this.cameraOn.set(false);
    this.screenOn.set(false);
    this.preview.set(null);
    this.sink = () => undefined;
  }

  private setMic(track: MediaStreamTrack | null): void {
    if (this.mic) this.swap(this.mic, track);
    else if (track) this.stream.addTrack(track);
    this.mic = track;
    this.micOn.set(!!track?.enabled);
    this.sink('audio', track, this.stream);
  }

  private setCamera(track: MediaStreamTrack | null): void {
    this.camera?.stop();
    this.camera = track;
    this.cameraOn.set(!!track);
    if (!this.screen) this.replaceVideo();
  }

  private stopScreen(): void {
    this.screen?.stop();
    this.screen = null;
    this.screenOn.set(false);
    this.replaceVideo();
  }

  /** The stream holds one video track: the screen if shown, else the camera, else none. */
  private replaceVideo(): void {
    const track = this.screen ?? this.camera;
    for (const old of this.stream.getVideoTracks()) if (old !== track) this.stream.removeTrack(old);
    if (track && !this.stream.getVideoTracks().includes(track)) this.stream.addTrack(track);
    this.preview.set(track ? new MediaStream([track]) : null);
    this.sink('video', track, this.stream);
  }

  private swap(old: MediaStreamTrack, next: MediaStreamTrack | null): void {
    this.stream.removeTrack(old);
    old.stop();
    if (next) this.stream.addTrack(next);
  }

  private audioConstraints(): MediaTrackConstraints | boolean {
    const id = this.micId();
    return id ? { deviceId: { exact: id } } : true;
  }

  private videoConstraints(): MediaTrackConstraints {
    const id = this.cameraId();
    return { ...(id ? { deviceId: { exact: id } } : {}), width: { ideal: 1280 }, height: { ideal: 720 } };
  }
}
