// The KYC draft against the real process and SQLite file: kept for the session's own user only, replaced whole,
// size-capped and schema-checked, deleted on submission, expired, and never written to a log or the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kycDraftMaxBytes, kycStatusSchema } from '@broker-kit/core/adapter/schemas.ts';
import { purgeKycDrafts } from './store/kyc-drafts.ts';
import { Client, ssoUser, startTestServer, type TestServer } from './test/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

const secretName = 'Zebedee-Quintrell';
const draft = { step: 'personal', values: { lastName: secretName, dateOfBirth: '1984-02-29', nationality: 'N' } };
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

const draftRows = (userId: number) =>
  t.server.deps.stores.db.prepare('SELECT COUNT(*) AS count FROM kyc_drafts WHERE user_id = ?').get(userId) as {
    count: number;
  };

async function statusOf(client: Client) {
  const reply = await client.call('GET', '/api/kyc');
  expect(reply.status).toBe(200);
  return kycStatusSchema.parse(reply.body);
}

describe('KYC draft', () => {
  it('keeps the draft of the session user, answers it with the status (not cached) and replaces it whole', async () => {
    const { client } = await ssoUser(t, 'draft-keep@example.com');
    expect((await new Client(t.url).call('PUT', '/api/kyc/draft', draft)).body.code).toBe('SESSION_EXPIRED');
    expect((await client.call('PUT', '/api/kyc/draft', draft)).status).toBe(204);
    expect((await client.call('PUT', '/api/kyc/draft', draft)).status).toBe(204);
    const reply = await client.call('GET', '/api/kyc');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(kycStatusSchema.parse(reply.body).draft).toEqual(draft);
    await client.call('PUT', '/api/kyc/draft', { step: 'address', values: { city: 'Leeds' } });
    expect((await statusOf(client)).draft).toEqual({ step: 'address', values: { city: 'Leeds' } });
    // Drafts are per KYC type.
    expect((await client.call('GET', '/api/kyc?kycType=enhanced')).body.draft).toBeUndefined();
  });

  it("never shows one user's draft to another user, and another user's save leaves it alone", async () => {
    const first = await ssoUser(t, 'draft-first@example.com');
    const second = await ssoUser(t, 'draft-second@example.com');
    await first.client.call('PUT', '/api/kyc/draft', draft);
    expect((await statusOf(second.client)).draft).toBeUndefined();
    await second.client.call('PUT', '/api/kyc/draft', { step: 'personal', values: { lastName: 'Other' } });
    expect((await statusOf(first.client)).draft).toEqual(draft);
    expect((await statusOf(second.client)).draft).toEqual({ step: 'personal', values: { lastName: 'Other' } });
  });

  it('refuses unknown fields, long values, other shapes and large bodies, keeping the saved draft', async () => {
    const { client } = await ssoUser(t, 'draft-refuse@example.com');
    await client.call('PUT', '/api/kyc/draft', draft);
    const refused = [
      { step: 'personal', values: { passportNumber: 'X1234567' } },
      { step: 'personal', values: { lastName: 'x'.repeat(201) } },
      { step: 'personal', values: { lastName: 42 } },
      { step: 'upload', values: {} },
      { step: 'personal', values: {}, userId: 1 },
      [],
    ];
    for (const body of refused) {
      const reply = await client.call('PUT', '/api/kyc/draft', body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.code).toBe('INVALID_REQUEST');
    }
    // Over the draft's own cap, under the server's general JSON cap (16 KB).
    const large = { step: 'personal', values: { city: 'x'.repeat(kycDraftMaxBytes) } };
    expect(JSON.stringify(large).length).toBeLessThan(16 * 1024);
    expect((await client.call('PUT', '/api/kyc/draft', large)).body.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await statusOf(client)).draft).toEqual(draft);
  });

  it('is deleted on submission; a submitted case takes no draft', async () => {
    const { client, userId } = await ssoUser(t, 'draft-submit@example.com');
    await client.call('PUT', '/api/kyc/step', {
      step: 'personal',
      data: { firstName: 'Zeb', lastName: secretName, dateOfBirth: '1984-02-29', nationality: 'GB' },
    });
    await client.call('PUT', '/api/kyc/step', {
      step: 'address',
      data: { line1: '1 Road', city: 'London', postalCode: 'N1', country: 'GB' },
    });
    for (const documentType of ['passport', 'proof_of_address']) {
      const form = new FormData();
      form.set('documentType', documentType);
      form.set('file', new Blob([png as BlobPart]), `${documentType}.png`);
      expect((await client.call('POST', '/api/kyc/documents', form)).status).toBe(200);
    }
    await client.call('PUT', '/api/kyc/draft', { step: 'review', values: { lastName: secretName } });
    expect(draftRows(userId).count).toBe(1);
    const submitted = await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'kyc-draft-0001' });
    expect(kycStatusSchema.parse(submitted.body).status).toBe('pending');
    expect(submitted.body).not.toHaveProperty('draft');
    expect(draftRows(userId).count).toBe(0);
    expect((await client.call('PUT', '/api/kyc/draft', draft)).body.code).toBe('DUPLICATE_SUBMISSION');
    expect(draftRows(userId).count).toBe(0);
  });

  it('writes none of its values to the logs or the audit trail', async () => {
    const { client } = await ssoUser(t, 'draft-logs@example.com');
    await client.call('PUT', '/api/kyc/draft', draft);
    await client.call('PUT', '/api/kyc/draft', { step: 'personal', values: { lastName: `${secretName}x`.repeat(50) } });
    await client.call('GET', '/api/kyc');
    expect(t.logs.some((line) => line.startsWith('PUT /api/kyc/draft 204'))).toBe(true);
    expect(t.logs.filter((line) => line.includes('Zebedee') || line.includes('1984-02-29'))).toEqual([]);
    const trail = JSON.stringify(t.server.deps.stores.audit.list({}));
    expect(trail).not.toContain('Zebedee');
    expect(trail).not.toContain('kyc.draft');
  });

  // Last: it moves the server clock for the rest of the file.
  it('expires draftTtlHours (24) after its last save and is purged', async () => {
    const { client, userId } = await ssoUser(t, 'draft-expiry@example.com');
    await client.call('PUT', '/api/kyc/draft', draft);
    t.advance(24 * 3_600_000 - 60_000);
    // The browser session lives an hour: the user signs in again the next day.
    const login = { email: 'draft-expiry@example.com', password: 'correct horse battery 9', keepLoggedIn: false };
    expect((await client.call('POST', '/api/auth/login', login)).status).toBe(200);
    expect((await statusOf(client)).draft).toEqual(draft);
    t.advance(60_000);
    expect((await statusOf(client)).draft).toBeUndefined();
    expect(draftRows(userId).count).toBe(1);
    expect(purgeKycDrafts(t.server.deps.stores.db, t.server.deps.now())).toBeGreaterThanOrEqual(1);
    expect(draftRows(userId).count).toBe(0);
  });
});
