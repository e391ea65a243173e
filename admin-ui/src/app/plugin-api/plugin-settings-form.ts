import { HttpErrorResponse } from '@angular/common/http';
import { DestroyRef, computed, effect, inject, signal, untracked } from '@angular/core';
import { toApiError } from '../core/api-error';
import { AuthService } from '../core/auth.service';
import type { ConfirmDialog } from '../shared/confirm-dialog';
import { type ErrorText, errorText } from '../shared/error-text';
import { LeaveConfirmation } from '../shared/leave-confirmation';
import { ToastService } from '../shared/toast.service';

/** What a refused save's field messages came to on the page. */
export interface PlacedServerFields {
  /** Some message was put beside its field. */
  readonly placed: boolean;
  /** The server's words about no field the page shows (a limit, the whole value). */
  readonly unplaced: readonly string[];
}

export interface PluginSettingsFormOptions<T> {
  /** The page's `siteId` input: each new site (and each retry) loads its value. */
  readonly siteId: () => string;
  readonly load: (siteId: string) => Promise<T>;
  /** Resolves with the value as stored; rejects with the server's refusal (a 400 with `error.fields`). */
  readonly save: (siteId: string, value: T) => Promise<T>;
  /** The value on screen as a save would send it; its JSON against the stored one's is "unsaved". */
  readonly value: () => T;
  /** Puts a value on screen as the server has it, dropping the page's messages about the last one. */
  readonly show: (value: T) => void;
  /** The page's own checks before a save (it marks what fails); false sends nothing. */
  readonly valid: () => boolean;
  /** Puts the server's messages of a refused save beside the fields they name (`toApiError(err).fields`, or the server's own words). */
  readonly placeServerFields: (err: unknown) => PlacedServerFields;
  /** Translation keys: "fix the marked fields" and the toast after a save. */
  readonly texts: { readonly fixFields: string; readonly savedToast: string };
  /** The page's «leave without saving?» dialog (`viewChild(ConfirmDialog)`). */
  readonly leaveDialog: () => ConfirmDialog | undefined;
}

/**
 * The behaviour every Sites → Settings tab of a plugin shares: load the site's value (again on a
 * new site or a retry), know whether what is on screen differs from what is stored, save it once
 * the page's own checks pass, place the server's refusal beside its fields (or say it above the
 * button), and ask before leaving with unsaved edits. The page keeps its fields and how it shows
 * them. Create it in a field initializer (it injects, runs an effect and listens to the window's
 * `beforeunload`); the page implements `LeavesSafely` with
 * `confirmLeave() { return this.settings.confirmLeave(); }` and answers from its dialog with
 * `settings.leave.answer(…)`.
 */
export class PluginSettingsForm<T> {
  private readonly toasts = inject(ToastService);
  /** A support visit (issue 15): the page shows the values, its save button stays disabled. */
  readonly readOnly = inject(AuthService).isSupport;

  readonly state = signal<'loading' | 'ready' | 'error'>('loading');
  readonly loadError = signal<ErrorText | null>(null);
  readonly saving = signal(false);
  /** Saved, and not edited since. */
  readonly justSaved = signal(false);
  readonly saveError = signal<ErrorText | null>(null);
  /** The server's words about no field the page shows, from the last refused save. */
  readonly serverNotes = signal<readonly string[]>([]);
  private readonly stored = signal('');
  readonly dirty = computed(() => this.state() === 'ready' && JSON.stringify(this.options.value()) !== this.stored());
  readonly leave: LeaveConfirmation;
  private readonly reload = signal(0);

  constructor(private readonly options: PluginSettingsFormOptions<T>) {
    this.leave = new LeaveConfirmation(options.leaveDialog, () => this.dirty());
    effect(() => {
      const siteId = options.siteId();
      this.reload();
      untracked(() => void this.load(siteId));
    });
    // Closing or reloading the tab with unsaved edits: the browser asks its own question.
    const beforeUnload = (event: BeforeUnloadEvent) => this.leave.beforeUnload(event);
    window.addEventListener('beforeunload', beforeUnload);
    inject(DestroyRef).onDestroy(() => window.removeEventListener('beforeunload', beforeUnload));
  }

  retry(): void {
    this.reload.update((n) => n + 1);
  }

  /** The page calls it on every edit: "Saved" no longer holds. */
  edited(): void {
    this.justSaved.set(false);
  }

  async save(): Promise<void> {
    if (this.saving() || this.state() !== 'ready' || this.readOnly()) return;
    this.serverNotes.set([]);
    if (!this.options.valid()) {
      this.saveError.set({ key: this.options.texts.fixFields });
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    try {
      this.show(await this.options.save(this.options.siteId(), this.options.value()));
      this.justSaved.set(true);
      this.toasts.show('success', this.options.texts.savedToast);
    } catch (err) {
      const { placed, unplaced } = this.options.placeServerFields(err);
      this.serverNotes.set(unplaced);
      this.saveError.set(placed && !unplaced.length ? { key: this.options.texts.fixFields } : errorText(toApiError(err)));
    } finally {
      this.saving.set(false);
    }
  }

  confirmLeave(): boolean | Promise<boolean> {
    return this.leave.confirm();
  }

  private async load(siteId: string): Promise<void> {
    this.state.set('loading');
    try {
      const value = await this.options.load(siteId);
      if (this.options.siteId() !== siteId) return;
      this.show(value);
      this.justSaved.set(false);
      this.state.set('ready');
    } catch (err) {
      this.loadError.set(errorText(toApiError(err)));
      this.state.set('error');
    }
  }

  /** The value as the server has it: that is the unchanged state. */
  private show(value: T): void {
    this.options.show(value);
    this.stored.set(JSON.stringify(this.options.value()));
    this.saveError.set(null);
    this.serverNotes.set([]);
  }
}

/** The server's own words per field of a refused save (in the request's language), by dotted path. */
export function serverFieldTexts(err: unknown): Record<string, string> {
  const body: unknown = err instanceof HttpErrorResponse ? err.error : null;
  const fields = (body as { error?: { fields?: unknown } } | null)?.error?.fields;
  if (!fields || typeof fields !== 'object') return {};
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
