/** A phone-like ring: two tones together (440 + 480 Hz, the North American ringback) for 1 s, every 3 s. */
const TONES_HZ = [440, 480];
const BURST_S = 1;
const PERIOD_MS = 3000;
const VOLUME = 0.08;

/**
 * The ring of an incoming call, made with WebAudio so the panel ships no audio files. Browsers
 * start an AudioContext suspended until the page has had a user gesture: `unlock()` is called on
 * the panel's first pointer or key press, so a call that comes later rings.
 */
export class RingTone {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  unlock(): void {
    if (this.context) return;
    try {
      this.context = new AudioContext();
      // Made by the gesture, it may play from now on; it stays suspended until a call rings.
      this.context.suspend().catch(() => undefined);
    } catch {
      /* no WebAudio here: the pop-up and the notification still show */
    }
  }

  get ringing(): boolean {
    return this.timer !== null;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => this.burst(), PERIOD_MS);
    this.unlock();
    // A page that had its gesture may resume later without one; resumed, the first ring sounds at once.
    await this.context?.resume().catch(() => undefined);
    if (this.timer) this.burst();
  }

  /** Silent between calls: the context is suspended, so the page holds no running audio output. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.context?.state === 'running') this.context.suspend().catch(() => undefined);
  }

  close(): void {
    this.stop();
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private burst(): void {
    const ctx = this.context;
    if (!ctx || ctx.state !== 'running') return;
    const start = ctx.currentTime;
    const gain = ctx.createGain();
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(VOLUME, start + 0.03);
    gain.gain.setValueAtTime(VOLUME, start + BURST_S - 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + BURST_S);
    gain.connect(ctx.destination);
    for (const frequency of TONES_HZ) {
      const osc = ctx.createOscillator();
      osc.frequency.value = frequency;
      osc.connect(gain);
      osc.start(start);
      osc.stop(start + BURST_S + 0.02);
    }
  }
}
