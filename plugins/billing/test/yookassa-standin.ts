import { randomUUID } from 'node:crypto';
import http from 'node:http';

/** A payment as the stand-in keeps it: YooKassa's payment object (the fields the plugin reads). */
export interface StandInPayment {
  id: string;
  status: 'pending' | 'succeeded' | 'canceled';
  paid: boolean;
  amount: { value: string; currency: string };
  description: string;
  confirmation: { type: 'redirect'; confirmation_url: string; return_url: string };
  metadata: Record<string, string>;
  created_at: string;
}

/**
 * A local stand-in for YooKassa's API v3, as documented: HTTP Basic (shop id : secret key),
 * `POST /v3/payments` needing an `Idempotence-Key` (the same key answers the same payment),
 * `GET /v3/payments/{id}`, and `GET /checkout/{id}` — the confirmation page, whose «Оплатить»
 * marks the payment succeeded and sends the `payment.succeeded` notification to `webhookUrl`
 * (`times` deliveries, as a provider retrying does).
 */
export async function startYooKassaStandIn(auth: { shopId: string; secretKey: string }): Promise<{
  url: string;
  apiUrl: string;
  payments: Map<string, StandInPayment>;
  idempotenceKeys: Map<string, string>;
  webhookUrl: string | undefined;
  succeed(id: string): void;
  notify(id: string, times?: number, event?: string): Promise<number[]>;
  close(): Promise<void>;
}> {
  const payments = new Map<string, StandInPayment>();
  const idempotenceKeys = new Map<string, string>();
  const expected = `Basic ${Buffer.from(`${auth.shopId}:${auth.secretKey}`).toString('base64')}`;
  let url = '';
  const state = {
    webhookUrl: undefined as string | undefined,
  };
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const succeed = (id: string) => {
    const p = payments.get(id);
    if (p) Object.assign(p, { status: 'succeeded', paid: true });
  };
  const notify = async (id: string, times = 1, event = 'payment.succeeded') => {
    const statuses: number[] = [];
    for (let i = 0; i < times; i++) {
      const r = await fetch(state.webhookUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'notification', event, object: payments.get(id) }) });
      statuses.push(r.status);
    }
    return statuses;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const checkout = /^\/checkout\/([\w-]+)$/.exec(path);
      if (checkout) {
        const p = payments.get(checkout[1]!);
        if (!p) return send(res, 404, { type: 'error', code: 'not_found' });
        if (req.method === 'POST') {
          succeed(p.id);
          // Delivered twice, as a provider retrying would; the plugin must pay once.
          void notify(p.id, 2).then(() => {
            res.writeHead(303, { location: p.confirmation.return_url });
            res.end();
          });
          return;
        }
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><title>Оплата</title><h1>Оплата ${p.amount.value} ₽</h1><p>${p.description.replace(/[<&>"]/g, '')}</p><form method="post"><button data-testid="standin-pay">Оплатить</button></form>`);
        return;
      }
      if (req.headers.authorization !== expected) return send(res, 401, { type: 'error', code: 'invalid_credentials' });
      if (req.method === 'POST' && path === '/v3/payments') {
        const key = req.headers['idempotence-key'];
        if (typeof key !== 'string' || !key) return send(res, 400, { type: 'error', code: 'invalid_request', description: 'Idempotence-Key is required' });
        const known = idempotenceKeys.get(key);
        if (known) return send(res, 200, payments.get(known));
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { amount: StandInPayment['amount']; description: string; confirmation: { return_url: string }; metadata: Record<string, string> };
        const id = randomUUID();
        const payment: StandInPayment = {
          id,
          status: 'pending',
          paid: false,
          amount: body.amount,
          description: body.description,
          confirmation: { type: 'redirect', confirmation_url: `${url}/checkout/${id}`, return_url: body.confirmation.return_url },
          metadata: body.metadata,
          created_at: new Date().toISOString(),
        };
        payments.set(id, payment);
        idempotenceKeys.set(key, id);
        return send(res, 200, payment);
      }
      const one = /^\/v3\/payments\/([\w-]+)$/.exec(path);
      if (req.method === 'GET' && one) {
        const p = payments.get(one[1]!);
        return p ? send(res, 200, p) : send(res, 404, { type: 'error', code: 'not_found' });
      }
      send(res, 404, { type: 'error', code: 'not_found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    apiUrl: `${url}/v3`,
    payments,
    idempotenceKeys,
    get webhookUrl() {
      return state.webhookUrl;
    },
    set webhookUrl(v) {
      state.webhookUrl = v;
    },
    succeed,
    notify,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
