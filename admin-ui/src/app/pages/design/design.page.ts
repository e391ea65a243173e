import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { TranslatePipe } from '@ngx-translate/core';
import { catchError, forkJoin, map, of, switchMap } from 'rxjs';
import { type ApiError, toApiError } from '../../core/api-error';
import type { Site } from '../../core/api.types';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { Icon } from '../../shared/icon';
import { LeaveConfirmation } from '../../shared/leave-confirmation';
import { ToastService } from '../../shared/toast.service';
import { SitesService } from '../sites/sites.service';
import { CaptionsEditor } from './captions-editor.component';
import { ColorsSection } from './colors-section.component';
import { DesignEditor } from './design-editor';
import { type DesignMessage, apiMessage } from './design-errors';
import { DesignSection } from './design-section.component';
import { DesignPreview } from './design-preview.component';
import { type DesignResponse, DesignService } from './design.service';
import { LogoEditor } from './logo-editor.component';
import { PositionEditor } from './position-editor.component';
import { StylePicker } from './style-picker.component';
import type { LeavesSafely } from './unsaved-changes.guard';
import { AuthService } from '../../core/auth.service';
import { ReadOnlyNote } from '../../shared/read-only-note';

/** Server field paths the page shows next to their field; anything else goes to the banner. */
const PLACED_FIELD = /^(colors\.\w+|captions\.(ru|en)\.\w+|position(\.[xy])?|logo(\.scale)?)$/;

type Loaded = { status: 'ready'; sites: Site[]; response: DesignResponse } | { status: 'missing' } | { status: 'error'; error: ApiError };

/**
 * B3–B8: a site's widget design — settings on the left, the live preview on the right. Edits stay
 * a draft (seen in the preview at once) until saved; leaving with unsaved edits asks first.
 */
@Component({
  selector: 'cp-design-page',
  imports: [RouterLink, TranslatePipe, ConfirmDialog, Icon, DesignSection, StylePicker, PositionEditor, ColorsSection, LogoEditor, CaptionsEditor, DesignPreview, ReadOnlyNote],
  providers: [DesignEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './design.page.html',
  styleUrl: './design.page.css',
  host: { '(window:beforeunload)': 'leave.beforeUnload($event)', '(document:keydown)': 'shortcut($event)' },
})
export class DesignPage implements LeavesSafely {
  /** From the route `sites/:siteId/design`. */
  readonly siteId = input.required<string>();

  protected readonly editor = inject(DesignEditor);
  /** A support visit (issue 15) looks, and saves nothing. */
  protected readonly readOnly = inject(AuthService).isSupport;
  private readonly api = inject(DesignService);
  private readonly sitesApi = inject(SitesService);
  private readonly toasts = inject(ToastService);
  private readonly router = inject(Router);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<'loading' | 'ready' | 'missing' | 'error'>('loading');
  protected readonly loadError = signal<DesignMessage | null>(null);
  protected readonly sites = signal<Site[]>([]);
  protected readonly site = computed(() => this.sites().find((s) => s.id === this.siteId()) ?? null);
  protected readonly saving = signal(false);
  protected readonly saveError = signal<DesignMessage | null>(null);
  /** The core's contrast warnings for the saved colours. */
  protected readonly savedWarnings = signal<DesignResponse['warnings']>([]);
  private readonly reload = signal(0);

  private readonly leaveDialog = viewChild(ConfirmDialog);
  protected readonly leave = new LeaveConfirmation(() => this.leaveDialog(), () => this.editor.dirty());

  constructor() {
    toObservable(computed(() => ({ id: this.siteId(), n: this.reload() })))
      .pipe(
        switchMap(({ id }) => {
          this.state.set('loading');
          return forkJoin({ sites: this.sitesApi.list(), response: this.api.get(id) }).pipe(
            map((r): Loaded => ({ status: 'ready', ...r })),
            catchError((err: unknown) => {
              const error = toApiError(err);
              return of<Loaded>(error.status === 404 ? { status: 'missing' } : { status: 'error', error });
            }),
          );
        }),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((loaded) => this.show(loaded));
  }

  protected retry(): void {
    this.reload.update((n) => n + 1);
  }

  protected switchSite(event: Event): void {
    const id = (event.target as HTMLSelectElement).value;
    // The select snaps back if the user decides to stay (the guard refuses the navigation).
    void this.router.navigate(['/sites', id, 'design']).then((moved) => {
      if (!moved) (event.target as HTMLSelectElement).value = this.siteId();
    });
  }

  protected save(): void {
    const draft = this.editor.draft();
    if (!draft || this.saving() || !this.editor.valid() || !this.editor.dirty()) return;
    this.saving.set(true);
    this.saveError.set(null);
    this.api
      .save(this.siteId(), draft)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (response) => {
          this.saving.set(false);
          this.editor.saveSucceeded(response.design);
          this.savedWarnings.set(response.warnings);
          if (response.warnings.length) this.toasts.show('info', 'design.savedWithWarnings', { count: response.warnings.length }, 7000);
          else this.toasts.show('success', 'design.savedToast');
        },
        error: (err: unknown) => {
          this.saving.set(false);
          const error = toApiError(err);
          this.editor.serverErrors.set(error.fields);
          const fields = Object.keys(error.fields);
          const allPlaced = fields.length > 0 && fields.every((f) => PLACED_FIELD.test(f));
          this.saveError.set(allPlaced ? { key: 'design.fixFields' } : apiMessage(error));
        },
      });
  }

  protected discard(): void {
    this.editor.discard();
    this.saveError.set(null);
  }

  confirmLeave(): boolean | Promise<boolean> {
    return this.leave.confirm();
  }

  /** Ctrl+S / ⌘S saves, as in any editor. */
  protected shortcut(event: KeyboardEvent): void {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      this.save();
    }
  }

  private show(loaded: Loaded): void {
    this.saveError.set(null);
    if (loaded.status === 'missing') return this.state.set('missing');
    if (loaded.status === 'error') {
      this.loadError.set(apiMessage(loaded.error));
      return this.state.set('error');
    }
    this.sites.set(loaded.sites);
    this.editor.load(loaded.response.design);
    this.editor.justSaved.set(false);
    this.savedWarnings.set(loaded.response.warnings);
    const site = loaded.sites.find((s) => s.id === this.siteId());
    if (site) this.editor.previewLang.set(site.chatLanguage);
    this.state.set('ready');
  }
}
