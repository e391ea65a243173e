import type { HttpClient } from '@angular/common/http';
import { signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { toApiError } from '../../../admin-ui/src/app/plugin-api';
import { recordingChunkPath } from '../shared/calls.protocol';
import { CallRecorder } from './call-recorder';
import { CallsRequestError, type CallsSocket } from './calls-socket';

export type RecordingState = 'off' | 'starting' | 'on' | 'stopping';

/**
 * D4 on this device: «Записать звонок» asks the server for a recording of this leg (everyone's
 * notice comes from the server's `call.updated`), records (call-recorder.ts) and uploads its
 * chunks; «Остановить запись», the hang-up or this device leaving the call stop it, the last chunk
 * uploaded before the server is told, so the recording in the dialog is whole.
 */
export class CallRecording {
  readonly state = signal<RecordingState>('off');
  private recorder: CallRecorder | null = null;
  private current: { callId: string; recordingId: string } | null = null;

  constructor(
    private readonly socket: CallsSocket,
    private readonly http: HttpClient,
    /** A refused chunk (the size limit…): the recording stops and the window says why. */
    private readonly failed: (err: Error) => void,
  ) {}

  async start(callId: string, legId: string, tracks: readonly MediaStreamTrack[]): Promise<void> {
    if (this.state() !== 'off') return;
    this.state.set('starting');
    try {
      const { recordingId } = await this.socket.request('call.recording.start', { callId, legId });
      this.current = { callId, recordingId };
      this.recorder = new CallRecorder(
        (seq, chunk) => this.put(recordingId, seq, chunk),
        (err) => {
          this.failed(err instanceof Error ? err : new Error(String(err)));
          void this.stop();
        },
      );
      this.recorder.follow(tracks);
      this.recorder.start();
      this.state.set('on');
    } catch (err) {
      this.state.set('off');
      throw err;
    }
  }

  /** The call's sound now (a new leg, a switched microphone): the mix follows it. */
  follow(tracks: readonly MediaStreamTrack[]): void {
    this.recorder?.follow(tracks);
  }

  async stop(): Promise<void> {
    const recorder = this.recorder;
    const current = this.current;
    if (!recorder || !current) return;
    this.recorder = null;
    this.current = null;
    this.state.set('stopping');
    try {
      await recorder.stop();
      // The call may have ended meanwhile: the server stopped the recording with it then.
      await this.socket.request('call.recording.stop', current).catch(() => undefined);
    } finally {
      this.state.set('off');
    }
  }

  private async put(recordingId: string, seq: number, chunk: Blob): Promise<void> {
    try {
      await firstValueFrom(this.http.post(recordingChunkPath(recordingId, seq), chunk, { headers: { 'Content-Type': chunk.type || 'audio/webm' } }));
    } catch (err) {
      const refused = toApiError(err);
      throw new CallsRequestError(refused.code, refused.message);
    }
  }
}
