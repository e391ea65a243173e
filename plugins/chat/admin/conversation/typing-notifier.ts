/** While the operator keeps typing, "typing" is repeated this often at most (the visitor's widget times it out). */
const REPEAT_MS = 3000;
/** This long without a keystroke counts as having stopped. */
const IDLE_MS = 4000;

/**
 * Turns keystrokes into few `operator.typing` events: one when typing starts, a reminder every few
 * seconds while it goes on, and one when it stops (idle, sent, or another dialog opened).
 */
export class TypingNotifier {
  private dialogId: string | null = null;
  private lastSent = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly send: (dialogId: string, typing: boolean) => void) {}

  keystroke(dialogId: string): void {
    if (this.dialogId && this.dialogId !== dialogId) this.stop();
    const now = Date.now();
    if (this.dialogId !== dialogId || now - this.lastSent >= REPEAT_MS) {
      this.dialogId = dialogId;
      this.lastSent = now;
      this.send(dialogId, true);
    }
    clearTimeout(this.idle);
    this.idle = setTimeout(() => this.stop(), IDLE_MS);
  }

  stop(): void {
    clearTimeout(this.idle);
    if (this.dialogId) this.send(this.dialogId, false);
    this.dialogId = null;
    this.lastSent = 0;
  }
}
