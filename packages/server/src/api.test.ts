// Every route of the shared table, answered in exactly the wire schemas the HttpAdapter validates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRoutes } from '@broker-kit/core/adapter/routes.ts';
import { errorBodySchema } from '@broker-kit/core/errors.ts';
import {
  accountTypeSchema,
  actionResultSchema,
  actionSchemaSchema,
  chatHistorySchema,
  chatMessageSchema,
  inviteSchema,
  inviteStatsSchema,
  kycDocumentSchema,
  kycStatusSchema,
  paymentOptionsSchema,
  platformWebTokenSchema,
  ribbonSchema,
  transactionSchema,
} from '@broker-kit/core/adapter/schemas.ts';
import {
  Client,
  crmApiToken,
  exchange,
  signupBody,
  ssoUser,
  startTestServer,
  type TestServer,
} from './test/harness.ts';

let t: TestServer;
let user: Awaited<ReturnType<typeof ssoUser>>;
beforeAll(async () => {
  t = await startTestServer();
  user = await ssoUser(t, 'api@example.com');
});
afterAll(() => t.close());

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('route table', () => {
  it('mounts every route of defaultRoutes and answers a session-less call with a standard error body', async () => {
    for (const [name, route] of Object.entries(defaultRoutes)) {
      const [method, template] = route.split(' ') as [string, string];
      const path = template
        .replace(':id', '00000000-0000-0000-0000-000000000000')
        .replace(':actionType', 'change-leverage');
      const reply = await new Client(t.url).call(
        method,
        path,
        method === 'GET' || method === 'DELETE' ? undefined : {},
      );
      expect(reply.status, name).not.toBe(404);
      if (reply.status >= 400) expect(errorBodySchema.safeParse(reply.body).success, name).toBe(true);
    }
    const missing = await new Client(t.url).call('GET', '/api/nothing-here');
    expect(missing).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });
});

describe('money', () => {
  it('lists account types and payment options', async () => {
    const types = await user.client.call('GET', '/api/account-types');
    expect(types.body.map((type: unknown) => accountTypeSchema.parse(type).id)).toEqual(['standard', 'raw']);
    const options = await user.client.call('GET', `/api/payments/options?direction=withdraw&account=${user.login}`);
    expect(paymentOptionsSchema.parse(options.body)).toMatchObject({
      account: { login: user.login },
      available: '0.00',
    });
    const foreign = await user.client.call('GET', '/api/payments/options?direction=deposit&account=1');
    expect(foreign).toMatchObject({ status: 403, body: { code: 'CH_INSUFFICIENT_PERMISSIONS' } });
  });

  it('declines every deposit with the demo card-declined method, like the MemoryAdapter, moving no money', async () => {
    const options = await user.client.call('GET', `/api/payments/options?direction=deposit&account=${user.login}`);
    expect(options.body.methods).toContainEqual(
      expect.objectContaining({
        id: 'card-declined',
        name: expect.objectContaining({ en: 'Card (declined in demo)' }),
      }),
    );
    const calls = t.platform.calls.length;
    const reply = await user.client.call('POST', '/api/payments', {
      direction: 'deposit',
      account: user.login,
      methodId: 'card-declined',
      amount: '20',
      currency: 'USD',
      idempotencyKey: 'dep-declined-1',
    });
    expect(transactionSchema.parse(reply.body)).toMatchObject({
      status: 'failed',
      failureCode: 'declined',
      failureReason: 'Declined by the card issuer (demo)',
    });
    expect(t.platform.calls).toHaveLength(calls);
  });

  it('deposits once per idempotency key, changes the platform balance, withdraws within the balance', async () => {
    const deposit = {
      direction: 'deposit',
      account: user.login,
      methodId: 'card',
      amount: '250.50',
      currency: 'USD',
      idempotencyKey: 'dep-00000001',
    };
    const first = await user.client.call('POST', '/api/payments', deposit);
    const tx = transactionSchema.parse(first.body);
    expect(tx).toMatchObject({ status: 'completed', amount: '250.50', direction: 'deposit' });
    const change = t.platform.calls.filter((call) => call.path === `/webserv/traders/${user.login}/changebalance`);
    expect(change.at(-1)?.body).toMatchObject({
      login: user.login,
      preciseAmount: '250.50',
      type: 'DEPOSIT',
      externalId: tx.id,
    });
    const again = await user.client.call('POST', '/api/payments', deposit);
    expect(again.body.id).toBe(tx.id);
    expect(t.platform.calls.filter((call) => call.path.endsWith('/changebalance'))).toHaveLength(change.length);
    expect((await user.client.call('POST', '/api/payments', { ...deposit, amount: '1' })).body.code).toBe(
      'DUPLICATE_SUBMISSION',
    );
    expect(transactionSchema.parse((await user.client.call('GET', `/api/payments/${tx.id}`)).body).id).toBe(tx.id);
    expect((await new Client(t.url).call('GET', `/api/payments/${tx.id}`)).body.code).toBe('SESSION_EXPIRED');

    const withdraw = { ...deposit, direction: 'withdraw', amount: '300', idempotencyKey: 'wd-00000001' };
    expect((await user.client.call('POST', '/api/payments', withdraw)).body.code).toBe('INSUFFICIENT_FUNDS');
    const ok = await user.client.call('POST', '/api/payments', {
      ...withdraw,
      amount: '50.25',
      idempotencyKey: 'wd-00000002',
    });
    expect(ok.body).toMatchObject({ status: 'completed', amount: '50.25' });
    const options = await user.client.call('GET', `/api/payments/options?direction=withdraw&account=${user.login}`);
    expect(options.body.available).toBe('200.25');
    expect(
      (await user.client.call('POST', '/api/payments', { ...deposit, amount: '5', idempotencyKey: 'dep-00000002' }))
        .body.code,
    ).toBe('LIMIT_EXCEEDED');
    expect(
      (
        await user.client.call('POST', '/api/payments', {
          ...deposit,
          amount: '12.5e3',
          idempotencyKey: 'dep-00000003',
        })
      ).body.code,
    ).toBe('INVALID_REQUEST');

    t.platform.failing.add('/webserv');
    const failed = await user.client.call('POST', '/api/payments', {
      ...withdraw,
      amount: '20',
      idempotencyKey: 'wd-00000003',
    });
    t.platform.failing.clear();
    expect(failed.body).toMatchObject({
      status: 'failed',
      failureCode: 'platform_unavailable',
      failureReason: 'platform_unavailable',
    });
    // A failed withdrawal gives the money back.
    expect(
      (await user.client.call('GET', `/api/payments/options?direction=withdraw&account=${user.login}`)).body.available,
    ).toBe('200.25');
  });
});

describe('KYC', () => {
  it('saves steps, uploads and removes documents, and submits when complete', async () => {
    const { client } = user;
    expect(kycStatusSchema.parse((await client.call('GET', '/api/kyc')).body).status).toBe('not_started');
    const personal = await client.call('PUT', '/api/kyc/step', {
      step: 'personal',
      data: { firstName: 'Ada', lastName: 'L', dateOfBirth: '1990-01-01', nationality: 'GB' },
    });
    expect(kycStatusSchema.parse(personal.body).status).toBe('in_progress');
    expect((await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'kyc-0000001' })).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { address: 'required', passport: 'required' },
    });
    await client.call('PUT', '/api/kyc/step', {
      step: 'address',
      data: { line1: '1 Road', city: 'London', postalCode: 'N1', country: 'GB' },
    });

    const upload = async (bytes: Uint8Array, documentType: string, name = '../../etc/passwd.png') => {
      const form = new FormData();
      form.set('documentType', documentType);
      form.set('file', new Blob([bytes as BlobPart]), name);
      return client.call('POST', '/api/kyc/documents', form);
    };
    const passport = await upload(png, 'passport');
    expect(kycDocumentSchema.parse(passport.body)).toMatchObject({
      fileName: 'passwd.png',
      mimeType: 'image/png',
      size: png.length,
    });
    expect((await upload(new TextEncoder().encode('<svg onload=alert(1)>'), 'selfie')).body.code).toBe(
      'UNSUPPORTED_FILE',
    );
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(png);
    expect((await upload(big, 'selfie')).body.code).toBe('PAYLOAD_TOO_LARGE');
    const extra = await upload(png, 'selfie');
    const removed = await client.call('DELETE', `/api/kyc/documents/${extra.body.id}`);
    expect(kycStatusSchema.parse(removed.body).documents.map((doc) => doc.documentType)).toEqual(['passport']);
    expect((await client.call('DELETE', `/api/kyc/documents/${extra.body.id}`)).body.code).toBe('NOT_FOUND');
    await upload(png, 'proof_of_address');
    const submitted = await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'kyc-0000002' });
    expect(kycStatusSchema.parse(submitted.body).status).toBe('pending');
    expect((await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'kyc-0000002' })).status).toBe(200);
    expect((await upload(png, 'selfie')).body.code).toBe('DUPLICATE_SUBMISSION');
  });
});

describe('generic action', () => {
  it('serves the schema and validates submissions field by field', async () => {
    const schema = await user.client.call('GET', '/api/actions/change-leverage');
    expect(actionSchemaSchema.parse(schema.body).actionType).toBe('change-leverage');
    expect((await user.client.call('GET', '/api/actions/nope')).body.code).toBe('NOT_FOUND');
    const invalid = await user.client.call('POST', '/api/actions/change-leverage', {
      actionType: 'change-leverage',
      values: { leverage: '999', __proto__: 'x', extra: 1 },
      idempotencyKey: 'act-0000001',
    });
    expect(invalid.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { leverage: 'invalid', extra: 'invalid' },
    });
    const ok = await user.client.call('POST', '/api/actions/change-leverage', {
      actionType: 'change-leverage',
      values: { leverage: '30', reason: '"><svg onload=alert(1)>' },
      idempotencyKey: 'act-0000002',
    });
    expect(actionResultSchema.parse(ok.body).status).toBe('pending');
  });
});

describe('support chat', () => {
  it('stores messages, streams them with ids, lets the agent answer, and resumes from Last-Event-ID', async () => {
    const { client } = user;
    const controller = new AbortController();
    const response = await fetch(`${t.url}/api/chat/events`, {
      headers: { cookie: client.cookie },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    let received = '';
    const waitFor = async (pattern: RegExp) => {
      while (!pattern.test(received)) received += new TextDecoder().decode((await reader.read()).value);
    };
    await waitFor(/event: ready/);
    const sent = await client.call('POST', '/api/chat/messages', { text: 'Where is my deposit?', clientId: 'c-1' });
    expect(chatMessageSchema.parse(sent.body)).toMatchObject({ author: 'user', clientId: 'c-1' });
    expect(
      (await client.call('POST', '/api/chat/messages', { text: 'Where is my deposit?', clientId: 'c-1' })).body.id,
    ).toBe(sent.body.id);
    await waitFor(/"authorName":"Support".*\nid: \d+\n/);
    controller.abort();
    expect(received).toMatch(/event: typing/);
    const ids = [...received.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
    expect(ids, received).toHaveLength(2);

    const resumed = await fetch(`${t.url}/api/chat/events`, {
      headers: { cookie: client.cookie, 'last-event-id': String(ids[0]) },
    });
    const resumeReader = resumed.body!.getReader();
    let replayed = '';
    while (!/event: ready/.test(replayed)) replayed += new TextDecoder().decode((await resumeReader.read()).value);
    await resumeReader.cancel();
    expect([...replayed.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]))).toEqual([ids[1]]);

    const history = chatHistorySchema.parse((await client.call('GET', '/api/chat/messages')).body);
    expect(history.messages.map((message) => message.author)).toEqual(['user', 'agent']);
    expect((await client.call('POST', '/api/chat/messages', { text: '', clientId: 'c-2' })).body.code).toBe(
      'INVALID_REQUEST',
    );
  });
});

describe('invite, ribbons, platform web', () => {
  it('attributes a signup that came through an invite link', async () => {
    const invite = inviteSchema.parse((await user.client.call('GET', '/api/invite')).body);
    expect(new URL(invite.link).searchParams.get('partnerId')).toBe(invite.partnerId);
    await fetch(`${t.url}/auth/login?firstLogin=true&partnerId=${invite.partnerId}`);
    const friend = new Client(t.url);
    await friend.call(
      'POST',
      '/api/auth/signup',
      signupBody('friend@example.com', { attribution: { partnerId: invite.partnerId } }),
    );
    expect(t.platform.calls.at(-1)).toMatchObject({
      path: '/ctid/referrals',
      body: { partnerUserId: user.userId, brokerName: 'Test Broker' },
    });
    const stats = inviteStatsSchema.parse((await user.client.call('GET', '/api/invite/stats')).body);
    expect(stats).toMatchObject({ clicks: 1, signups: 1, byResult: { ATTRIBUTED_NEW: 1 } });

    const body = JSON.stringify({ invitedUserId: 42, partnerUserId: user.userId, brokerName: 'Test Broker' });
    const unauthenticated = await fetch(`${t.url}/api/invite/attribution`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + 'x'.repeat(43) },
      body,
    });
    expect(((await unauthenticated.json()) as { code: string }).code).toBe('CH_CLIENT_AUTH_FAILURE');
    const attributed = await fetch(`${t.url}/api/invite/attribution`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await crmApiToken(t)}` },
      body,
    });
    expect(await attributed.json()).toEqual({ result: 'ATTRIBUTED_NEW' });
  });

  it('serves ribbons and a platform web token the platform can exchange', async () => {
    const ribbons = await user.client.call('GET', `/api/ribbons?account=${user.login}`);
    expect(ribbons.body.map((ribbon: unknown) => ribbonSchema.parse(ribbon).id)).toEqual(['verify']);
    const web = await user.client.call('POST', '/api/platform-web/token', { account: user.login });
    const { token } = platformWebTokenSchema.parse(web.body);
    expect(Date.parse(web.body.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    expect((await user.client.call('POST', '/api/platform-web/token', { account: 1 })).body.code).toBe(
      'CH_INSUFFICIENT_PERMISSIONS',
    );
    expect((await exchange(t, token, await crmApiToken(t))).body.userId).toBe(user.userId);
  });
});
