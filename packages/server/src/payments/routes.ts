// The provider's webhook, and a payment as the screens read it. Outside /api/: the provider calls it server to
// server with its signature, not with the kit's header and a session.
import type { Hono } from 'hono';
import { fromMinor } from '@broker-kit/core/rules/money.ts';
import { screenStatusOf } from '@broker-kit/core/rules/payments.ts';
import { transactionFailureCodes, type Transaction } from '@broker-kit/core/adapter/schemas.ts';
import { audit, fail, type AppEnv } from '../http.ts';
import type { Payment } from './store.ts';

export const webhookPath = '/webhooks/payments';

export function transactionOfPayment(payment: Payment): Transaction {
  const failureCode = (transactionFailureCodes as readonly string[]).includes(payment.failureCode ?? '')
    ? (payment.failureCode as Transaction['failureCode'])
    : payment.failureCode === undefined
      ? undefined
      : 'other';
  return {
    id: payment.id,
    direction: payment.direction,
    account: payment.account,
    amount: fromMinor(payment.amountMinor, payment.currency),
    currency: payment.currency,
    status: screenStatusOf(payment.state),
    state: payment.state,
    reference: payment.reference,
    createdAt: new Date(payment.createdAt).toISOString(),
    ...(failureCode !== undefined && { failureCode }),
    // The next step is shown only while the customer still has to take it.
    ...(payment.next !== undefined && payment.state === 'awaiting_customer' && { next: payment.next }),
  };
}

export function paymentWebhookRoutes(app: Hono<AppEnv>): void {
  app.post(webhookPath, async (c) => {
    const payments = c.get('deps').payments ?? fail('NOT_FOUND', 'No payment provider is configured');
    const raw = await c.req.text();
    let outcome: Awaited<ReturnType<typeof payments.handleWebhook>>;
    try {
      outcome = await payments.handleWebhook(raw, c.req.raw.headers);
    } catch (error) {
      audit(c, { event: 'payment.webhook', outcome: 'failure', detail: { reason: 'rejected' } });
      throw error;
    }
    if (outcome === 'unknown-payment') fail('NOT_FOUND', 'No such payment');
    return c.json({ received: true, outcome });
  });
}
