// The KYC provider port against the real process: a KYC type verified by a vendor hands the trader to the vendor,
// the vendor's signed webhook decides, a duplicate webhook changes nothing, a late one (of a check the trader
// replaced) changes nothing, and a forged one is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kycStatusSchema } from '@broker-kit/core/adapter/schemas.ts';
import type { KycCheckInput } from '@broker-kit/core/services/kyc.ts';
import { HttpKycVendor, kycSignatureHeader } from './kyc/provider.ts';
import { useKycVendor } from './kyc/service.ts';
import { signWebhook } from './payments/provider.ts';
import { crmApiToken, ssoUser, startTestServer, type TestServer } from './test/harness.ts';

const secret = 'test-kyc-webhook-secret-0123456789';
let t: TestServer;
const checks: KycCheckInput[] = [];

beforeAll(async () => {
  t = await startTestServer({
    server: {
      kyc: {
        types: {
          standard: { requiredDocuments: ['passport', 'proof_of_address'] },
          vendor: { requiredDocuments: ['passport', 'selfie'], provider: 'vendor' },
        },
      },
    },
  });
  // The vendor's API is not ours: its answers are stood in for; its webhooks are verified by the real code.
  const http = new HttpKycVendor({
    name: 'acme-id',
    baseUrl: 'http://127.0.0.1:9',
    apiKey: 'unused-api-key-0123456789',
    webhookSecret: secret,
    timeoutMs: 1000,
    flow: 'redirect',
  });
  useKycVendor(t.server.deps, {
    name: http.name,
    startCheck: async (input) => {
      checks.push(input);
      return { type: 'redirect', url: `https://vendor.example/verify/${input.checkId}` };
    },
    verifyWebhook: (raw, headers, now) => http.verifyWebhook(raw, headers, now),
  });
});
afterAll(() => t.close());

async function webhook(body: unknown, signature?: string) {
  const raw = JSON.stringify(body);
  const response = await fetch(`${t.url}/webhooks/kyc`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [kycSignatureHeader]: signature ?? signWebhook(secret, raw, Date.now()),
    },
    body: raw,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const personal = { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1990-12-10', nationality: 'GB' };
const address = { line1: '1 St James Square', city: 'London', postalCode: 'SW1Y 4JU', country: 'GB' };

describe('KYC through a vendor', () => {
  it('hands the trader to the vendor and applies its webhook once, to the check the case waits on', async () => {
    const { client, userId } = await ssoUser(t, 'vendor-flow@example.com');
    const status = async () => kycStatusSchema.parse((await client.call('GET', '/api/kyc?kycType=vendor')).body);
    expect((await status()).provider).toBe('vendor');
    expect((await client.call('GET', '/api/kyc')).body.provider).toBe('review');
    expect((await client.call('POST', '/api/kyc/check', { kycType: 'vendor' })).body.fields).toMatchObject({
      personal: 'required',
    });
    await client.call('PUT', '/api/kyc/step', { kycType: 'vendor', step: 'personal', data: personal });
    await client.call('PUT', '/api/kyc/step', { kycType: 'vendor', step: 'address', data: address });
    expect(
      (await client.call('POST', '/api/kyc/submit', { kycType: 'vendor', idempotencyKey: 'vendor-1234' })).body.code,
    ).toBe('INVALID_REQUEST');
    expect((await client.call('POST', '/api/kyc/check', { kycType: 'standard' })).body.code).toBe('NOT_FOUND');

    const first = await client.call('POST', '/api/kyc/check', { kycType: 'vendor', language: 'de' });
    expect(first.body).toMatchObject({ type: 'redirect' });
    const started = checks.at(-1)!;
    expect(started.applicant).toEqual(personal);
    expect(started.language).toBe('de');
    expect(started.returnUrl).toBe(`${t.url}/inapp/kyc?lang=de&kycType=vendor`);
    expect(started.webhookUrl).toBe(`${t.url}/webhooks/kyc`);
    expect((await status()).status).toBe('pending');
    // The trader left the vendor's page and starts again: the first check is replaced.
    await client.call('POST', '/api/kyc/check', { kycType: 'vendor' });
    const second = checks.at(-1)!;
    expect(second.checkId).not.toBe(started.checkId);

    const late = await webhook({ eventId: 'evt-late-1', reference: started.checkId, result: 'approved' });
    expect(late.body).toEqual({ received: true, outcome: 'late' });
    expect((await status()).status).toBe('pending');

    const retry = {
      eventId: 'evt-retry-1',
      reference: second.checkId,
      result: 'retry',
      reasons: [{ subject: 'SELFIE', code: 'FACE_MISMATCH' }],
    };
    expect((await webhook(retry)).body.outcome).toBe('applied');
    expect((await webhook(retry)).body.outcome).toBe('duplicate');
    const sentBack = await status();
    expect(sentBack.status).toBe('resubmission_requested');
    expect(sentBack.corrections).toEqual([{ item: 'selfie', reason: 'mismatch', done: false }]);

    const forged = JSON.stringify({ eventId: 'evt-forged', reference: second.checkId, result: 'approved' });
    expect(
      (await webhook(JSON.parse(forged), signWebhook('another-secret-0123456789', forged, Date.now()))).status,
    ).toBe(400);
    expect((await webhook({ eventId: 'evt-x', reference: 'no-such-check', result: 'approved' })).status).toBe(404);

    await client.call('POST', '/api/kyc/check', { kycType: 'vendor' });
    const third = checks.at(-1)!;
    expect((await webhook({ eventId: 'evt-ok-1', reference: third.checkId, result: 'approved' })).body.outcome).toBe(
      'applied',
    );
    expect((await status()).status).toBe('approved');

    const staffToken = await crmApiToken(t);
    const detail = await fetch(`${t.url}/api/backoffice/kyc/cases/${userId}/vendor`, {
      headers: { authorization: `Bearer ${staffToken}` },
    });
    const { decisions } = (await detail.json()) as {
      decisions: { decision: string; reviewer: string; source: string }[];
    };
    expect(decisions.map((decision) => [decision.decision, decision.reviewer, decision.source])).toEqual([
      ['request_resubmission', 'acme-id', 'vendor'],
      ['approve', 'acme-id', 'vendor'],
    ]);
    const trail = t.server.deps.stores.audit
      .list({})
      .filter((entry) => entry.userId === userId && entry.event.startsWith('kyc.'));
    expect(trail.map((entry) => entry.event)).toEqual(
      expect.arrayContaining(['kyc.check.start', 'kyc.review.approve']),
    );
  });
});
