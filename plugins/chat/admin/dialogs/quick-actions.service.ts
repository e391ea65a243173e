import { Injectable, computed, inject } from '@angular/core';
import { DIALOG_TOOLBAR_ACTIONS, type DialogToolbarAction, PluginSlots, type SlotEntry, ToastService } from '../../../../admin-ui/src/app/plugin-api';
import { DEFAULT_OPERATOR_PREFERENCES, type PluginActionId, type QuickActionId } from '../../shared/chat.protocol';
import { chatErrorText } from '../ui/chat-errors';
import { PINNABLE_DIALOG_ACTIONS, type PinnableDialogAction } from './dialog-actions';
import { OperatorPreferences } from '../settings/preferences.service';

/** Another plugin's secondary toolbar action (DIALOG_TOOLBAR_ACTIONS), as the quick bar holds it. */
export interface PluginQuickAction {
  readonly id: PluginActionId;
  readonly entry: SlotEntry<DialogToolbarAction>;
}
export type QuickAction = PinnableDialogAction | PluginQuickAction;

/** For templates, which narrow by `@if (…; as x)`: the action as one kind, or null. */
export const asPluginAction = (action: QuickAction): PluginQuickAction | null => ('entry' in action ? action : null);
export const asChatAction = (action: QuickAction): PinnableDialogAction | null => ('entry' in action ? null : action);

/**
 * C17: which dialog actions the operator pinned as quick buttons, in their order, and the changes to
 * that — by dragging (the toolbar) or by clicks and keys (its settings panel). The chat's own
 * secondary actions and those of the account's other enabled plugins are pinnable alike; a pinned
 * action of a plugin switched off stays in the saved list and is back when the plugin is. Each
 * change is saved to the operator's preferences; a refused one is undone with a toast.
 */
@Injectable()
export class QuickActions {
  private readonly preferences = inject(OperatorPreferences);
  private readonly toasts = inject(ToastService);
  private readonly slotted = inject(PluginSlots).of(DIALOG_TOOLBAR_ACTIONS);

  private readonly ids = computed(() => this.preferences.value().quickActions);
  /** The plugins' actions that stand in the toolbar itself, beside the chat's main ones. */
  readonly pluginPrimary = computed(() => this.slotted().filter((e) => e.value.placement === 'primary'));
  private readonly all = computed<readonly QuickAction[]>(() => [
    ...PINNABLE_DIALOG_ACTIONS,
    ...this.slotted()
      .filter((e) => e.value.placement === 'secondary')
      .map((entry): PluginQuickAction => ({ id: `${entry.pluginId}.${entry.value.id}`, entry })),
  ]);
  /** The quick bar, left to right. */
  readonly pinned = computed<readonly QuickAction[]>(() => this.ids().flatMap((id) => this.all().filter((a) => a.id === id)));
  /** The "more" menu. */
  readonly unpinned = computed<readonly QuickAction[]>(() => this.all().filter((a) => !this.ids().includes(a.id)));
  readonly isDefault = computed(() => sameOrder(this.ids(), DEFAULT_OPERATOR_PREFERENCES.quickActions));

  /** Pins `id` at `index` of the bar (among the shown ones), or moves it there when pinned already. */
  place(id: QuickActionId, index: number): void {
    const rest = this.ids().filter((a) => a !== id);
    const shown = this.pinned().filter((a) => a.id !== id);
    // The index counts shown buttons; a pinned action of a plugin now off keeps its place in the list.
    const before = shown[Math.max(0, Math.min(index, shown.length))];
    const at = before ? rest.indexOf(before.id) : rest.length;
    rest.splice(at, 0, id);
    this.write(rest);
  }

  unpin(id: QuickActionId): void {
    this.write(this.ids().filter((a) => a !== id));
  }

  /** One place to the left (-1) or right (1). */
  move(id: QuickActionId, by: -1 | 1): void {
    const at = this.pinned().findIndex((a) => a.id === id);
    if (at >= 0) this.place(id, at + by);
  }

  reset(): void {
    this.write([...DEFAULT_OPERATOR_PREFERENCES.quickActions]);
  }

  private write(ids: QuickActionId[]): void {
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
