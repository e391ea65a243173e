import { Injectable, computed, inject, signal } from '@angular/core';
import { errorKey, type ErrorText, I18nService, serverFieldTexts, ToastService, toApiError } from '../../../admin-ui/src/app/plugin-api';
import type { PlanSet } from '../shared/billing.protocol';
import { BILLING_FIELD_TEXTS, type BillingFieldText } from '../shared/billing-fields';
import { planSetProblems } from '../shared/plan-set-rules';
import { BillingAgencyApi } from './billing-agency-api.service';
import { billingErrorKey } from './billing-i18n';

/**
 * The agency's plan set as one console page edits it (plans and periods, or the requisites): the
 * stored value and a draft, the shared rules (`planSetProblems`, the server's own) beside each
 * field once a save was tried, the server's refusals at their paths, and one PUT of the whole set.
 * Each page has its own (component provider), so the other page's part goes back as stored.
 */
@Injectable()
export class PlanSetEditor {
  private readonly api = inject(BillingAgencyApi);
  private readonly toasts = inject(ToastService);
  private readonly i18n = inject(I18nService);

  readonly stored = signal<PlanSet | null>(null);
  readonly draft = signal<PlanSet | null>(null);
  readonly loadError = signal<ErrorText | null>(null);
  readonly saving = signal(false);
  readonly saveError = signal<ErrorText | null>(null);
  /** A save was tried: the rules' messages show from now on. */
  readonly submitted = signal(false);
  private readonly serverFields = signal<Record<string, string>>({});

  readonly problems = computed(() => {
    const draft = this.draft();
    return draft ? planSetProblems(draft) : {};
  });
  readonly dirty = computed(() => JSON.stringify(this.draft()) !== JSON.stringify(this.stored()));

  async load(): Promise<void> {
    this.loadError.set(null);
    try {
      const set = await this.api.plans();
      this.stored.set(set);
      this.draft.set(structuredClone(set));
    } catch (err) {
      this.loadError.set({ key: errorKey(toApiError(err)) });
    }
  }

  /** An edit of the draft; the server's word on that field goes (it may no longer hold). */
  edit(path: string, change: (set: PlanSet) => PlanSet): void {
    const draft = this.draft();
    if (!draft) return;
    this.draft.set(change(structuredClone(draft)));
    this.serverFields.update(({ [path]: _gone, ...rest }) => rest);
    this.saveError.set(null);
  }

  /** What shows under the field at `path`: the server's refusal, else the rule's, once a save was tried. */
  fieldText(path: string): string | null {
    const server = this.serverFields()[path];
    if (server) return server;
    const key: BillingFieldText | undefined = this.submitted() ? this.problems()[path] : undefined;
    return key ? BILLING_FIELD_TEXTS[key][this.i18n.current()] : null;
  }

  /** Saves the whole set unless a rule says no for a field under `prefixes` (the page's own). */
  async save(prefixes: readonly string[]): Promise<boolean> {
    const draft = this.draft();
    if (!draft || this.saving()) return false;
    this.submitted.set(true);
    this.saveError.set(null);
    if (Object.keys(this.problems()).some((path) => prefixes.some((p) => path === p || path.startsWith(`${p}.`)))) {
      this.saveError.set({ key: 'billing.agency.fixFields' });
      return false;
    }
    this.saving.set(true);
    try {
      const saved = await this.api.savePlans(draft);
      this.stored.set(saved);
      this.draft.set(structuredClone(saved));
      this.submitted.set(false);
      this.serverFields.set({});
      this.toasts.show('success', 'billing.agency.saved');
      return true;
    } catch (err) {
      const e = toApiError(err);
      this.serverFields.set(serverFieldTexts(err));
      this.saveError.set({ key: Object.keys(this.serverFields()).length ? 'billing.agency.fixFields' : billingErrorKey(e.code, errorKey(e)) });
      return false;
    } finally {
      this.saving.set(false);
    }
  }

  reset(): void {
    this.draft.set(structuredClone(this.stored()));
    this.submitted.set(false);
    this.serverFields.set({});
    this.saveError.set(null);
  }
}
