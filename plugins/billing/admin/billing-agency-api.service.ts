import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { AgencyOrderView, LicenceView, OrderView, PlanSet } from '../shared/billing.protocol';

/** /api/billing/agency (agency staff): the agency's plans and requisites, its clients' orders. */
@Injectable()
export class BillingAgencyApi {
  private readonly http = inject(HttpClient);

  plans(): Promise<PlanSet> {
    return firstValueFrom(this.http.get<PlanSet>('/api/billing/agency/plans'));
  }

  /** Rejects with the server's 400 whose `fields` are dotted paths (`plans.1.pricePerSeatMonth`). */
  savePlans(set: PlanSet): Promise<PlanSet> {
    return firstValueFrom(this.http.put<PlanSet>('/api/billing/agency/plans', set));
  }

  /** The installation's plugins (the core's agency API), for Free's plugin set. */
  installedPlugins(): Promise<{ id: string; title: { ru: string; en: string } }[]> {
    return firstValueFrom(this.http.get<{ id: string; title: { ru: string; en: string } }[]>('/api/agency/plugins'));
  }

  orders(): Promise<AgencyOrderView[]> {
    return firstValueFrom(this.http.get<AgencyOrderView[]>('/api/billing/agency/orders'));
  }

  /** «Отметить оплаченным»: the order paid and the client's licence extended, as the server tells it. */
  markPaid(orderId: number): Promise<{ order: OrderView; licence: LicenceView }> {
    return firstValueFrom(this.http.post<{ order: OrderView; licence: LicenceView }>(`/api/billing/agency/orders/${orderId}/paid`, {}));
  }
}
