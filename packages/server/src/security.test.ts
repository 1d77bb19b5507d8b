// SECURITY 9 (rate limits), the platform's logout, the expired answer of the public exchange spelling, and the
// audit trail of money and KYC (SECURITY 13), against the real app on a real port with a real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@broker-kit/core/errors.ts';
import {
  Client,
  crmApiToken,
  crmPassword,
  exchange,
  signupBody,
  ssoUser,
  startTestServer,
  type Reply,
  type TestServer,
} from './test/harness.ts';

const otherClient = { id: 'other-client', password: 'other-crm-password-0123456789' };
const thirdClient = { id: 'third-client', password: 'third-crm-password-0123456789' };
const limits = {
  signupPerIp: { limit: 3, windowSeconds: 600 },
  loginPerIp: { limit: 4, windowSeconds: 300 },
  exchangePerClient: { limit: 5, windowSeconds: 60 },
  passwordResetPerAccount: { limit: 2, windowSeconds: 3600 },
};

/** Sends until the first 429 (or `max` requests); answers how many were sent and the last reply. */
async function untilLimited(
  max: number,
  send: (index: number) => Promise<Reply>,
): Promise<{ sent: number; last: Reply }> {
  let last: Reply | undefined;
  for (let index = 0; index < max; index++) {
    last = await send(index);
    if (last.status === 429) return { sent: index + 1, last };
  }
  return { sent: max, last: last! };
}

/** A 429 as SECURITY 9 wants it: RATE_LIMITED in the standard body, Retry-After in whole seconds within the window. */
function expectRateLimited(reply: Reply, windowSeconds: number): number {
  expect(reply.status).toBe(429);
  expect(errorBodySchema.parse(reply.body).code).toBe('RATE_LIMITED');
  const retryAfter = reply.headers.get('retry-after');
  expect(retryAfter).toMatch(/^\d+$/);
  const seconds = Number(retryAfter);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(windowSeconds);
  expect(reply.body.retryAfter).toBe(seconds);
  expect(reply.headers.get('cache-control')).toBe('no-store');
  return seconds;
}

async function clientTokenOf(t: TestServer, client: { id: string; password: string }): Promise<string> {
  const reply = await fetch(`${t.url}/oauth2/crmApiToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.200' },
    body: JSON.stringify({ password: client.password }),
  });
  return ((await reply.json()) as { crmApiToken: string }).crmApiToken;
}

/** An exchange from a given address, with a well-formed token nobody issued (counted before it is judged). */
async function exchangeFrom(t: TestServer, ip: string, clientToken: string, path = '/oauth2/token'): Promise<Reply> {
  const response = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientToken}`, 'x-forwarded-for': ip },
    body: JSON.stringify({ token: 'q'.repeat(43) }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

describe('rate limits: 429 with Retry-After (SECURITY 9)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({
      server: { rateLimits: limits },
      settings: { clients: [{ id: 'ctrader', password: crmPassword }, otherClient, thirdClient] },
    });
  });
  afterAll(() => t.close());

  it('limits signups per address; another address still signs up; Retry-After tells when to come back', async () => {
    const crowd = new Client(t.url, '198.51.100.10');
    const { sent, last } = await untilLimited(10, (index) =>
      crowd.call('POST', '/api/auth/signup', signupBody(`crowd-${index}@example.com`)),
    );
    expect(sent).toBe(limits.signupPerIp.limit + 1);
    const seconds = expectRateLimited(last, limits.signupPerIp.windowSeconds);
    // The refused signup created nobody: the same address signs up from elsewhere.
    const refusedEmail = `crowd-${sent - 1}@example.com`;
    expect(
      (await new Client(t.url, '198.51.100.11').call('POST', '/api/auth/signup', signupBody(refusedEmail))).status,
    ).toBe(200);
    t.advance(seconds * 1000);
    try {
      expect((await crowd.call('POST', '/api/auth/signup', signupBody('crowd-later@example.com'))).status).toBe(200);
    } finally {
      t.advance(-seconds * 1000);
    }
  });

  it('limits logins per address, before the password is judged, without locking the account out elsewhere', async () => {
    await ssoUser(t, 'login-target@example.com');
    const guesser = new Client(t.url, '198.51.100.20');
    const { sent, last } = await untilLimited(10, (index) =>
      guesser.call('POST', '/api/auth/login', {
        email: `nobody-${index}@example.com`,
        password: 'wrong password!',
        keepLoggedIn: false,
      }),
    );
    expect(sent).toBe(limits.loginPerIp.limit + 1);
    expectRateLimited(last, limits.loginPerIp.windowSeconds);
    // Even the right password is not tried from the limited address…
    const right = { email: 'login-target@example.com', password: 'correct horse battery 9', keepLoggedIn: false };
    expectRateLimited(await guesser.call('POST', '/api/auth/login', right), limits.loginPerIp.windowSeconds);
    // …while the user signs in from their own.
    expect((await new Client(t.url, '198.51.100.21').call('POST', '/api/auth/login', right)).status).toBe(200);
  });

  it('limits token exchanges per address, across clients and both spellings of the endpoint', async () => {
    const [other, third] = [await clientTokenOf(t, otherClient), await clientTokenOf(t, thirdClient)];
    const ip = '198.51.100.30';
    const { sent, last } = await untilLimited(12, (index) =>
      exchangeFrom(t, ip, index % 2 ? third : other, index % 3 ? '/oauth2/token' : '/oauth2/onetime/authorize'),
    );
    // Each client made at most three calls: only the address's count can have run out.
    expect(sent).toBe(limits.exchangePerClient.limit + 1);
    expectRateLimited(last, limits.exchangePerClient.windowSeconds);
    expect((await exchangeFrom(t, '198.51.100.31', other)).body.code).toBe('INVALID_OT_TOKEN');
  });

  it('limits token exchanges per client, across addresses', async () => {
    const ctrader = await crmApiToken(t);
    const { sent, last } = await untilLimited(12, (index) =>
      exchangeFrom(t, `198.51.100.${40 + index}`, ctrader, index % 2 ? '/oauth2/token' : '/oauth2/onetime/authorize'),
    );
    expect(sent).toBe(limits.exchangePerClient.limit + 1);
    expectRateLimited(last, limits.exchangePerClient.windowSeconds);
    // Another client is not held back by this one.
    expect((await exchangeFrom(t, '198.51.100.60', await clientTokenOf(t, thirdClient))).body.code).toBe(
      'INVALID_OT_TOKEN',
    );
  });

  it('limits reset mails per address', async () => {
    const sender = new Client(t.url, '198.51.100.70');
    const { last } = await untilLimited(30, (index) =>
      sender.call('POST', '/api/auth/password-reset', { email: `reset-${index}@example.com` }),
    );
    expectRateLimited(last, 24 * 3600);
    expect(
      (
        await new Client(t.url, '198.51.100.71').call('POST', '/api/auth/password-reset', {
          email: 'reset-x@example.com',
        })
      ).status,
    ).toBe(204);
  });

  it('limits reset mails per address book entry, alike for a known and an unknown email (no enumeration)', async () => {
    await ssoUser(t, 'reset-known@example.com');
    const countFor = async (email: string, base: number) =>
      untilLimited(10, (index) =>
        new Client(t.url, `198.51.100.${base + index}`).call('POST', '/api/auth/password-reset', { email }),
      );
    const known = await countFor('reset-known@example.com', 80);
    const unknown = await countFor('reset-unknown@example.com', 100);
    expect(known.sent).toBe(limits.passwordResetPerAccount.limit + 1);
    expect(unknown.sent).toBe(known.sent);
    expectRateLimited(known.last, limits.passwordResetPerAccount.windowSeconds);
    expectRateLimited(unknown.last, limits.passwordResetPerAccount.windowSeconds);
  });
});

describe('POST /oauth2/logout', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  const logout = (headers: Record<string, string> = {}) =>
    fetch(`${t.url}/oauth2/logout`, { method: 'POST', headers, redirect: 'manual' });
  const me = (authorization: string) => fetch(`${t.url}/api/me`, { headers: { authorization } });

  it("ends the platform's access token, and only it", async () => {
    const { token, client, userId } = await ssoUser(t, 'logout-bearer@example.com');
    const { accessToken } = (await exchange(t, token, await crmApiToken(t))).body;
    expect((await me(`Bearer ${accessToken}`)).status).toBe(200);
    const reply = await logout({ authorization: `Bearer ${accessToken}` });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    const after = await me(`Bearer ${accessToken}`);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe('SESSION_EXPIRED');
    // The screens' session of the same user is another credential: it stays.
    expect((await client.call('GET', '/api/me')).status).toBe(200);
    // Again: nothing left to end, still 204.
    expect((await logout({ authorization: `Bearer ${accessToken}` })).status).toBe(204);
    const entry = t.server.deps.stores.audit
      .list({})
      .filter((item) => item.event === 'logout')
      .at(-1);
    expect(entry).toMatchObject({ outcome: 'success', detail: { accessToken: true } });
    expect(JSON.stringify(entry)).not.toContain(accessToken);
    expect(userId).toBeGreaterThan(0);
  });

  it("ends the screens' session on the server and clears its cookie", async () => {
    const { client } = await ssoUser(t, 'logout-cookie@example.com');
    const cookie = client.cookie;
    const reply = await client.call('POST', '/oauth2/logout');
    expect(reply.status).toBe(204);
    expect(reply.headers.get('set-cookie')).toMatch(/^bk_session=; Max-Age=0; Path=\//);
    // Replaying the old cookie does not bring the session back: it ended on the server, not only in the browser.
    const replayed = new Client(t.url);
    replayed.cookie = cookie;
    expect((await replayed.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
  });

  it('answers 204 with no credential, and ends nothing for a malformed one', async () => {
    const { token, client } = await ssoUser(t, 'logout-none@example.com');
    const { accessToken } = (await exchange(t, token, await crmApiToken(t))).body;
    // From a screen with no session left: nothing to end. A bare request without the kit header is refused.
    expect((await new Client(t.url).call('POST', '/oauth2/logout')).status).toBe(204);
    expect((await logout()).status).toBe(403);
    for (const authorization of [`Bearer ${accessToken}x`, `Bearer ${accessToken.slice(1)}`, `Basic ${accessToken}`])
      expect((await logout({ authorization })).status).toBe(204);
    expect((await me(`Bearer ${accessToken}`)).status).toBe(200);
    expect((await client.call('GET', '/api/me')).status).toBe(200);
  });

  it('refuses a cookie-carrying logout from another site or without the kit header (logout CSRF)', async () => {
    const { client } = await ssoUser(t, 'logout-csrf@example.com');
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      { 'x-broker-kit': '' },
      { origin: 'null' },
    ]) {
      const reply = await client.call('POST', '/oauth2/logout', undefined, headers);
      expect(reply).toMatchObject({ status: 403, body: { code: 'CH_INSUFFICIENT_PERMISSIONS' } });
    }
    expect((await client.call('GET', '/api/me')).status).toBe(200);
  });

  it('answers only POST: a GET (a link, an image) ends nothing', async () => {
    const { client } = await ssoUser(t, 'logout-get@example.com');
    const reply = await client.call('GET', '/oauth2/logout');
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect((await client.call('GET', '/api/me')).status).toBe(200);
  });
});

describe('/oauth2/onetime/authorize answers with the public codes', () => {
  let t: TestServer;
  let clientToken: string;
  beforeAll(async () => {
    t = await startTestServer();
    clientToken = await crmApiToken(t);
  });
  afterAll(() => t.close());

  it('answers 410 CID_TOKEN_EXPIRED one second after the lifetime, and exchanges one second before it', async () => {
    const early = await ssoUser(t, 'cid-early@example.com');
    const late = await ssoUser(t, 'cid-late@example.com');
    t.advance(5 * 60_000 - 1000);
    try {
      expect((await exchange(t, early.token, clientToken, '/oauth2/onetime/authorize')).status).toBe(200);
      t.advance(2000);
      const expired = await exchange(t, late.token, clientToken, '/oauth2/onetime/authorize');
      expect(expired.status).toBe(410);
      expect(errorBodySchema.parse(expired.body)).toMatchObject({ code: 'CID_TOKEN_EXPIRED' });
      expect(expired.headers.get('cache-control')).toBe('no-store');
      // The seed spelling answers its own code for the same state.
      expect((await exchange(t, late.token, clientToken)).body.code).toBe('TOKEN_EXPIRED');
      const audit = t.server.deps.stores.audit.list({}).filter((entry) => entry.userId === late.userId);
      expect(audit).toContainEqual(
        expect.objectContaining({
          event: 'token.redeem',
          outcome: 'failure',
          detail: expect.objectContaining({ reason: 'expired' }),
        }),
      );
    } finally {
      t.advance(-(5 * 60_000 + 1000));
    }
  });

  it('answers 417 CID_NON_EXISTED_TOKEN for a token never issued', async () => {
    const reply = await exchange(t, 'z'.repeat(43), clientToken, '/oauth2/onetime/authorize');
    expect(reply.status).toBe(417);
    expect(errorBodySchema.parse(reply.body).code).toBe('CID_NON_EXISTED_TOKEN');
  });
});

describe('audit trail of money and KYC (SECURITY 13)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(() => t.close());

  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
  const entriesOf = (userId: number) => t.server.deps.stores.audit.list({}).filter((entry) => entry.userId === userId);

  it('records each deposit, withdrawal and balance change: who, what, when, where, outcome, and the reference', async () => {
    const { client, userId, login } = await ssoUser(t, 'audit-money@example.com');
    const pay = (direction: string, amount: string, key: string, methodId = 'card') =>
      client.call('POST', '/api/payments', {
        direction,
        account: login,
        methodId,
        amount,
        currency: 'USD',
        idempotencyKey: key,
      });
    const deposit = await pay('deposit', '120.5', 'audit-dep-001');
    expect(deposit.body.status).toBe('completed');
    const declined = await pay('deposit', '20', 'audit-dep-002', 'card-declined');
    expect(declined.body.status).toBe('failed');
    const withdrawal = await pay('withdraw', '20.25', 'audit-wd-001');
    expect(withdrawal.body.status).toBe('completed');
    expect((await pay('withdraw', '300', 'audit-wd-002')).body.code).toBe('INSUFFICIENT_FUNDS');
    t.platform.failing.add('/webserv');
    const unreachable = await pay('withdraw', '20', 'audit-wd-003');
    t.platform.failing.clear();
    expect(unreachable.body.status).toBe('failed');

    const money = entriesOf(userId).filter((entry) => entry.event.startsWith('payment.'));
    expect(money.map((entry) => `${entry.event}:${entry.outcome}`)).toEqual([
      'payment.deposit:success',
      'payment.deposit:failure',
      'payment.withdraw:success',
      'payment.withdraw:failure',
      'payment.withdraw:failure',
    ]);
    for (const entry of money) {
      expect(entry).toMatchObject({ userId, ip: client.ip, at: expect.any(Number) });
      expect(entry.detail?.account).toBe(login);
    }
    expect(money[0]!.detail).toMatchObject({ amount: '120.50', currency: 'USD', reference: deposit.body.reference });
    expect(money[2]!.detail).toMatchObject({ amount: '20.25', currency: 'USD', reference: withdrawal.body.reference });
    expect(money[3]!.detail).toMatchObject({ reason: 'insufficient-funds' });
    // Every balance change the platform was asked for is the one the audit entry names.
    const changes = t.platform.calls.filter((call) => call.path === `/webserv/traders/${login}/changebalance`);
    expect(changes.map((call) => (call.body as { comment: string }).comment)).toEqual(
      expect.arrayContaining([deposit.body.reference, withdrawal.body.reference]),
    );
    for (const change of changes) {
      const { comment, type } = change.body as { comment: string; type: string };
      const entry = money.find((item) => item.detail?.reference === comment);
      expect(entry?.event).toBe(type === 'DEPOSIT' ? 'payment.deposit' : 'payment.withdraw');
    }
  });

  it('records each KYC step, document and submission without the personal data or the file', async () => {
    const { client, userId, token } = await ssoUser(t, 'audit-kyc@example.com');
    const personal = {
      firstName: 'Zebulon',
      lastName: 'Quimbyfield',
      dateOfBirth: '1971-02-03',
      nationality: 'GB',
    };
    const address = { line1: '42 Secretstreet', city: 'Hiddenville', postalCode: 'ZZ9 9ZZ', country: 'GB' };
    expect((await client.call('PUT', '/api/kyc/step', { step: 'personal', data: personal })).status).toBe(200);
    expect((await client.call('PUT', '/api/kyc/step', { step: 'address', data: address })).status).toBe(200);
    const upload = async (documentType: string) => {
      const form = new FormData();
      form.set('documentType', documentType);
      form.set('file', new Blob([png as BlobPart]), 'zebulon-passport-scan.png');
      return client.call('POST', '/api/kyc/documents', form);
    };
    await upload('passport');
    const extra = await upload('selfie');
    expect((await client.call('DELETE', `/api/kyc/documents/${extra.body.id}`)).status).toBe(200);
    await upload('proof_of_address');
    expect((await client.call('POST', '/api/kyc/submit', { idempotencyKey: 'audit-kyc-01' })).body.status).toBe(
      'pending',
    );

    const events = ['kyc.step', 'kyc.document.upload', 'kyc.document.remove', 'kyc.submit'];
    const kyc = entriesOf(userId).filter((entry) => events.includes(entry.event));
    expect(kyc.map((entry) => `${entry.event}:${entry.outcome}`)).toEqual([
      'kyc.step:success',
      'kyc.step:success',
      'kyc.document.upload:success',
      'kyc.document.upload:success',
      'kyc.document.remove:success',
      'kyc.document.upload:success',
      'kyc.submit:success',
    ]);
    expect(kyc[0]!.detail).toMatchObject({ step: 'personal' });
    expect(kyc[1]!.detail).toMatchObject({ step: 'address' });
    expect(kyc[2]!.detail).toMatchObject({ documentType: 'passport', size: png.length, mimeType: 'image/png' });
    for (const entry of kyc) expect(entry).toMatchObject({ userId, ip: client.ip, at: expect.any(Number) });

    const exported = JSON.stringify(entriesOf(userId));
    const secrets = [
      token,
      client.cookie.split('=')[1]!,
      'correct horse battery 9',
      'audit-kyc@example.com',
      ...Object.values(personal).filter((value) => value !== 'GB'),
      ...Object.values(address).filter((value) => value !== 'GB'),
      'zebulon-passport-scan',
    ];
    for (const secret of secrets) expect(exported, secret).not.toContain(secret);
    const logged = t.logs.join('\n');
    for (const secret of secrets) expect(logged, secret).not.toContain(secret);
  });
});
