import { Injectable, inject, signal } from '@angular/core';
import { AuthService } from '../../../../admin-ui/src/app/plugin-api';
import { DEFAULT_OPERATOR_PREFERENCES, type OperatorPreferencesDto } from '../../shared/chat.protocol';
import { ChatSocket } from '../background/chat-socket.service';
import { readUserValue, writeUserValue } from '../background/user-storage';

/**
 * The operator's own panel settings — C17 quick buttons, C20 notification switches — kept on the
 * server (`preferences.*`), so every browser they sign in from shows the same panel. This browser
 * keeps the last copy it saw: the page starts with the operator's settings (no chime for someone
 * who switched sound off) before the socket answers, and keeps them while the server is out of
 * reach. A change shows at once and is undone, with the error passed on, if the server refuses it.
 */
@Injectable()
export class OperatorPreferences {
  private readonly socket = inject(ChatSocket);
  private readonly userId = inject(AuthService).user()?.id ?? 0;

  readonly value = signal<OperatorPreferencesDto>({ ...DEFAULT_OPERATOR_PREFERENCES, ...readUserValue<Partial<OperatorPreferencesDto>>('preferences', this.userId) });
  /** Saves sent and not answered yet: the server's answer to an earlier one must not undo a later one on screen. */
  private saving = 0;

  /** After every (re)connect: the server's copy wins. */
  async load(): Promise<void> {
    try {
      this.apply(await this.socket.request('preferences.get', {}));
    } catch {
      /* the panel goes on with this browser's copy; the next connect tries again */
    }
  }

  /** The server's copy, from a load, a save's answer, or another panel of the operator (`preferences.changed`). */
  apply(preferences: OperatorPreferencesDto): void {
    if (this.saving) return;
    this.value.set(preferences);
    writeUserValue('preferences', this.userId, preferences);
  }

  /** Replaces the given fields; rejects (after putting them back) when the server refuses or cannot be reached. */
  async save(changes: Partial<OperatorPreferencesDto>): Promise<void> {
    const before = this.value();
    this.value.set({ ...before, ...changes });
    this.saving++;
    try {
      const stored = await this.socket.request('preferences.save', changes);
      this.saving--;
      this.apply(stored);
    } catch (err) {
      this.saving--;
      const undone = Object.fromEntries(Object.keys(changes).map((key) => [key, before[key as keyof OperatorPreferencesDto]]));
      this.value.update((now) => ({ ...now, ...undone }));
      throw err;
    }
  }
}
