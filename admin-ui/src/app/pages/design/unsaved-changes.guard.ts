import type { CanDeactivateFn } from '@angular/router';

/** A page that may hold edits not saved yet; it asks the user (and answers) before being left. */
export interface LeavesSafely {
  confirmLeave(): boolean | Promise<boolean>;
}

export const unsavedChangesGuard: CanDeactivateFn<LeavesSafely> = (page) => page.confirmLeave();
