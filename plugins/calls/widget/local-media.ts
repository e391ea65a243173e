/**
 * What the visitor sends: the microphone's track, the camera's, the screen's (E6). One stream holds
 * them, so the other side gets the voice and the picture together. The video sent is the screen
 * while it is shown, else the camera, else none; the camera comes back when the screen stops.
 */
export class LocalMedia {
  readonly stream = new MediaStream();
  audio: MediaStreamTrack | null = null;
  camera: MediaStreamTrack | null = null;
  screen: MediaStreamTrack | null = null;

  /** Asks for the microphone once (the browser remembers the visitor's answer for the site). Throws when refused. */
  async mic(): Promise<void> {
    if (this.audio && this.audio.readyState === 'live') return;
    const got = await navigator.mediaDevices.getUserMedia({ audio: true });
    this.audio = this.keep(got.getAudioTracks()[0]);
  }

  async cameraOn(): Promise<void> {
    const got = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 } } });
    this.camera = this.keep(got.getVideoTracks()[0]);
  }

  cameraOff(): void {
    this.camera = this.drop(this.camera);
  }

  /** E6: the browser's picker (call it from the visitor's click: it needs the gesture). `ended`: the visitor stopped it from the browser's own bar. */
  async screenOn(ended: () => void): Promise<void> {
    const got = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = got.getVideoTracks()[0];
    if (!track) throw new Error('no screen track');
    track.addEventListener('ended', ended, { once: true });
    this.screen = this.keep(track);
  }

  screenOff(): void {
    this.screen = this.drop(this.screen);
  }

  /** The video to send now. */
  video(): MediaStreamTrack | null {
    return this.screen ?? this.camera;
  }

  stop(): void {
    this.audio = this.drop(this.audio);
    this.cameraOff();
    this.screenOff();
  }

  private keep(track: MediaStreamTrack | undefined): MediaStreamTrack | null {
    if (track) this.stream.addTrack(track);
    return track ?? null;
  }

  private drop(track: MediaStreamTrack | null): null {
    if (track) {
      track.stop();
      this.stream.removeTrack(track);
    }
    return null;
  }
}
