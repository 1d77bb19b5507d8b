// KYC review against the real process and SQLite file: the back office lists, reads and decides cases with the
// CRM API credential; the trader sees the corrections, may change only what they name, resubmits; every decision
// stays in the case's history and in the audit trail with the staff member who made it. Re-verification: an
// expiring document or the periodic review makes an approval due again, and the withdrawal gate's answer follows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kycStatusSchema } from '@broker-kit/core/adapter/schemas.ts';
import { kycServiceOf } from './kyc/service.ts';
import { Client, crmApiToken, ssoUser, startTestServer, type TestServer } from './test/harness.ts';

let t: TestServer;
let staffToken: string;
beforeAll(async () => {
  t = await startTestServer({ core: { kyc: { reviewIntervalDays: 30 } } });
  staffToken = await crmApiToken(t);
});
afterAll(() => t.close());

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const day = 86_400_000;
const isoDay = (at: number) => new Date(at).toISOString().slice(0, 10);

async function staff(method: string, path: string, body?: unknown, token: string | null = staffToken) {
  const response = await fetch(`${t.url}/api/backoffice/kyc${path}`, {
    method,
    headers: {
      ...(token !== null && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body: json };
}

async function upload(client: Client, documentType: string, expiresOn?: string) {
  const form = new FormData();
  form.set('documentType', documentType);
  if (expiresOn) form.set('expiresOn', expiresOn);
  form.set('file', new Blob([png as BlobPart]), `${documentType}.png`);
  return client.call('POST', '/api/kyc/documents', form);
}

async function status(client: Client) {
  return kycStatusSchema.parse((await client.call('GET', '/api/kyc')).body);
}

const personal = { firstName: 'Grace', lastName: 'Hopper', dateOfBirth: '1986-12-09', nationality: 'US' };
const address = { line1: '1 Navy Yard', city: 'Arlington', postalCode: '22202', country: 'US' };

/** A trader with a complete case submitted for review. */
async function submitted(email: string, passportExpiry = isoDay(Date.now() + 400 * day)) {
  const user = await ssoUser(t, email);
  await user.client.call('PUT', '/api/kyc/step', { step: 'personal', data: personal });
  await user.client.call('PUT', '/api/kyc/step', { step: 'address', data: address });
  expect((await upload(user.client, 'passport', passportExpiry)).status).toBe(200);
  expect((await upload(user.client, 'proof_of_address')).status).toBe(200);
  const reply = await user.client.call('POST', '/api/kyc/submit', { idempotencyKey: `kyc-${email}` });
  expect(reply.body.status).toBe('pending');
  return user;
}

describe('KYC review (back office)', () => {
  it('refuses calls without the CRM API credential or with a user session', async () => {
    const { token } = await ssoUser(t, 'review-auth@example.com');
    expect((await staff('GET', '/cases', undefined, null)).body.code).toBe('CH_CLIENT_AUTH_FAILURE');
    expect((await staff('GET', '/cases', undefined, token)).body.code).toBe('CH_CLIENT_AUTH_FAILURE');
    expect((await staff('GET', '/counts', undefined, 'x'.repeat(43))).status).toBe(403);
  });

  it('rejects with reasons per field and document; the trader resubmits only those; approval; history and audit', async () => {
    const { client, userId } = await submitted('review-flow@example.com');
    const queue = await staff('GET', '/cases?status=pending&limit=100');
    expect(queue.status).toBe(200);
    expect(queue.headers.get('cache-control')).toBe('no-store');
    expect(queue.body.cases.some((row: { userId: number }) => row.userId === userId)).toBe(true);

    const read = await staff('GET', `/cases/${userId}/standard`);
    expect(read.body.status.personal).toEqual(personal);
    const passport = read.body.documents.find(
      (document: { documentType: string }) => document.documentType === 'passport',
    );
    const file = await staff('GET', `/cases/${userId}/standard/documents/${passport.id}`);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);

    // Approve names nothing; a decision needs its reviewer; only a submitted case takes one.
    expect(
      (
        await staff('POST', `/cases/${userId}/standard/approve`, {
          reviewer: 'ann',
          items: [{ item: 'city', reason: 'other' }],
        })
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect((await staff('POST', `/cases/${userId}/standard/reject`, { items: [] })).body.code).toBe('INVALID_REQUEST');
    const rejected = await staff('POST', `/cases/${userId}/standard/reject`, {
      reviewer: 'ann.reviewer@broker.example',
      items: [
        { item: 'dateOfBirth', reason: 'mismatch' },
        { item: 'passport', reason: 'unreadable', note: 'Glare over the photo' },
      ],
      note: 'Please correct these two things.',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status.status).toBe('rejected');
    expect((await staff('POST', `/cases/${userId}/standard/approve`, { reviewer: 'bob' })).body.code).toBe(
      'DUPLICATE_SUBMISSION',
    );

    // The trader's view: coded reasons (localized on screen), the staff note as written.
    let view = await status(client);
    expect(view.status).toBe('rejected');
    expect(view.corrections).toEqual([
      { item: 'dateOfBirth', reason: 'mismatch', done: false },
      { item: 'passport', reason: 'unreadable', note: 'Glare over the photo', done: false },
    ]);
    expect(view.reasons).toEqual(['Please correct these two things.']);
    expect(view.documents.map((document) => document.documentType)).toEqual(['proof_of_address']);
    // Only what the review named may change, and the corrections come before a new submission.
    const locked = await client.call('PUT', '/api/kyc/step', { step: 'address', data: { ...address, city: 'Boston' } });
    expect(locked.body).toMatchObject({ code: 'INVALID_REQUEST', fields: { city: 'invalid' } });
    expect((await upload(client, 'proof_of_address')).body.code).toBe('INVALID_REQUEST');
    const early = await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'kyc-review-flow-2' });
    expect(early.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(Object.keys(early.body.fields)).toEqual(expect.arrayContaining(['passport']));

    await client.call('PUT', '/api/kyc/step', { step: 'personal', data: { ...personal, dateOfBirth: '1986-12-10' } });
    expect((await upload(client, 'national_id', isoDay(Date.now() + 900 * day))).status).toBe(200);
    view = await status(client);
    expect(view.corrections.every((correction) => correction.done)).toBe(true);
    expect((await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'kyc-review-flow-2' })).body.status).toBe(
      'pending',
    );

    const approved = await staff('POST', `/cases/${userId}/standard/approve`, { reviewer: 'bob@broker.example' });
    expect(approved.body.status.status).toBe('approved');
    expect(
      approved.body.decisions.map((decision: { decision: string; reviewer: string }) => [
        decision.decision,
        decision.reviewer,
      ]),
    ).toEqual([
      ['reject', 'ann.reviewer@broker.example'],
      ['approve', 'bob@broker.example'],
    ]);
    // The rejected passport stays in the case's history.
    expect(
      approved.body.documents.map(
        (document: { documentType: string; state: string }) => `${document.documentType}:${document.state}`,
      ),
    ).toEqual(['passport:rejected', 'proof_of_address:current', 'national_id:current']);
    const trail = t.server.deps.stores.audit
      .list({})
      .filter(
        (entry) => entry.event.startsWith('kyc.review.') && entry.userId === userId && entry.outcome === 'success',
      );
    expect(trail.map((entry) => [entry.event, entry.actor, entry.detail?.reviewer])).toEqual([
      ['kyc.review.reject', 'ctrader', 'ann.reviewer@broker.example'],
      ['kyc.review.approve', 'ctrader', 'bob@broker.example'],
    ]);
    expect(await kycServiceOf(t.server.deps).isCleared(userId)).toBe(true);
    expect((await status(client)).reverification).toMatchObject({ due: false, reasons: [] });
    const ribbons = (await client.call('GET', '/api/ribbons')).body as { id: string }[];
    expect(ribbons.map((ribbon) => ribbon.id)).not.toContain('kyc-renewal');
  });

  it('asks for a resubmission of a document the case did not have', async () => {
    const { client, userId } = await submitted('review-resubmit@example.com');
    const asked = await staff('POST', `/cases/${userId}/standard/request-resubmission`, {
      reviewer: 'ann',
      items: [{ item: 'selfie', reason: 'incomplete' }],
    });
    expect(asked.body.status.status).toBe('resubmission_requested');
    expect(
      (await staff('POST', `/cases/${userId}/standard/request-resubmission`, { reviewer: 'ann', items: [] })).status,
    ).toBe(409);
    expect((await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'kyc-resubmit-2' })).body.fields).toEqual({
      selfie: 'required',
    });
    expect((await upload(client, 'selfie')).status).toBe(200);
    expect((await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'kyc-resubmit-2' })).body.status).toBe(
      'pending',
    );
  });

  it('pages, filters and counts the cases', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await submitted(`review-${name}@example.com`);
    const counts = await staff('GET', '/counts');
    expect(counts.body.byStatus.pending).toBeGreaterThanOrEqual(3);
    const first = await staff('GET', '/cases?status=pending&limit=2');
    expect(first.body).toMatchObject({ limit: 2, offset: 0, total: counts.body.byStatus.pending });
    expect(first.body.cases).toHaveLength(2);
    const second = await staff('GET', `/cases?status=pending&limit=2&offset=2`);
    expect(second.body.cases[0].userId).not.toBe(first.body.cases[1].userId);
    for (const bad of ['status=done', 'limit=0', 'limit=101', 'offset=-1', 'due=yes', 'kycType=%00'])
      expect((await staff('GET', `/cases?${bad}`)).body.code, bad).toBe('INVALID_REQUEST');
    expect((await staff('GET', '/cases/1/unknown-type')).body.code).toBe('NOT_FOUND');
    expect((await staff('GET', '/cases/abc/standard')).body.code).toBe('INVALID_REQUEST');
  });

  it('lets the reviewer record the expiry printed on a document: a past one makes the approval due at once', async () => {
    const { client, userId } = await submitted('review-set-expiry@example.com');
    await staff('POST', `/cases/${userId}/standard/approve`, { reviewer: 'ann' });
    const passport = (await status(client)).documents.find((document) => document.documentType === 'passport')!;
    const proof = (await status(client)).documents.find((document) => document.documentType === 'proof_of_address')!;
    const path = (id: string) => `/cases/${userId}/standard/documents/${id}/expiry`;
    expect((await staff('PUT', path(passport.id), { reviewer: 'ann', expiresOn: '2024-02-30' })).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await staff('PUT', path(proof.id), { reviewer: 'ann', expiresOn: '2020-01-01' })).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await staff('PUT', path('nope'), { reviewer: 'ann', expiresOn: '2020-01-01' })).body.code).toBe(
      'NOT_FOUND',
    );
    const set = await staff('PUT', path(passport.id), { reviewer: 'ann', expiresOn: isoDay(Date.now() - day) });
    expect(set.status).toBe(200);
    const view = await status(client);
    expect(view.reverification).toMatchObject({ due: true, reasons: ['document_expired'] });
    expect(await kycServiceOf(t.server.deps).isCleared(userId)).toBe(false);
    // Under SSO a ribbon tells the trader, in their language, and leads to the KYC screen.
    const ribbons = (await client.call('GET', '/api/ribbons?language=de')).body as { id: string; title: string }[];
    expect(ribbons.find((ribbon) => ribbon.id === 'kyc-renewal')).toMatchObject({
      title: 'Ihre Verifizierung muss erneuert werden',
      action: { urlinApp: '/inapp/kyc' },
    });
    const trail = t.server.deps.stores.audit.list({}).filter((entry) => entry.event === 'kyc.document.expiry');
    expect(trail.some((entry) => entry.userId === userId && entry.detail?.reviewer === 'ann')).toBe(true);
  });

  it("pre-fills the KYC form from the platform token's name under handoff (seed 001), dropping a name it refuses", async () => {
    const token = t.platform.issueInAppToken({
      userId: 88_001,
      email: 'handoff-names@example.com',
      action: 'kyc',
      firstName: 'Zoë',
      lastName: '<script>',
    });
    const reply = await new Client(t.url).call('POST', '/api/validate-token', { token, action: 'kyc' });
    expect(reply.status).toBe(200);
    expect(reply.body.profile.firstName).toBe('Zoë');
    expect(reply.body.profile).not.toHaveProperty('lastName');
  });

  // Last: it moves the server clock for the rest of the file.
  it('makes an approval due again when a document expires or the review interval passes', async () => {
    const soon = isoDay(Date.now() + 10 * day);
    const { client, userId } = await submitted('review-expiry@example.com', soon);
    await staff('POST', `/cases/${userId}/standard/approve`, { reviewer: 'ann' });
    const other = await submitted('review-periodic@example.com');
    await staff('POST', `/cases/${other.userId}/standard/approve`, { reviewer: 'ann' });
    expect(await kycServiceOf(t.server.deps).isCleared(userId)).toBe(true);

    t.advance(11 * day);
    staffToken = await crmApiToken(t);
    const login = { email: 'review-expiry@example.com', password: 'correct horse battery 9', keepLoggedIn: false };
    expect((await client.call('POST', '/api/auth/login', login)).status).toBe(200);
    const due = await status(client);
    expect(due.status).toBe('approved');
    expect(due.reverification).toMatchObject({ due: true, reasons: ['document_expired'] });
    expect(due.corrections).toEqual([{ item: 'passport', reason: 'expired', done: false }]);
    expect(await kycServiceOf(t.server.deps).isCleared(userId)).toBe(false);
    expect(await kycServiceOf(t.server.deps).isCleared(other.userId)).toBe(true);
    const dueList = await staff('GET', '/cases?due=true');
    expect(dueList.body.cases.map((row: { userId: number }) => row.userId)).toContain(userId);
    expect(dueList.body.cases.map((row: { userId: number }) => row.userId)).not.toContain(other.userId);
    // The expired document is replaced, the case goes back to review.
    expect((await upload(client, 'passport', isoDay(t.server.deps.now() - day))).body.fields).toEqual({
      expiresOn: 'invalid',
    });
    expect((await upload(client, 'passport', isoDay(t.server.deps.now() + 800 * day))).status).toBe(200);
    expect((await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'kyc-expiry-2' })).body.status).toBe(
      'pending',
    );

    t.advance(20 * day);
    expect(await kycServiceOf(t.server.deps).isCleared(other.userId)).toBe(false);
    expect(await kycServiceOf(t.server.deps).isDue(other.userId)).toBe(true);
  });
});
