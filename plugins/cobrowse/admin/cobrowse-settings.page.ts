import { HttpClient } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, signal, viewChild } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { ConfirmDialog, ErrorAlert, Icon, type LeavesSafely, LoadError, PluginSettingsForm, ReadOnlyNote, serverFieldTexts } from '../../../admin-ui/src/app/plugin-api';
import { registerCobrowseStrings } from './cobrowse-i18n';

/** The site's settings as the server keeps them (server/cobrowse.settings.ts). */
interface CobrowseSite {
  askConsent: boolean;
  mask: string[];
  block: string[];
  unmask: string[];
}
type SelectorField = 'mask' | 'block' | 'unmask';
const FIELDS: readonly SelectorField[] = ['mask', 'block', 'unmask'];

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

/**
 * Sites → Settings → «Наблюдение»: whether the visitor is asked first («запрос разрешения на
 * наблюдение», on by default) and the site's own selectors to mask, block or unmask, one a line.
 * The server checks each selector; its refusal shows under the field (`mask.2` → «mask»).
 */
@Component({
  selector: 'cp-cobrowse-settings-page',
  imports: [TranslatePipe, Icon, ErrorAlert, ConfirmDialog, LoadError, ReadOnlyNote],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    .card-head h2 { display: flex; align-items: center; gap: .5rem; }
    .card-head h2 cp-icon { color: var(--primary-600); }
    .switch { display: flex; gap: .75rem; align-items: flex-start; margin-bottom: 1.25rem; cursor: pointer; }
    .switch input { margin-top: .2rem; width: 1.1rem; height: 1.1rem; accent-color: var(--primary-600); }
    .switch b { display: block; font-weight: 600; }
    textarea { min-height: 5rem; resize: vertical; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .875rem; }
    .foot { display: flex; align-items: center; justify-content: flex-end; gap: 1rem; margin-top: 1.25rem; flex-wrap: wrap; }
    .foot-messages { flex: 1; min-width: 12rem; display: grid; gap: .25rem; }
    .saved { display: inline-flex; align-items: center; gap: .25rem; color: var(--success-700, #15803d); font-size: .875rem; font-weight: 500; }
  `,
  template: `
    <section class="card" data-testid="cobrowse-settings">
      <header class="card-head">
        <div>
          <h2><cp-icon name="eye" /> {{ 'cobrowse.settings.title' | translate }}</h2>
          <p>{{ 'cobrowse.settings.subtitle' | translate }}</p>
        </div>
      </header>
      @switch (settings.state()) {
        @case ('loading') { <div class="card-body" aria-busy="true"><div class="skeleton" style="height: 8rem; border-radius: 10px"></div></div> }
        @case ('error') { <cp-load-error [error]="settings.loadError()" [card]="false" testId="cobrowse-load-error" (retry)="settings.retry()" /> }
        @case ('ready') {
          <form class="card-body" novalidate (submit)="$event.preventDefault(); settings.save()">
            <label class="switch">
              <input #ask type="checkbox" data-testid="cobrowse-ask-consent" [checked]="askConsent()" (change)="askConsent.set(ask.checked); settings.edited()" />
              <span><b>{{ 'cobrowse.settings.askConsent' | translate }}</b><span class="hint">{{ 'cobrowse.settings.askConsentHint' | translate }}</span></span>
            </label>
            @for (field of fields; track field) {
              <div class="field">
                <label [for]="'cobrowse-' + field">{{ 'cobrowse.settings.' + field | translate }}</label>
                <textarea #area class="input" [id]="'cobrowse-' + field" [attr.data-testid]="'cobrowse-' + field" spellcheck="false" [value]="texts()[field]"
                  [class.has-error]="problems()[field]" (input)="edit(field, area.value)"></textarea>
                @if (problems()[field]; as problem) { <p class="field-error" role="alert" [attr.data-testid]="'cobrowse-error-' + field">{{ problem }}</p> }
                <p class="hint">{{ 'cobrowse.settings.' + field + 'Hint' | translate }}</p>
              </div>
            }
            <div class="foot">
              <div class="foot-messages">
                <cp-error-alert [error]="settings.saveError()" testId="cobrowse-save-error" />
                @for (note of settings.serverNotes(); track $index) { <p class="field-error" role="alert">{{ note }}</p> }
              </div>
              @if (settings.justSaved() && !settings.dirty()) { <span class="saved" data-testid="cobrowse-saved"><cp-icon name="check" /> {{ 'cobrowse.settings.saved' | translate }}</span> }
              <cp-read-only-note />
              <button type="submit" class="btn btn-primary" data-testid="cobrowse-save" [disabled]="settings.saving() || !settings.dirty() || settings.readOnly()">
                @if (settings.saving()) { <span class="spinner" aria-hidden="true"></span> }
                {{ 'cobrowse.settings.save' | translate }}
              </button>
            </div>
          </form>
        }
      }
    </section>
    <cp-confirm-dialog testId="cobrowse-leave" icon="alert" [title]="'cobrowse.settings.leave.title' | translate" [text]="'cobrowse.settings.leave.text' | translate"
      [confirmLabel]="'cobrowse.settings.leave.go' | translate" (confirmed)="settings.leave.answer(true)" (closed)="settings.leave.answer(false)" />
  `,
})
export class CobrowseSettingsPage implements LeavesSafely {
  readonly siteId = input.required<string>();
  private readonly http = inject(HttpClient);
  protected readonly fields = FIELDS;
  protected readonly askConsent = signal(true);
  protected readonly texts = signal<Record<SelectorField, string>>({ mask: '', block: '', unmask: '' });
  protected readonly problems = signal<Partial<Record<SelectorField, string>>>({});
  private readonly leaveDialog = viewChild(ConfirmDialog);

  constructor() {
    // Its words, also where no background runs (a client's site in the agency console).
    registerCobrowseStrings();
  }

  protected readonly settings = new PluginSettingsForm<CobrowseSite>({
    siteId: this.siteId,
    load: (siteId) => this.request('GET', siteId),
    save: (siteId, value) => this.request('PUT', siteId, value),
    value: () => ({ askConsent: this.askConsent(), mask: lines(this.texts().mask), block: lines(this.texts().block), unmask: lines(this.texts().unmask) }),
    show: (value) => {
      this.askConsent.set(value.askConsent);
      this.texts.set({ mask: value.mask.join('\n'), block: value.block.join('\n'), unmask: value.unmask.join('\n') });
      this.problems.set({});
    },
    valid: () => true,
    placeServerFields: (err) => {
      const placed: Partial<Record<SelectorField, string>> = {};
      const unplaced: string[] = [];
      for (const [path, text] of Object.entries(serverFieldTexts(err))) {
        const field = FIELDS.find((f) => path === f || path.startsWith(`${f}.`));
        if (field) placed[field] ??= text;
        else unplaced.push(text);
      }
      this.problems.set(placed);
      return { placed: Object.keys(placed).length > 0, unplaced };
    },
    texts: { fixFields: 'cobrowse.settings.fixFields', savedToast: 'cobrowse.settings.savedToast' },
    leaveDialog: () => this.leaveDialog(),
  });

  confirmLeave() {
    return this.settings.confirmLeave();
  }

  protected edit(field: SelectorField, text: string): void {
    this.texts.update((t) => ({ ...t, [field]: text }));
    this.problems.update((p) => ({ ...p, [field]: undefined }));
    this.settings.edited();
  }

  private async request(method: 'GET' | 'PUT', siteId: string, value?: CobrowseSite): Promise<CobrowseSite> {
    const url = `/api/plugins/cobrowse/settings/sites/${encodeURIComponent(siteId)}`;
    const call = method === 'GET' ? this.http.get<{ value: CobrowseSite }>(url) : this.http.put<{ value: CobrowseSite }>(url, { value });
    return (await firstValueFrom(call)).value;
  }
}
