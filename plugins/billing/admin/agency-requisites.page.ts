import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { TranslatePipe } from '@ngx-translate/core';
import type { Requisites } from '../shared/billing.protocol';
import { BillingAgencyApi } from './billing-agency-api.service';
import { registerBillingStrings } from './billing-i18n';
import { PlanSetEditor } from './plan-set-editor';
import { PlanSetFrame } from './plan-set-frame';

interface RequisiteField {
  key: keyof Requisites;
  max: number;
  numeric?: boolean;
  wide?: boolean;
}

/** In the invoice's order: who is paid, their tax ids, where, then the bank. */
const FIELDS: readonly RequisiteField[] = [
  { key: 'name', max: 200, wide: true },
  { key: 'inn', max: 12, numeric: true },
  { key: 'kpp', max: 9 },
  { key: 'address', max: 300, wide: true },
  { key: 'bank', max: 200, wide: true },
  { key: 'bik', max: 9, numeric: true },
  { key: 'account', max: 20, numeric: true },
  { key: 'correspondentAccount', max: 20, numeric: true, wide: true },
];

/**
 * A9 in the agency console, «Реквизиты»: what a company's invoice PDF prints as the payee. Empty
 * fields are allowed (the invoice leaves them out); filled ones follow the server's rules (INN's
 * check digits, KPP, BIK 9 digits, accounts 20), shown beside each field.
 */
@Component({
  selector: 'cp-billing-agency-requisites-page',
  imports: [TranslatePipe, PlanSetFrame],
  providers: [BillingAgencyApi, PlanSetEditor],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrls: ['./billing-common.css', './agency-console.css'],
  template: `
    <cp-plan-set-frame [ed]="ed" titleKey="billing.agency.requisites.title" subtitleKey="billing.agency.requisites.subtitle" testId="billing-agency-requisites" (save)="save()">
      @if (ed.draft(); as set) {
        <section class="card" aria-labelledby="requisites-title">
          <div class="card-head"><h2 id="requisites-title">{{ 'billing.agency.requisites.payee' | translate }}</h2></div>
          <div class="card-body requisites">
            @for (f of fields; track f.key) {
              <div class="field" [class.wide]="f.wide">
                <label class="label" [for]="'req-' + f.key">{{ 'billing.agency.requisites.' + f.key | translate }}</label>
                <input class="input" [id]="'req-' + f.key" [attr.data-testid]="'req-' + f.key" [attr.maxlength]="f.max" [attr.inputmode]="f.numeric ? 'numeric' : null"
                  [value]="set.requisites[f.key]" [attr.aria-invalid]="!!ed.fieldText('requisites.' + f.key)" (input)="edit(f.key, $any($event.target).value)" />
                @if (ed.fieldText('requisites.' + f.key); as t) { <p class="field-error" role="alert" [attr.data-testid]="'req-' + f.key + '-error'">{{ t }}</p> }
              </div>
            }
          </div>
        </section>
      }
    </cp-plan-set-frame>
  `,
})
export class AgencyRequisitesPage implements OnInit {
  protected readonly ed = inject(PlanSetEditor);
  protected readonly fields = FIELDS;

  constructor() {
    registerBillingStrings();
  }

  ngOnInit(): void {
    void this.ed.load();
  }

  protected edit(key: keyof Requisites, value: string): void {
    this.ed.edit(`requisites.${key}`, (set) => ({ ...set, requisites: { ...set.requisites, [key]: value } }));
  }

  protected save(): void {
    void this.ed.save(['requisites']);
  }
}
