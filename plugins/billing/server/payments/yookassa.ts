import axios, { type AxiosInstance } from 'axios';
import { HttpError } from '../../../../core/src/index.js';
import type { CreatedPayment, PaymentProvider, ProviderPayment } from './payment-provider.js';

/** The parts of a YooKassa payment object (API v3) the plugin reads. */
interface YooPayment {
  id: string;
  status: ProviderPayment['status'];
  paid: boolean;
  amount: { value: string; currency: string };
  confirmation?: { type: string; confirmation_url?: string };
  metadata?: Record<string, string>;
}

const kopecksOf = (value: string) => Math.round(Number(value) * 100);
const valueOf = (kopecks: number) => `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;

/**
 * YooKassa's REST API (v3): HTTP Basic with the shop id and secret key; `POST /payments` with an
 * `Idempotence-Key` header (a retry with the same key gets the same payment) and a redirect
 * confirmation; `GET /payments/{id}` is how a notification is verified — YooKassa does not sign
 * its notifications, so the plugin believes the API, not the body it was sent.
 */
export class YooKassa implements PaymentProvider {
  private readonly http: AxiosInstance;

  constructor(config: { apiUrl: string; shopId: string; secretKey: string; returnUrl: string }) {
    this.http = axios.create({
      baseURL: config.apiUrl.replace(/\/$/, ''),
      auth: { username: config.shopId, password: config.secretKey },
      timeout: 15_000,
      maxContentLength: 1024 * 1024,
      headers: { 'content-type': 'application/json' },
    });
    this.returnUrl = config.returnUrl;
  }

  private readonly returnUrl: string;

  async create(p: Parameters<PaymentProvider['create']>[0]): Promise<CreatedPayment> {
    const body = {
      amount: { value: valueOf(p.amountKopecks), currency: 'RUB' },
      capture: true,
      confirmation: { type: 'redirect', return_url: this.returnUrl },
      description: p.description.slice(0, 128),
      metadata: { orderId: String(p.orderId), accountId: p.accountId },
    };
    try {
      const { data } = await this.http.post<YooPayment>('/payments', body, { headers: { 'Idempotence-Key': p.idempotenceKey } });
      const url = data.confirmation?.confirmation_url;
      if (!data.id || !url) throw new Error('no confirmation URL in the answer');
      return { id: data.id, confirmationUrl: url };
    } catch (err) {
      throw new HttpError(502, 'payment_provider_failed', `The payment provider refused or did not answer: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  async fetch(paymentId: string): Promise<ProviderPayment | undefined> {
    try {
      const { data } = await this.http.get<YooPayment>(`/payments/${encodeURIComponent(paymentId)}`);
      return {
        id: data.id,
        status: data.status,
        paid: data.paid,
        amountKopecks: kopecksOf(data.amount.value),
        currency: data.amount.currency,
        orderId: data.metadata?.orderId ? Number(data.metadata.orderId) : undefined,
      };
    } catch (err) {
      if (axios.isAxiosError(err) && err.response?.status === 404) return undefined;
      throw new HttpError(502, 'payment_provider_failed', 'The payment provider did not answer');
    }
  }
}
