import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import type { BillingState, PurchaseRequest, PurchaseResult, Quote, QuoteRequest } from '../shared/billing.protocol';

/** /api/billing: the account admin's licence, quotes, purchases and invoices. */
@Injectable()
export class BillingApi {
  private readonly http = inject(HttpClient);

  state(): Promise<BillingState> {
    return firstValueFrom(this.http.get<BillingState>('/api/billing'));
  }

  quote(req: QuoteRequest): Promise<Quote> {
    return firstValueFrom(this.http.post<Quote>('/api/billing/quote', req));
  }

  purchase(req: PurchaseRequest): Promise<PurchaseResult> {
    return firstValueFrom(this.http.post<PurchaseResult>('/api/billing/orders', req));
  }

  invoice(orderId: number): Promise<Blob> {
    return firstValueFrom(this.http.get(`/api/billing/orders/${orderId}/invoice.pdf`, { responseType: 'blob' }));
  }
}
