// A small stand-in for a payment provider (not ours), speaking the generic PSP API of payments/provider.ts.
// The test drives the customer's side (pay, decline) and the provider's webhooks (late, twice, out of order).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { signatureHeader, signWebhook } from '../payments/provider.ts';

export const pspApiKey = 'test-psp-api-key-0123456789';
export const pspWebhookSecret = 'test-psp-webhook-secret';

type Status = 'requires_customer' | 'processing' | 'succeeded' | 'failed' | 'cancelled';

export interface FakePspPayment {
  id: string;
  reference: string;
  method: string;
  amount: string;
  currency: string;
  status: Status;
  failureCode?: string;
  webhookUrl: string;
  returnUrl: string;
}

export interface FakePsp {
  url: string;
  payments: Map<string, FakePspPayment>;
  /** Paths (prefixes) that never answer: `before` doing anything, or `after` keeping the payment. */
  hang: Map<string, 'before' | 'after'>;
  /** Every request that arrived, and whether it was left hanging. */
  requests: { method: string; path: string; hung: boolean }[];
  /** Sets a payment's status at the provider without telling anyone (a webhook lost). */
  set(reference: string, status: Status, failureCode?: string): FakePspPayment;
  /** Sends the signed webhook for a status, as the provider would (again, late, or out of order). */
  webhook(reference: string, status: Status, options?: { secret?: string; at?: number }): Promise<Response>;
  close(): Promise<void>;
}

export async function startFakePsp(): Promise<FakePsp> {
  const payments = new Map<string, FakePspPayment>();
  const hang = new Map<string, 'before' | 'after'>();
  const requests: FakePsp['requests'] = [];
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://psp');
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      const hangMode = [...hang].find(([prefix]) => url.pathname.startsWith(prefix))?.[1];
      requests.push({ method: request.method ?? '', path: url.pathname, hung: hangMode !== undefined });
      if (hangMode === 'before') return;
      if (request.headers.authorization !== `Bearer ${pspApiKey}`) return send(401, { error: 'unauthorized' });
      const view = (payment: FakePspPayment) => ({
        id: payment.id,
        reference: payment.reference,
        status: payment.status,
        ...(payment.failureCode && { failureCode: payment.failureCode }),
        ...(payment.status === 'requires_customer' &&
          (payment.method === 'bank'
            ? {
                next: {
                  type: 'bank_transfer',
                  instructions: {
                    beneficiary: 'Test Broker Ltd',
                    iban: 'GB33BUKB20201555555555',
                    bic: 'BUKBGB22',
                    reference: payment.reference.slice(0, 8).toUpperCase(),
                  },
                },
              }
            : { next: { type: 'redirect', url: `${base}/pay/${payment.id}` } })),
      });
      if (request.method === 'POST' && url.pathname === '/v1/payments') {
        const body = JSON.parse(raw) as Record<string, string>;
        const reference = body.reference!;
        let payment = payments.get(reference);
        if (!payment) {
          payment = {
            id: `psp_${randomUUID().slice(0, 8)}`,
            reference,
            method: body.method!,
            amount: body.amount!,
            currency: body.currency!,
            status: body.method === 'card-declined' ? 'failed' : 'requires_customer',
            ...(body.method === 'card-declined' && { failureCode: 'declined' }),
            webhookUrl: body.webhookUrl!,
            returnUrl: body.returnUrl!,
          };
          payments.set(reference, payment);
        }
        if (hangMode === 'after') return;
        return send(200, view(payment));
      }
      if (request.method === 'GET' && url.pathname === '/v1/payments') {
        const payment = payments.get(url.searchParams.get('reference') ?? '');
        return payment ? send(200, view(payment)) : send(404, { error: 'not found' });
      }
      return send(404, { error: 'not found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (reference: string) => {
    const payment = payments.get(reference);
    if (!payment) throw new Error(`the provider has no payment ${reference}`);
    return payment;
  };
  return {
    url: base,
    payments,
    hang,
    requests,
    set(reference, status, failureCode) {
      const payment = get(reference);
      payment.status = status;
      if (failureCode) payment.failureCode = failureCode;
      return payment;
    },
    webhook(reference, status, options = {}) {
      const payment = get(reference);
      const body = JSON.stringify({ reference, status, ...(status === 'failed' && { failureCode: 'declined' }) });
      return fetch(payment.webhookUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [signatureHeader]: signWebhook(options.secret ?? pspWebhookSecret, body, options.at ?? Date.now()),
        },
        body,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
