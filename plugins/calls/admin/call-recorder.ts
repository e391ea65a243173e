/** A chunk every two seconds: a closed tab or a crash loses at most that much of the recording. */
export const CHUNK_MS = 2000;

/** Uploads one chunk (numbered from 0 in the order recorded); rejects when the server refuses it. */
export type ChunkUpload = (seq: number, chunk: Blob) => Promise<void>;

/** Opus in WebM where the browser has it (Chromium, Firefox), else the browser's own WebM audio. */
function audioType(): string {
  return ['audio/webm;codecs=opus', 'audio/webm'].find((t) => MediaRecorder.isTypeSupported(t)) ?? 'audio/webm';
}

/**
 * D4: the call's sound as one recording, made in the operator's browser. WebAudio mixes the
 * operator's microphone and every other leg's sound into one MediaStreamAudioDestinationNode;
 * MediaRecorder encodes the mix (audio only: see docs/calls.md) and hands a chunk every
 * CHUNK_MS, uploaded in order, one at a time, while it records.
 */
export class CallRecorder {
  private readonly audio = new AudioContext();
  private readonly mix = this.audio.createMediaStreamDestination();
  /** The mixed tracks' sources, by track id: a track joins the mix once, a gone one leaves it. */
  private readonly sources = new Map<string, MediaStreamAudioSourceNode>();
  private readonly recorder = new MediaRecorder(this.mix.stream, { mimeType: audioType() });
  private seq = 0;
  private uploads: Promise<void> = Promise.resolve();
  private failed = false;

  /** `onFailure`: a chunk was refused (the size limit, the call gone): the caller stops the recording and says why. */
  constructor(
    private readonly upload: ChunkUpload,
    private readonly onFailure: (err: unknown) => void,
  ) {
    this.recorder.ondataavailable = (event) => {
      if (!event.data.size || this.failed) return;
      const seq = this.seq++;
      this.uploads = this.uploads.then(() =>
        this.upload(seq, event.data).catch((err: unknown) => {
          this.failed = true;
          this.onFailure(err);
        }),
      );
    };
  }

  /** The tracks to hear now (the microphone, the other legs' sound): new ones join the mix, the others leave it. */
  follow(tracks: readonly MediaStreamTrack[]): void {
    const live = new Set(tracks.filter((t) => t.kind === 'audio' && t.readyState === 'live').map((t) => t.id));
    for (const [id, source] of this.sources) {
      if (live.has(id)) continue;
      source.disconnect();
      this.sources.delete(id);
    }
    for (const track of tracks) {
      if (!live.has(track.id) || this.sources.has(track.id)) continue;
      const source = this.audio.createMediaStreamSource(new MediaStream([track]));
      source.connect(this.mix);
      this.sources.set(track.id, source);
    }
  }

  start(): void {
    this.recorder.start(CHUNK_MS);
  }

  /** Stops recording, then waits for the last chunk's upload: once it resolves, the server has everything. */
  async stop(): Promise<void> {
    if (this.recorder.state !== 'inactive') {
      const stopped = new Promise<void>((resolve) => this.recorder.addEventListener('stop', () => resolve(), { once: true }));
      this.recorder.stop();
      await stopped;
    }
    await this.uploads;
    for (const source of this.sources.values()) source.disconnect();
    this.sources.clear();
    await this.audio.close().catch(() => undefined);
  }
}
