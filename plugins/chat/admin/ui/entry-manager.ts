import { Directive, type ElementRef, Injector, afterNextRender, inject, signal, viewChild } from '@angular/core';
import { ConfirmDialog, type ErrorText, I18nService, ToastService } from '../../../../admin-ui/src/app/plugin-api';
import { type FieldProblem, refusalText } from './manager-form';

/**
 * What the management views of quick replies (C11) and templates (C12) share: a list with a search,
 * one form that writes a new entry or edits the picked one, and a confirmed delete. A view says how
 * its form is filled, checked and saved; the flow — problems shown once submitted, the server's
 * refusal in words, a toast on success — is the same.
 */
@Directive()
export abstract class EntryManager<T extends { id: string }> {
  protected readonly toasts = inject(ToastService);
  protected readonly lang = inject(I18nService).current;
  private readonly injector = inject(Injector);

  protected readonly query = signal('');
  /** The entry in the form; null while the form writes a new one. */
  protected readonly editing = signal<T | null>(null);
  /** Submitted once: the form's problems show from then on. */
  protected readonly touched = signal(false);
  protected readonly saving = signal(false);
  protected readonly formError = signal<ErrorText | null>(null);
  protected readonly listError = signal<ErrorText | null>(null);
  /** The entry the delete confirmation asks about. */
  protected readonly confirming = signal<T | null>(null);
  private readonly deleting = signal(false);
  private readonly confirmDialog = viewChild.required(ConfirmDialog);
  private readonly formCard = viewChild.required<ElementRef<HTMLElement>>('formCard');

  /** Server codes the form words itself, by translation key. */
  protected abstract readonly refusals: Readonly<Record<string, string>>;
  /** Puts an entry's fields into the form; null empties it. */
  protected abstract fill(entry: T | null): void;
  /** Whether a field has a problem (they show once `touched`). */
  protected abstract invalid(): boolean;
  /** Sends the form; answers the toast's translation key. */
  protected abstract write(editing: T | null): Promise<string>;
  /** Deletes; answers the toast's translation key. */
  protected abstract delete(entry: T): Promise<string>;

  /** A field's problem as the form shows it: once submitted, or at once when it is a clash. */
  protected problemShown(problem: FieldProblem | null): FieldProblem | null {
    return problem && (this.touched() || problem.live) ? problem : null;
  }

  /** The form, emptied, in sight and ready to type (on narrow screens it is below the list). */
  startNew(): void {
    this.cancel();
    this.bringFormIntoView();
  }

  edit(entry: T): void {
    this.editing.set(entry);
    this.fill(entry);
    this.touched.set(false);
    this.formError.set(null);
    this.bringFormIntoView();
  }

  /** Beside the list on wide screens; below it on narrow ones, where it may be out of sight. */
  private bringFormIntoView(): void {
    const card = this.formCard().nativeElement;
    const top = card.getBoundingClientRect().top;
    if (top < 0 || top > window.innerHeight - 120) card.scrollIntoView({ behavior: 'smooth', block: 'start' });
    card.querySelector<HTMLElement>('input, textarea')?.focus({ preventScroll: true });
  }

  cancel(): void {
    this.editing.set(null);
    this.fill(null);
    this.touched.set(false);
    this.formError.set(null);
  }

  async save(): Promise<void> {
    this.touched.set(true);
    if (this.invalid() || this.saving()) {
      // The first field with a problem, once it shows as one.
      afterNextRender(() => this.formCard().nativeElement.querySelector<HTMLElement>('.has-error')?.focus(), { injector: this.injector });
      return;
    }
    this.saving.set(true);
    this.formError.set(null);
    try {
      this.toasts.show('success', await this.write(this.editing()));
      this.cancel();
    } catch (err) {
      this.formError.set(refusalText(err, this.refusals));
    } finally {
      this.saving.set(false);
    }
  }

  askDelete(entry: T): void {
    this.confirming.set(entry);
    this.confirmDialog().open();
  }

  protected async confirmDelete(): Promise<void> {
    const entry = this.confirming();
    if (!entry || this.deleting()) return;
    this.deleting.set(true);
    this.listError.set(null);
    try {
      const done = await this.delete(entry);
      if (this.editing()?.id === entry.id) this.cancel();
      this.toasts.show('success', done);
    } catch (err) {
      this.listError.set(refusalText(err, this.refusals));
    } finally {
      this.deleting.set(false);
      this.confirmDialog().close();
    }
  }
}
