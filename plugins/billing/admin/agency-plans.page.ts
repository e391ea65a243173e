import { ChangeDetectionStrategy, Component, computed, inject, signal, type OnInit } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import { I18nService, Icon } from '../../../admin-ui/src/app/plugin-api';
import { PLAN_TITLES, type Plan, type PlanId, type PlanSet } from '../shared/billing.protocol';
import { PLAN_SET_LIMITS } from '../shared/plan-set-rules';
import { BillingAgencyApi } from './billing-agency-api.service';
import { registerBillingStrings } from './billing-i18n';
import { PlanSetEditor } from './plan-set-editor';
import { PlanSetFrame } from './plan-set-frame';

/** An input's number; an empty or unreadable one is NaN, which the rules refuse beside the field. */
export const numberOf = (value: string): number => (value.trim() === '' ? Number.NaN : Number(value.replace(',', '.')));

/**
 * A9 in the agency console, «Тарифы»: the agency's three plans (Free's operators and plugin set,
 * PRO's and Enterprise's operators and price per operator and month), the periods one pays for at
 * once with their discounts, and how many days ahead clients are warned. The rules are the
 * server's (shared/plan-set-rules.ts), shown beside each field; the server's refusals too.
 */
@Component({
  selector: 'cp-billing-agency-plans-page',
  imports: [TranslatePipe, Icon, PlanSetFrame],
  providers: [BillingAgencyApi, PlanSetEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './agency-plans.page.html',
  styleUrls: ['./billing-common.css', './agency-console.css'],
})
export class AgencyPlansPage implements OnInit {
  protected readonly ed = inject(PlanSetEditor);
  private readonly api = inject(BillingAgencyApi);
  protected readonly i18n = inject(I18nService);
  protected readonly titles = PLAN_TITLES;
  protected readonly limits = PLAN_SET_LIMITS;
  protected readonly order: readonly PlanId[] = ['free', 'pro', 'enterprise'];
  /** Plugins Free may hold; billing itself is never off (an expired client must be able to pay). */
  protected readonly installed = signal<{ id: string; title: { ru: string; en: string } }[]>([]);
  protected readonly choosable = computed(() => this.installed().filter((p) => p.id !== 'billing'));

  constructor() {
    registerBillingStrings();
  }

  ngOnInit(): void {
    void this.ed.load();
    this.api.installedPlugins().then((list) => this.installed.set(list), () => this.installed.set([]));
  }

  protected indexOf(id: PlanId): number {
    return this.ed.draft()?.plans.findIndex((p) => p.id === id) ?? -1;
  }

  protected plan(set: PlanSet, id: PlanId): Plan | undefined {
    return set.plans.find((p) => p.id === id);
  }

  protected setPlan(id: PlanId, field: 'maxSeats' | 'pricePerSeatMonth', value: string): void {
    const i = this.indexOf(id);
    this.ed.edit(`plans.${i}.${field}`, (set) => {
      set.plans[i]![field] = numberOf(value);
      return set;
    });
  }

  protected togglePlugin(id: PlanId, pluginId: string, on: boolean): void {
    const i = this.indexOf(id);
    this.ed.edit(`plans.${i}.plugins`, (set) => {
      const plan = set.plans[i]!;
      const current = plan.plugins ?? this.choosable().map((p) => p.id);
      plan.plugins = on ? [...new Set([...current, pluginId])] : current.filter((p) => p !== pluginId);
      return set;
    });
  }

  protected hasPlugin(plan: Plan, pluginId: string): boolean {
    return plan.plugins === null || plan.plugins.includes(pluginId);
  }

  protected setPeriod(i: number, field: 'months' | 'discount', value: string): void {
    this.ed.edit(`periods.${i}.${field}`, (set) => {
      set.periods[i]![field] = numberOf(value);
      return set;
    });
  }

  protected addPeriod(): void {
    this.ed.edit('periods', (set) => {
      const longest = Math.max(0, ...set.periods.map((p) => (Number.isFinite(p.months) ? p.months : 0)));
      set.periods.push({ months: Math.min(longest + 12, PLAN_SET_LIMITS.months.max), discount: 0 });
      return set;
    });
  }

  protected removePeriod(i: number): void {
    this.ed.edit('periods', (set) => {
      set.periods.splice(i, 1);
      return set;
    });
  }

  protected setNoticeDays(value: string): void {
    this.ed.edit('noticeDays', (set) => ({ ...set, noticeDays: numberOf(value) }));
  }

  protected save(): void {
    void this.ed.save(['plans', 'periods', 'noticeDays']);
  }

  protected pluginTitle(p: { id: string; title: { ru: string; en: string } }): string {
    return p.title[this.i18n.current()] || p.id;
  }
}
