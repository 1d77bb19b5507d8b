// Deposits through the provider port against the real app, a real SQLite file, a fake platform and a fake PSP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { transactionSchema } from '@broker-kit/core/adapter/schemas.ts';
import { ssoUser, startTestServer, type TestServer } from '../test/harness.ts';
import { pspApiKey, pspWebhookSecret, startFakePsp, type FakePsp } from '../test/fake-psp.ts';
import { signatureHeader, signWebhook } from './provider.ts';

let t: TestServer;
let psp: FakePsp;
let user: Awaited<ReturnType<typeof ssoUser>>;
let keys = 0;

beforeAll(async () => {
  psp = await startFakePsp();
  t = await startTestServer({
    settings: {
      psp: { url: psp.url, apiKey: pspApiKey, webhookSecret: pspWebhookSecret, timeoutMs: 15_000 },
      // Passes are run by the tests themselves.
      reconcileIntervalMs: 3_600_000,
    },
  });
  user = await ssoUser(t, 'payments@example.com');
});
afterAll(async () => {
  await t.close();
  await psp.close();
});
beforeEach(() => {
  t.platform.slow.clear();
  t.platform.hangAfterApply.clear();
  t.platform.failing.clear();
});

const deposit = (amount: string, methodId = 'card') =>
  user.client.call('POST', '/api/payments', {
    direction: 'deposit',
    account: user.login,
    methodId,
    amount,
    currency: 'USD',
    idempotencyKey: `pay-key-${++keys}`,
  });
const read = async (id: string) => transactionSchema.parse((await user.client.call('GET', `/api/payments/${id}`)).body);
const changesFor = (id: string) => [...t.platform.balanceChanges].filter(([externalId]) => externalId === id);
const balancePosts = (id: string) =>
  t.platform.calls.filter((call) => call.method === 'POST' && call.body.externalId === id).length;
/** Lets every in-flight payment count as left behind, then runs one reconciliation pass. */
async function reconcile() {
  t.advance(60_000);
  return t.server.deps.payments!.reconcile();
}

describe('card deposit through the provider', () => {
  it('waits for the customer at the hosted page, then credits the platform once on the signed webhook', async () => {
    const created = await deposit('250.50');
    expect(created.status).toBe(200);
    const tx = transactionSchema.parse(created.body);
    expect(tx).toMatchObject({ state: 'awaiting_customer', status: 'pending', amount: '250.50', currency: 'USD' });
    expect(tx.next).toEqual({ type: 'redirect', url: expect.stringMatching(new RegExp(`^${psp.url}/pay/psp_`)) });
    expect(psp.payments.get(tx.id)).toMatchObject({ amount: '25050', currency: 'USD' });
    expect(changesFor(tx.id)).toHaveLength(0);

    psp.set(tx.id, 'succeeded');
    const hook = await psp.webhook(tx.id, 'succeeded');
    expect(hook.status).toBe(200);
    expect(await read(tx.id)).toMatchObject({ state: 'credited', status: 'completed' });
    expect(changesFor(tx.id)).toEqual([[tx.id, { login: user.login, preciseAmount: '250.50', type: 'DEPOSIT' }]]);
    const moves = t.server.deps.stores.db
      .prepare('SELECT from_state, to_state FROM payment_transitions WHERE payment_id = ? ORDER BY id')
      .all(tx.id);
    expect(moves).toEqual([
      { from_state: null, to_state: 'created' },
      { from_state: 'created', to_state: 'awaiting_customer' },
      { from_state: 'awaiting_customer', to_state: 'settled' },
      { from_state: 'settled', to_state: 'unknown' },
      { from_state: 'unknown', to_state: 'credited' },
    ]);
    const audited = t.server.deps.stores.audit
      .list({})
      .filter((entry) => entry.event === 'payment.transition' && entry.detail?.payment === tx.id);
    expect(audited.map((entry) => entry.detail?.to)).toEqual([
      'created',
      'awaiting_customer',
      'settled',
      'unknown',
      'credited',
    ]);
  });

  it('ignores a webhook that comes twice, late or out of order: one credit, state unchanged', async () => {
    const tx = transactionSchema.parse((await deposit('40')).body);
    psp.set(tx.id, 'succeeded');
    const replies = await Promise.all([1, 2, 3, 4, 5].map(() => psp.webhook(tx.id, 'succeeded')));
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200, 200]);
    const late = await psp.webhook(tx.id, 'processing');
    expect(await late.json()).toMatchObject({ outcome: 'ignored' });
    const contrary = await psp.webhook(tx.id, 'failed');
    expect(await contrary.json()).toMatchObject({ outcome: 'ignored' });
    expect(await read(tx.id)).toMatchObject({ state: 'credited' });
    expect(balancePosts(tx.id)).toBe(1);
  });

  it('moves forward on a processing webhook that arrives after the customer returns', async () => {
    const tx = transactionSchema.parse((await deposit('15')).body);
    await psp.webhook(tx.id, 'processing');
    expect(await read(tx.id)).toMatchObject({ state: 'pending_provider', status: 'pending' });
    expect((await read(tx.id)).next).toBeUndefined();
    psp.set(tx.id, 'succeeded');
    await psp.webhook(tx.id, 'succeeded');
    expect(await read(tx.id)).toMatchObject({ state: 'credited' });
  });

  it('records a decline as failed with its reason and never calls the platform', async () => {
    const tx = transactionSchema.parse((await deposit('20', 'card-declined')).body);
    expect(tx).toMatchObject({ state: 'failed', status: 'failed', failureCode: 'declined' });
    expect(balancePosts(tx.id)).toBe(0);
  });

  it('answers the same payment for the same key, and refuses the key for another amount', async () => {
    const body = {
      direction: 'deposit',
      account: user.login,
      methodId: 'card',
      amount: '30',
      currency: 'USD',
      idempotencyKey: 'pay-same-key-1',
    };
    const [first, second] = await Promise.all([
      user.client.call('POST', '/api/payments', body),
      user.client.call('POST', '/api/payments', body),
    ]);
    expect(first.body.id).toBe(second.body.id);
    expect([...psp.payments.keys()].filter((reference) => reference === first.body.id)).toHaveLength(1);
    const other = await user.client.call('POST', '/api/payments', { ...body, amount: '31' });
    expect(other.body.code).toBe('DUPLICATE_SUBMISSION');
  });
});

describe('bank transfer deposit', () => {
  it('answers bank details and a reference, and credits only when the provider reports the money', async () => {
    const tx = transactionSchema.parse((await deposit('500', 'bank')).body);
    expect(tx.state).toBe('awaiting_customer');
    expect(tx.next).toEqual({
      type: 'bank_transfer',
      instructions: {
        beneficiary: expect.any(String),
        iban: expect.any(String),
        bic: expect.any(String),
        reference: expect.any(String),
      },
    });
    expect(balancePosts(tx.id)).toBe(0);
    // The webhook is lost; reconciliation asks the provider.
    psp.set(tx.id, 'succeeded');
    await reconcile();
    expect(await read(tx.id)).toMatchObject({ state: 'credited' });
    expect(changesFor(tx.id)).toHaveLength(1);
  });
});

describe('amounts in minor units', () => {
  it('refuses an amount finer than the currency with a field error, never rounding it', async () => {
    const reply = await deposit('1000.505');
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { amount: 'precision' } });
    const withdrawal = await user.client.call('POST', '/api/payments', {
      direction: 'withdraw',
      account: user.login,
      methodId: 'card',
      amount: '12.00000001',
      currency: 'USD',
      idempotencyKey: 'precise-withdraw-1',
    });
    expect(withdrawal.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: { amount: 'precision' } });
  });
});

describe('webhook authenticity', () => {
  it('refuses a webhook with a wrong signature, a stale one, or no signature, and moves nothing', async () => {
    const tx = transactionSchema.parse((await deposit('60')).body);
    psp.set(tx.id, 'succeeded');
    expect((await psp.webhook(tx.id, 'succeeded', { secret: 'not-the-secret' })).status).toBe(400);
    expect((await psp.webhook(tx.id, 'succeeded', { at: Date.now() - 3_600_000 })).status).toBe(400);
    const body = JSON.stringify({ reference: tx.id, status: 'succeeded' });
    const unsigned = await fetch(`${t.url}/webhooks/payments`, { method: 'POST', body });
    expect(unsigned.status).toBe(400);
    const tampered = await fetch(`${t.url}/webhooks/payments`, {
      method: 'POST',
      headers: { [signatureHeader]: signWebhook(pspWebhookSecret, body, Date.now()) },
      body: body.replace('succeeded', 'succeeded '),
    });
    expect(tampered.status).toBe(400);
    expect(await read(tx.id)).toMatchObject({ state: 'awaiting_customer' });
    expect(balancePosts(tx.id)).toBe(0);
  });
});

describe('platform timeouts are unknown, never failed', () => {
  // A server of its own with a short platform timeout; a healthy fake platform answers far within it.
  let t: TestServer;
  let user: Awaited<ReturnType<typeof ssoUser>>;
  beforeAll(async () => {
    t = await startTestServer({
      settings: {
        psp: { url: psp.url, apiKey: pspApiKey, webhookSecret: pspWebhookSecret, timeoutMs: 15_000 },
        reconcileIntervalMs: 3_600_000,
        platformTimeoutMs: 2500,
      },
    });
    user = await ssoUser(t, 'timeouts@example.com');
  });
  afterAll(() => t.close());
  const deposit = async (amount: string) =>
    transactionSchema.parse(
      (
        await user.client.call('POST', '/api/payments', {
          direction: 'deposit',
          account: user.login,
          methodId: 'card',
          amount,
          currency: 'USD',
          idempotencyKey: `timeout-key-${++keys}`,
        })
      ).body,
    );
  const read = async (id: string) =>
    transactionSchema.parse((await user.client.call('GET', `/api/payments/${id}`)).body);
  const changesFor = (id: string) => [...t.platform.balanceChanges].filter(([externalId]) => externalId === id);
  const balancePosts = (id: string) =>
    t.platform.calls.filter((call) => call.method === 'POST' && call.body.externalId === id).length;
  async function reconcile() {
    t.advance(60_000);
    return t.server.deps.payments!.reconcile();
  }
  beforeEach(() => {
    t.platform.slow.clear();
    t.platform.hangAfterApply.clear();
    t.platform.failing.clear();
  });

  it('keeps a timed-out credit unknown and pending, then reconciles it by externalId without a second credit', async () => {
    const tx = await deposit('70');
    t.platform.hangAfterApply.add('/webserv/traders');
    // The platform applies the change but its answer never arrives.
    psp.set(tx.id, 'succeeded');
    await psp.webhook(tx.id, 'succeeded');
    expect(await read(tx.id)).toMatchObject({ state: 'unknown', status: 'pending' });
    expect(changesFor(tx.id)).toHaveLength(1);
    t.platform.hangAfterApply.clear();
    await reconcile();
    expect(await read(tx.id)).toMatchObject({ state: 'credited' });
    expect(balancePosts(tx.id)).toBe(1);
  });

  it('calls again, with the same externalId, when the platform never applied the timed-out change', async () => {
    const tx = await deposit('80');
    t.platform.slow.add('/webserv/traders');
    psp.set(tx.id, 'succeeded');
    await psp.webhook(tx.id, 'succeeded');
    expect(await read(tx.id)).toMatchObject({ state: 'unknown' });
    expect(changesFor(tx.id)).toHaveLength(0);
    // Still unreachable: the pass leaves it unknown, never failed.
    await reconcile();
    expect(await read(tx.id)).toMatchObject({ state: 'unknown' });
    t.platform.slow.clear();
    await reconcile();
    expect(await read(tx.id)).toMatchObject({ state: 'credited' });
    expect(changesFor(tx.id)).toEqual([[tx.id, { login: user.login, preciseAmount: '80.00', type: 'DEPOSIT' }]]);
  });

  it('reads a platform that answers 503 as unknown too', async () => {
    const tx = await deposit('90');
    t.platform.failing.add('/webserv/traders');
    psp.set(tx.id, 'succeeded');
    await psp.webhook(tx.id, 'succeeded');
    expect(await read(tx.id)).toMatchObject({ state: 'unknown', status: 'pending' });
    t.platform.failing.clear();
    await reconcile();
    expect(await read(tx.id)).toMatchObject({ state: 'credited' });
  });
});

describe('provider failures', () => {
  it('cancels a payment the provider never received, and picks up one whose answer was lost', async () => {
    psp.hang.set('/v1/payments', 'before');
    const lostBefore = deposit('11').catch(() => undefined);
    // The create call arrived and will not answer: the payment is stored as created meanwhile.
    await expect
      .poll(() => psp.requests.some((request) => request.method === 'POST' && request.hung), { timeout: 30_000 })
      .toBe(true);
    expect(t.server.deps.stores.db.prepare("SELECT COUNT(*) AS n FROM payments WHERE state = 'created'").get()).toEqual(
      {
        n: 1,
      },
    );
    psp.hang.clear();
    await reconcile();
    const row = t.server.deps.stores.db
      .prepare('SELECT id, state, failure_code FROM payments WHERE amount_minor = 1100')
      .get();
    expect(row).toMatchObject({ state: 'cancelled', failure_code: 'provider_unreachable' });
    void lostBefore;

    psp.hang.set('/v1/payments', 'after');
    const lostAfter = deposit('12').catch(() => undefined);
    await expect
      .poll(() => [...psp.payments.values()].some((payment) => payment.amount === '1200'), { timeout: 30_000 })
      .toBe(true);
    psp.hang.clear();
    await reconcile();
    const found = t.server.deps.stores.db.prepare('SELECT id, state FROM payments WHERE amount_minor = 1200').get() as {
      id: string;
    };
    expect(await read(found.id)).toMatchObject({ state: 'awaiting_customer', next: { type: 'redirect' } });
    void lostAfter;
  });
});
