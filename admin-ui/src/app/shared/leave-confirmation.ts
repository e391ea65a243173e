import type { ConfirmDialog } from './confirm-dialog';

/**
 * The "leave without saving?" question of a page with unsaved edits: the route's
 * unsavedChangesGuard asks `confirm()`, the page's ConfirmDialog answers through `answer()`, and
 * the browser asks its own question when the tab is closed or reloaded (`beforeUnload`).
 */
export class LeaveConfirmation {
  private pending: ((leave: boolean) => void) | null = null;

  constructor(
    private readonly dialog: () => ConfirmDialog | undefined,
    private readonly dirty: () => boolean,
  ) {}

  confirm(): boolean | Promise<boolean> {
    const dialog = this.dialog();
    if (!this.dirty() || !dialog) return true;
    this.pending?.(false);
    dialog.open();
    return new Promise<boolean>((resolve) => (this.pending = resolve));
  }

  /** "Leave without saving" answers yes; Cancel, Esc or any other close answers no. */
  answer(leave: boolean): void {
    const resolve = this.pending;
    this.pending = null;
    if (leave) this.dialog()?.close();
    resolve?.(leave);
  }

  beforeUnload(event: BeforeUnloadEvent): void {
    if (this.dirty()) event.preventDefault();
  }
}
