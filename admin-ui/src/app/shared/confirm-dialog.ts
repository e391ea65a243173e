import { ChangeDetectionStrategy, Component, DestroyRef, type ElementRef, inject, input, output, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { TranslatePipe } from '@ngx-translate/core';
import type { Observable } from 'rxjs';
import { toApiError } from '../core/api-error';
import { ErrorAlert } from './error-alert';
import { type ErrorText, errorText } from './error-text';
import { Icon, type IconName } from './icon';

interface Pending {
  action: () => Observable<unknown>;
  done: () => void;
}

let nextId = 0;

/**
 * A modal "are you sure?". For a request (disconnect a member, delete a department) `ask(action,
 * done)` opens it; Confirm runs the action, shows the server's refusal in the dialog, and on success
 * closes it and calls `done`. Without a request (leave unsaved changes) `open()` it and act on
 * `confirmed`, then `close()` it. Esc and Cancel close it unless an action is running.
 */
@Component({
  selector: 'cp-confirm-dialog',
  imports: [TranslatePipe, ErrorAlert, Icon],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './confirm-dialog.css',
  template: `
    <dialog #dialog class="dialog" [attr.aria-labelledby]="id + '-title'" [attr.aria-describedby]="id + '-text'" [attr.data-testid]="testId() + '-dialog'"
      (close)="onClose()" (cancel)="busy() && $event.preventDefault()">
      <div class="dialog-body">
        <span class="dialog-ico"><cp-icon [name]="icon()" /></span>
        <h2 [id]="id + '-title'">{{ title() }}</h2>
        <p [id]="id + '-text'">{{ text() }}</p>
        <cp-error-alert [error]="error()" />
      </div>
      <div class="dialog-actions">
        <button type="button" class="btn btn-secondary" [attr.data-testid]="testId() + '-cancel'" (click)="cancel()" [disabled]="busy()">
          {{ 'common.cancel' | translate }}
        </button>
        <button type="button" class="btn btn-danger" [attr.data-testid]="testId() + '-confirm'" (click)="confirm()" [disabled]="busy()">
          @if (busy()) { <span class="spinner" aria-hidden="true"></span> }
          {{ confirmLabel() }}
        </button>
      </div>
    </dialog>
  `,
})
export class ConfirmDialog {
  readonly title = input.required<string>();
  readonly text = input.required<string>();
  readonly confirmLabel = input.required<string>();
  readonly icon = input<IconName>('trash');
  /** Prefixes the test ids: `<testId>-dialog`, `-cancel`, `-confirm`. */
  readonly testId = input.required<string>();
  /** Confirm was pressed on a dialog opened with `open()`. */
  readonly confirmed = output();
  /** The dialog closed, whatever closed it (Esc, Cancel, success). */
  readonly closed = output();

  protected readonly id = `cp-confirm-${nextId++}`;
  protected readonly busy = signal(false);
  protected readonly error = signal<ErrorText | null>(null);
  private pending: Pending | null = null;
  private readonly destroyRef = inject(DestroyRef);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  ask(action: () => Observable<unknown>, done: () => void): void {
    if (this.busy()) return;
    this.pending = { action, done };
    this.show();
  }

  open(): void {
    if (this.busy()) return;
    this.pending = null;
    this.show();
  }

  close(): void {
    this.dialog().nativeElement.close();
  }

  private show(): void {
    this.error.set(null);
    const dialog = this.dialog().nativeElement;
    if (!dialog.open) dialog.showModal();
  }

  protected confirm(): void {
    const pending = this.pending;
    if (this.busy()) return;
    if (!pending) {
      this.confirmed.emit();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    pending
      .action()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => {
          this.busy.set(false);
          this.close();
          pending.done();
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.error.set(errorText(toApiError(err)));
        },
      });
  }

  protected cancel(): void {
    if (!this.busy()) this.close();
  }

  /** `close` is dispatched asynchronously: if the dialog was reopened meanwhile, it is not closed. */
  protected onClose(): void {
    if (this.dialog().nativeElement.open) return;
    this.pending = null;
    this.closed.emit();
  }
}
