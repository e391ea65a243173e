import { Injectable, computed, inject } from '@angular/core';
import { ToastService } from '../../../admin-ui/src/app/plugin-api';
import { DEFAULT_OPERATOR_PREFERENCES, type PinnableAction } from '../shared/chat.protocol';
import { chatErrorText } from './chat-errors';
import { PINNABLE_DIALOG_ACTIONS, type PinnableDialogAction } from './dialog-actions';
import { OperatorPreferences } from './preferences.service';

/**
 * C17: which dialog actions the operator pinned as quick buttons, in their order, and the changes to
 * that — by dragging (the toolbar) or by clicks and keys (its settings panel). Each change is saved
 * to the operator's preferences; a refused one is undone with a toast.
 */
@Injectable()
export class QuickActions {
  private readonly preferences = inject(OperatorPreferences);
  private readonly toasts = inject(ToastService);

  private readonly ids = computed(() => this.preferences.value().quickActions);
  /** The quick bar, left to right. */
  readonly pinned = computed<readonly PinnableDialogAction[]>(() => this.ids().flatMap((id) => PINNABLE_DIALOG_ACTIONS.filter((a) => a.id === id)));
  /** The "more" menu. */
  readonly unpinned = computed<readonly PinnableDialogAction[]>(() => PINNABLE_DIALOG_ACTIONS.filter((a) => !this.ids().includes(a.id)));
  readonly isDefault = computed(() => sameOrder(this.ids(), DEFAULT_OPERATOR_PREFERENCES.quickActions));

  /** Pins `id` at `index` of the bar, or moves it there when pinned already. */
  place(id: PinnableAction, index: number): void {
    const rest = this.ids().filter((a) => a !== id);
    rest.splice(Math.max(0, Math.min(index, rest.length)), 0, id);
    this.write(rest);
  }

  unpin(id: PinnableAction): void {
    this.write(this.ids().filter((a) => a !== id));
  }

  /** One place to the left (-1) or right (1). */
  move(id: PinnableAction, by: -1 | 1): void {
    const at = this.ids().indexOf(id);
    if (at >= 0) this.place(id, at + by);
  }

  reset(): void {
    this.write([...DEFAULT_OPERATOR_PREFERENCES.quickActions]);
  }

  private write(ids: PinnableAction[]): void {
    if (sameOrder(ids, this.ids())) return;
    this.preferences.save({ quickActions: ids }).catch((err: unknown) => {
      const text = chatErrorText(err);
      this.toasts.show('error', text.key ?? 'errors.generic');
    });
  }
}

function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}
