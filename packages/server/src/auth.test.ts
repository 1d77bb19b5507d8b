// Identity: handoff validation, SSO login and signup, sessions and cookies, CSRF, rate limits, passwords,
// fail-closed (SECURITY 3, 9, 10, 11, 12, 14, 15).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authResultSchema, userProfileSchema, validatedTokenSchema } from '@broker-kit/core/adapter/schemas.ts';
import {
  rawRequest,
  Client,
  crmApiToken,
  exchange,
  signupBody,
  ssoUser,
  startTestServer,
  type TestServer,
} from './test/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

describe('validate-token (handoff, seed 001)', () => {
  it('redeems a platform token through the platform client and opens a session of its own', async () => {
    const token = t.platform.issueInAppToken({
      userId: 777,
      email: 'Trader@Example.com',
      tradingLogin: 9001,
      action: 'deposit',
    });
    const client = new Client(t.url);
    const reply = await client.call('POST', '/api/validate-token', { token, action: 'deposit' });
    expect(reply.status).toBe(200);
    const body = validatedTokenSchema.parse(reply.body);
    expect(body).toMatchObject({
      valid: true,
      userId: 777,
      email: 'trader@example.com',
      tradingLogin: 9001,
      action: 'deposit',
    });
    expect(t.platform.calls.at(-1)).toMatchObject({
      path: '/ctid2/inAppOneTimeToken/validate',
      body: { token },
      authorization: 'Bearer test-manager-token',
    });
    expect(reply.headers.get('set-cookie')).toMatch(
      /^bk_session=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; HttpOnly; SameSite=Lax$/,
    );
    // Later calls run on the session, never on the token again.
    const me = await client.call('GET', '/api/me');
    expect(userProfileSchema.parse(me.body).accounts.map((account) => account.login)).toEqual([9001]);

    // Replay: rejected, and the session it opened ends (SECURITY 6).
    const replay = await new Client(t.url).call('POST', '/api/validate-token', { token });
    expect(replay.body.code).toBe('INVALID_OT_TOKEN');
    expect((await client.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
  });

  it('answers every token error code with the seed body', async () => {
    const missing = await new Client(t.url).call('POST', '/api/validate-token', {});
    expect(missing).toMatchObject({
      status: 400,
      body: { code: 'MISSING_REQUIRED_PARAMETER', error: expect.any(String), message: expect.any(String) },
    });
    const unknown = await new Client(t.url).call('POST', '/api/validate-token', { token: 'never-issued-token' });
    expect(unknown).toMatchObject({ status: 401, body: { code: 'INVALID_OT_TOKEN' } });
    const expired = t.platform.issueInAppToken({ userId: 778, expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect((await new Client(t.url).call('POST', '/api/validate-token', { token: expired })).body.code).toBe(
      'TOKEN_EXPIRED',
    );
    const noUser = t.platform.issueInAppToken({ userId: 779, email: '' });
    expect((await new Client(t.url).call('POST', '/api/validate-token', { token: noUser })).body).toMatchObject({
      code: 'USER_NOT_FOUND',
    });
    t.platform.failing.add('/ctid2');
    const down = await new Client(t.url).call('POST', '/api/validate-token', {
      token: t.platform.issueInAppToken({ userId: 780 }),
    });
    t.platform.failing.clear();
    expect(down).toMatchObject({ status: 502, body: { code: 'PLATFORM_UNAVAILABLE' } });
  });

  it('checks the shape before touching the store: no platform call for bad input (SECURITY 11)', async () => {
    const before = t.platform.calls.length;
    const bad: unknown[] = [
      { token: 'a' },
      { token: 'x'.repeat(10_000) },
      { token: ['a', 'b'] },
      { token: { $ne: 1 } },
      { token: 'abc\u0000defgh' },
      { token: 'abc%0d%0adefgh' },
      { token: 'ａｂｃｄｅｆｇｈｉ' },
      { token: 123456789 },
    ];
    for (const body of bad) {
      const reply = await new Client(t.url).call('POST', '/api/validate-token', body);
      expect([400, 401]).toContain(reply.status);
      expect(['INVALID_OT_TOKEN', 'INVALID_REQUEST']).toContain(reply.body.code);
    }
    const huge = await rawRequest(`${t.url}/api/validate-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-broker-kit': '1' },
      body: JSON.stringify({ token: 'x'.repeat(1024 * 1024) }),
    });
    expect(huge).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    const notJson = await new Client(t.url).call('POST', '/api/validate-token', 'token=a&token=b', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(notJson.body.code).toBe('INVALID_REQUEST');
    expect(t.platform.calls.length).toBe(before);
  });

  it('rate-limits token guesses per address without locking out the real user (SECURITY 9)', async () => {
    const guesser = new Client(t.url, '203.0.113.9');
    const replies = [];
    for (let index = 0; index < 31; index++)
      replies.push(await guesser.call('POST', '/api/validate-token', { token: `guess-${index}-abcdefgh` }));
    const limited = replies.at(-1)!;
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const real = await new Client(t.url, '198.51.100.7').call('POST', '/api/validate-token', {
      token: t.platform.issueInAppToken({ userId: 781 }),
    });
    expect(real.status).toBe(200);
  });
});

describe('SSO login and signup (seed 002)', () => {
  it('signs up through the platform manager API and asks for an account first', async () => {
    const client = new Client(t.url);
    const calls = t.platform.calls.length;
    const reply = await client.call('POST', '/api/auth/signup', signupBody('new@example.com'));
    const result = authResultSchema.parse(reply.body);
    expect(result.status).toBe('account-required');
    const made = t.platform.calls.slice(calls).map((call) => call.path);
    expect(made).toEqual(['/ctid/users', `/ctid/users/${result.userId}/agreement`]);
    const created = await client.call('POST', '/api/accounts', {
      accountTypeId: 'standard',
      environment: 'demo',
      currency: 'EUR',
      leverage: 30,
      idempotencyKey: 'key-12345678',
    });
    expect(created.body).toMatchObject({
      userId: result.userId,
      account: { environment: 'demo', currency: 'EUR', leverage: 30 },
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(t.platform.calls.slice(-2).map((call) => call.path)).toEqual([
      '/ctid/traders',
      `/ctid/users/${result.userId}/traders/${created.body.account.login}`,
    ]);
    // Same idempotency key: the same account, not a second one.
    const again = await client.call('POST', '/api/accounts', {
      accountTypeId: 'standard',
      environment: 'demo',
      currency: 'EUR',
      leverage: 30,
      idempotencyKey: 'key-12345678',
    });
    expect(again.body.account.login).toBe(created.body.account.login);
    expect((await client.call('POST', '/api/auth/signup', signupBody('NEW@example.com'))).body.code).toBe(
      'EMAIL_TAKEN',
    );
    const invalid = await client.call(
      'POST',
      '/api/auth/signup',
      signupBody('not-an-email', { password: 'short', country: 'gbr' }),
    );
    expect(invalid).toMatchObject({
      status: 422,
      body: { code: 'VALIDATION_FAILED', fields: { email: 'invalid', password: 'too_short', country: 'invalid' } },
    });
    expect(
      (
        await client.call('POST', '/api/accounts', {
          accountTypeId: 'raw',
          environment: 'demo',
          currency: 'USD',
          leverage: 100,
          idempotencyKey: 'key-87654321',
        })
      ).body,
    ).toMatchObject({ code: 'VALIDATION_FAILED', fields: { environment: 'invalid' } });
  });

  it('logs in with a fresh session id, HttpOnly SameSite cookie, and a complete result (SECURITY 15)', async () => {
    const { client } = await ssoUser(t, 'login@example.com');
    const before = client.cookie;
    const login = await client.call('POST', '/api/auth/login', {
      email: 'Login@Example.com',
      password: 'correct horse battery 9',
      keepLoggedIn: true,
    });
    expect(authResultSchema.parse(login.body)).toMatchObject({ status: 'complete' });
    expect(client.cookie).not.toBe(before);
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Lax/);
    const old = new Client(t.url);
    old.cookie = before;
    expect((await old.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
    expect((await client.call('GET', '/api/me')).status).toBe(200);
  });

  it('ends a session when its lifetime has passed on the server clock', async () => {
    const { client } = await ssoUser(t, 'lifetime@example.com');
    t.advance(59 * 60_000);
    expect((await client.call('GET', '/api/me')).status).toBe(200);
    t.advance(2 * 60_000);
    expect((await client.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
    t.advance(-61 * 60_000);
  });

  it('uses __Host- with Secure over https, and refuses sessions on plain http elsewhere than loopback', async () => {
    const token = t.platform.issueInAppToken({ userId: 790 });
    const https = await new Client(t.url).call(
      'POST',
      '/api/validate-token',
      { token },
      { 'x-forwarded-proto': 'https', origin: 'https://127.0.0.1' },
    );
    expect(https.status).toBe(403); // origin is not ours: CSRF check first
    const secure = await new Client(t.url).call(
      'POST',
      '/api/validate-token',
      { token: t.platform.issueInAppToken({ userId: 791 }) },
      { 'x-forwarded-proto': 'https' },
    );
    // In-app sessions may be framed by the configured client area: SameSite=None, partitioned.
    expect(secure.headers.get('set-cookie')).toMatch(
      /^__Host-bk_session=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=None; Partitioned$/,
    );
    const login = await new Client(t.url).call(
      'POST',
      '/api/auth/login',
      { email: 'login@example.com', password: 'correct horse battery 9', keepLoggedIn: true },
      { 'x-forwarded-proto': 'https' },
    );
    expect(login.headers.get('set-cookie')).toMatch(
      /^__Host-bk_session=[A-Za-z0-9_-]{43}; Max-Age=3600; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    const elsewhere = await rawRequest(`${t.url}/api/validate-token`, {
      method: 'POST',
      headers: {
        host: 'crm.example.org',
        origin: 'http://crm.example.org',
        'content-type': 'application/json',
        'x-broker-kit': '1',
      },
      body: JSON.stringify({ token: t.platform.issueInAppToken({ userId: 792 }) }),
    });
    // Another host name than the public URL's is refused before anything else (421 Misdirected Request).
    expect(elsewhere.headers.get('set-cookie')).toBeNull();
    expect(elsewhere.status).toBe(421);
  });

  // The same work for both (one scrypt each) is checked in crypto-sources.test.ts; the times are in `npm run bench`.
  it('answers wrong password and unknown account alike (SECURITY 14)', async () => {
    await ssoUser(t, 'timing@example.com');
    const login = (email: string) =>
      new Client(t.url).call('POST', '/api/auth/login', { email, password: 'wrong password!', keepLoggedIn: false });
    const wrong = await login('timing@example.com');
    const unknown = await login('nobody@example.com');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect([...wrong.headers.keys()].sort()).toEqual([...unknown.headers.keys()].sort());
    const stored = t.server.deps.stores.users.byEmail('timing@example.com')!.passwordHash!;
    expect(stored).toMatch(/^scrypt\$4096\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
  });

  it('rate-limits wrong passwords per account and address, with Retry-After (SECURITY 9)', async () => {
    await ssoUser(t, 'limited@example.com');
    const guesser = new Client(t.url);
    let last;
    for (let index = 0; index < 11; index++)
      last = await guesser.call('POST', '/api/auth/login', {
        email: 'limited@example.com',
        password: 'wrong password!',
        keepLoggedIn: false,
      });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses cookie-carrying changes without the kit header or from another origin (CSRF, SECURITY 15)', async () => {
    const body = JSON.stringify({ email: 'x@example.com', password: 'whatever123', keepLoggedIn: false });
    for (const headers of <Record<string, string>[]>[
      { 'x-broker-kit': '' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: `${t.url}.evil.example` },
    ]) {
      const reply = await new Client(t.url).call('POST', '/api/auth/login', body, headers);
      expect(reply).toMatchObject({ status: 403, body: { code: 'CH_INSUFFICIENT_PERMISSIONS' } });
    }
    // A foreign Authorization header does not skip the check and then ride on the cookie: refused as cross-site.
    const { client } = await ssoUser(t, 'csrf@example.com');
    const riding = await client.call(
      'POST',
      '/api/auth/change-email',
      { newEmail: 'x@example.com', password: 'correct horse battery 9' },
      { authorization: 'Basic eDp5', 'x-broker-kit': '', origin: 'https://evil.example' },
    );
    expect(riding.body.code).toBe('CH_INSUFFICIENT_PERMISSIONS');
    const embedded = await new Client(t.url).call('POST', '/api/auth/login', body, {
      origin: 'https://client.broker.example',
    });
    expect(embedded.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('changes password (ending other sessions) and email, resets and logs out', async () => {
    const { client, token } = await ssoUser(t, 'upkeep@example.com');
    const access = (await exchange(t, token, await crmApiToken(t))).body.accessToken;
    expect(
      (
        await client.call('POST', '/api/auth/change-password', {
          currentPassword: 'nope',
          newPassword: 'another good one 2',
        })
      ).body.code,
    ).toBe('INVALID_CREDENTIALS');
    expect(
      (
        await client.call('POST', '/api/auth/change-password', {
          currentPassword: 'correct horse battery 9',
          newPassword: 'short',
        })
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (
        await client.call('POST', '/api/auth/change-password', {
          currentPassword: 'correct horse battery 9',
          newPassword: 'another good one 2',
        })
      ).status,
    ).toBe(204);
    expect((await fetch(`${t.url}/api/me`, { headers: { authorization: `Bearer ${access}` } })).status).toBe(401);
    expect(
      (
        await client.call('POST', '/api/auth/change-email', {
          newEmail: 'login@example.com',
          password: 'another good one 2',
        })
      ).body.code,
    ).toBe('EMAIL_TAKEN');
    expect(
      (
        await client.call('POST', '/api/auth/change-email', {
          newEmail: 'moved@example.com',
          password: 'another good one 2',
        })
      ).body,
    ).toEqual({ email: 'moved@example.com', verificationRequired: false });
    expect((await client.call('POST', '/api/auth/password-reset', { email: 'moved@example.com' })).status).toBe(204);
    expect((await client.call('POST', '/api/auth/password-reset', { email: 'ghost@example.com' })).status).toBe(204);
    expect((await client.call('POST', '/api/auth/logout')).status).toBe(204);
    expect((await client.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
  });
});

describe('configuration', () => {
  it('disables SSO-only endpoints and modules under handoff (seed 000)', async () => {
    const handoff = await startTestServer({ core: { identityMode: 'ot-handoff', modules: ['deposit-withdrawal'] } });
    try {
      const login = await new Client(handoff.url).call('POST', '/api/auth/login', {
        email: 'a@example.com',
        password: 'whatever123',
        keepLoggedIn: false,
      });
      expect(login).toMatchObject({ status: 403, body: { code: 'MODULE_DISABLED' } });
      const client = new Client(handoff.url);
      await client.call('POST', '/api/validate-token', {
        token: handoff.platform.issueInAppToken({ userId: 5, tradingLogin: 77, action: 'deposit' }),
      });
      expect((await client.call('GET', '/api/kyc')).body.code).toBe('MODULE_DISABLED');
      expect((await client.call('GET', '/api/payments/options?direction=deposit&account=77')).status).toBe(200);
    } finally {
      await handoff.close();
    }
  });
});

describe('platform client', () => {
  it('uses configured manager API paths, and answers TIMEOUT when the platform is slow', async () => {
    const custom = await startTestServer({
      server: { platformPaths: { createUser: 'POST /oauth2/ctid/create' } },
      settings: { platformTimeoutMs: 300 },
    });
    try {
      const reply = await new Client(custom.url).call('POST', '/api/auth/signup', signupBody('paths@example.com'));
      expect(reply.body.status).toBe('account-required');
      expect(custom.platform.calls[0]).toMatchObject({ method: 'POST', path: '/oauth2/ctid/create' });
      custom.platform.slow.add('/oauth2/ctid/create');
      const slow = await new Client(custom.url).call('POST', '/api/auth/signup', signupBody('slow@example.com'));
      expect(slow).toMatchObject({ status: 504, body: { code: 'TIMEOUT' } });
      // Nothing half-made: the address is still free once the platform answers again.
      custom.platform.slow.clear();
      expect(
        (await new Client(custom.url).call('POST', '/api/auth/signup', signupBody('slow@example.com'))).status,
      ).toBe(200);
    } finally {
      await custom.close();
    }
  });
});

describe('fail closed (SECURITY 12)', () => {
  it('answers "invalid", never "valid", when the store is down', async () => {
    const broken = await startTestServer();
    const { token } = await ssoUser(broken, 'down@example.com');
    const clientToken = await crmApiToken(broken);
    broken.server.deps.stores.db.close();
    const reply = await exchange(broken, token, clientToken);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.body.accessToken).toBeUndefined();
    const validate = await new Client(broken.url).call('POST', '/api/validate-token', { token: 'a'.repeat(43) });
    expect(validate).toMatchObject({ status: 401, body: { code: 'INVALID_OT_TOKEN' } });
    await broken.platform.close();
    await broken.server.close().catch(() => undefined);
  });
});
