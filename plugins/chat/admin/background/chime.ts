import type { NotifyKind } from './notifications.service';

/** Notes (Hz) of each signal: a new visitor is one soft note, a new dialog rises, a message is two quick notes. */
const TUNES: Record<NotifyKind, readonly number[]> = {
  visitor: [659.25],
  dialog: [523.25, 783.99],
  message: [880, 880],
};
const NOTE_GAP_S = 0.13;
const NOTE_LENGTH_S = 0.22;
const VOLUME = 0.12;
/** Several events at once make one sound. */
const QUIET_AFTER_MS = 1500;

/**
 * Short notification sounds made with WebAudio (sine notes with a soft attack and decay), so the
 * panel ships no audio files. Browsers only let a page play sound after a user gesture: `unlock()`
 * is called from one (any click in the chat view).
 */
export class Chime {
  private context: AudioContext | null = null;
  private lastPlayed = 0;

  unlock(): void {
    try {
      this.context ??= new AudioContext();
      // Closing (sign-out) right after a click rejects the pending resume: nothing to do then.
      if (this.context.state === 'suspended') this.context.resume().catch(() => undefined);
    } catch {
      /* no WebAudio here: notifications stay silent */
    }
  }

  play(kind: NotifyKind): void {
    const ctx = this.context;
    if (!ctx || ctx.state !== 'running' || Date.now() - this.lastPlayed < QUIET_AFTER_MS) return;
    this.lastPlayed = Date.now();
    TUNES[kind].forEach((frequency, i) => {
      const start = ctx.currentTime + i * NOTE_GAP_S;
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = 'sine';
      osc.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(VOLUME, start + 0.015);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + NOTE_LENGTH_S);
      osc.connect(gain).connect(ctx.destination);
      osc.start(start);
      osc.stop(start + NOTE_LENGTH_S + 0.02);
    });
  }

  close(): void {
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
