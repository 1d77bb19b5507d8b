// SECURITY 1–7 and 12: one-time tokens and their exchange, against the real server and a real SQLite file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema } from '@broker-kit/core/errors.ts';
import { parseBrokerConfig } from './config.ts';
import { hashToken } from './crypto.ts';
import {
  Client,
  crmApiToken,
  crmPassword,
  exchange,
  signupBody,
  ssoUser,
  startTestServer,
  type TestServer,
} from './test/harness.ts';

let t: TestServer;
let clientToken: string;
beforeAll(async () => {
  t = await startTestServer();
  clientToken = await crmApiToken(t);
});
afterAll(() => t.close());

describe('issue (SECURITY 1, 2)', () => {
  it('issues 32 random bytes as base64url, never twice the same', async () => {
    const tokens = new Set<string>();
    const { client } = await ssoUser(t, 'issue@example.com');
    for (let index = 0; index < 20; index++) {
      const reply = await client.call('POST', '/api/platform-web/token', {});
      expect(reply.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(reply.body.token, 'base64url')).toHaveLength(32);
      tokens.add(reply.body.token);
    }
    expect(tokens.size).toBe(20);
  });

  it('stores only the SHA-256 digest: the token is nowhere in the database file', async () => {
    const { token } = await ssoUser(t, 'hash@example.com');
    const db = new Database(join(t.dir, 'nested', 'broker-kit.sqlite'), { readonly: true });
    const row = db.prepare('SELECT hash FROM tokens WHERE hash = ?').get(hashToken(token));
    const all = db.prepare('SELECT * FROM tokens').all();
    db.close();
    expect(row).toEqual({ hash: hashToken(token) });
    expect(JSON.stringify(all)).not.toContain(token);
    for (const file of ['broker-kit.sqlite', 'broker-kit.sqlite-wal']) {
      expect(readFileSync(join(t.dir, 'nested', file)).includes(Buffer.from(token))).toBe(false);
    }
  });
});

describe('exchange (SECURITY 3–7)', () => {
  it('exchanges an SSO token once for a working access token; no-store; both spellings', async () => {
    const { token, userId } = await ssoUser(t, 'exchange@example.com');
    const reply = await exchange(t, token, clientToken);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.body).toMatchObject({ userId, accessToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    const me = await fetch(`${t.url}/api/me`, { headers: { authorization: `Bearer ${reply.body.accessToken}` } });
    expect(((await me.json()) as { userId: number }).userId).toBe(userId);

    const second = await ssoUser(t, 'onetime@example.com');
    const publicSpelling = await exchange(t, second.token, clientToken, '/oauth2/onetime/authorize');
    expect(publicSpelling.status).toBe(200);
    expect(publicSpelling.body.userId).toBe(second.userId);
    const replay = await exchange(t, second.token, clientToken, '/oauth2/onetime/authorize');
    expect(replay.body.code).toBe('CID_NON_EXISTED_TOKEN');
    expect(replay.status).toBe(417);
  });

  it('answers only POST, only to an authenticated client, with standard error bodies', async () => {
    const { token } = await ssoUser(t, 'methods@example.com');
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const reply = await fetch(`${t.url}/oauth2/token?token=${token}`, { method });
      expect(reply.status).toBe(405);
      expect(reply.headers.get('allow')).toBe('POST');
      expect(errorBodySchema.safeParse(await reply.json()).success).toBe(true);
    }
    const noClient = await fetch(`${t.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    expect(noClient.status).toBe(403);
    expect(noClient.headers.get('cache-control')).toBe('no-store');
    expect(await noClient.json()).toMatchObject({
      code: 'CH_CLIENT_AUTH_FAILURE',
      error: expect.any(String),
      message: expect.any(String),
    });
    const wrongPassword = await fetch(`${t.url}/oauth2/crmApiToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'nope' }),
    });
    expect(((await wrongPassword.json()) as { code: string }).code).toBe('CH_CLIENT_AUTH_FAILURE');
    // The token survived all of that: the rightful client still exchanges it.
    expect((await exchange(t, token, clientToken)).status).toBe(200);
  });

  it('answers MISSING_REQUIRED_PARAMETER and INVALID_OT_TOKEN for missing and malformed tokens', async () => {
    expect((await exchange(t, '', clientToken)).body.code).toBe('MISSING_REQUIRED_PARAMETER');
    for (const bad of ['a', 'x'.repeat(42), 'x'.repeat(44), '%00', 'ａｂｃ'.repeat(15)]) {
      expect((await exchange(t, bad, clientToken)).body.code).toBe('INVALID_OT_TOKEN');
    }
    const arrayToken = await fetch(`${t.url}/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clientToken}` },
      body: JSON.stringify({ token: ['a', 'b'] }),
    });
    expect(((await arrayToken.json()) as { code: string }).code).toBe('INVALID_OT_TOKEN');
  });

  it('binds the token to its purpose, its client and its action (SECURITY 3)', async () => {
    const { token, client } = await ssoUser(t, 'binding@example.com');
    // An SSO login token is not an in-app token…
    const asInApp = await new Client(t.url).call('POST', '/api/validate-token', { token });
    expect(asInApp.body.code).toBe('INVALID_OT_TOKEN');
    // …nor redeemable by another client…
    await t.server.deps.stores.tokens.issue({
      hash: hashToken('o'.repeat(43)),
      purpose: 'sso-login',
      userId: 1000,
      clientId: 'someone-else',
      issuedAt: Date.now(),
      expiresAt: Date.now() + 60_000,
    });
    expect((await exchange(t, 'o'.repeat(43), clientToken)).body.code).toBe('INVALID_OT_TOKEN');
    // …and still works for its own purpose and client afterwards.
    expect((await exchange(t, token, clientToken)).status).toBe(200);

    // An in-app token for a deposit does not open a KYC screen.
    const access = (await exchange(t, (await ssoLogin(client, 'binding@example.com')).token, clientToken)).body
      .accessToken as string;
    const issued = await fetch(`${t.url}/api/inapp-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access}` },
      body: JSON.stringify({ action: 'deposit' }),
    });
    const inApp = ((await issued.json()) as { token: string }).token;
    expect(
      (await new Client(t.url).call('POST', '/api/validate-token', { token: inApp, action: 'kyc' })).body.code,
    ).toBe('INVALID_OT_TOKEN');
    expect(
      (await new Client(t.url).call('POST', '/api/validate-token', { token: inApp, action: 'deposit' })).status,
    ).toBe(200);
  });

  it('answers USER_NOT_FOUND when the user is gone after issue, and only the exact client password works (SECURITY 10)', async () => {
    const orphan = 'q'.repeat(43);
    const now = Date.now();
    await t.server.deps.stores.tokens.issue({
      hash: hashToken(orphan),
      purpose: 'sso-login',
      userId: 999_999,
      clientId: 'ctrader',
      issuedAt: now,
      expiresAt: now + 60_000,
    });
    expect(await exchange(t, orphan, clientToken)).toMatchObject({ status: 404, body: { code: 'USER_NOT_FOUND' } });
    for (const password of [crmPassword.slice(0, -1), `${crmPassword}x`, crmPassword.toUpperCase(), '']) {
      const reply = await fetch(`${t.url}/oauth2/crmApiToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password }),
      });
      expect(reply.status).toBe(403);
    }
  });

  it('expires by the server clock: valid one second before, TOKEN_EXPIRED one second after (SECURITY 4)', async () => {
    const early = await ssoUser(t, 'expiry-early@example.com');
    const late = await ssoUser(t, 'expiry-late@example.com');
    t.advance(5 * 60_000 - 1000);
    expect((await exchange(t, early.token, clientToken)).status).toBe(200);
    t.advance(2000);
    const expired = await exchange(t, late.token, clientToken);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('TOKEN_EXPIRED');
    t.advance(-(5 * 60_000 + 1000));
  });

  it('redeems one token exactly once under 50 parallel exchanges (SECURITY 5)', async () => {
    const { token } = await ssoUser(t, 'race@example.com');
    const replies = await Promise.all(Array.from({ length: 50 }, () => exchange(t, token, clientToken)));
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
    expect(replies.filter((reply) => reply.body.code === 'INVALID_OT_TOKEN')).toHaveLength(49);
  });

  it('rejects a replay, logs it, and revokes the access token the first use issued (SECURITY 6)', async () => {
    const { token } = await ssoUser(t, 'replay@example.com');
    const first = await exchange(t, token, clientToken);
    const me = () => fetch(`${t.url}/api/me`, { headers: { authorization: `Bearer ${first.body.accessToken}` } });
    expect((await me()).status).toBe(200);
    const replay = await exchange(t, token, clientToken);
    expect(replay.body.code).toBe('INVALID_OT_TOKEN');
    expect((await me()).status).toBe(401);
    const events = t.server.deps.stores.audit.list({}).filter((entry) => entry.event === 'token.replay');
    expect(events.at(-1)).toMatchObject({ outcome: 'failure', detail: { revoked: 1 } });
  });
});

describe('access token lifetime (seed 002: automatic re-login only with Keep me logged in)', () => {
  const hour = 3_600_000;
  const meStatus = async (accessToken: string) =>
    (await fetch(`${t.url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status;

  /** An existing user with an account logs in again; answers the OT token for the success URL. */
  async function loginToken(email: string, keepLoggedIn: boolean): Promise<string> {
    await ssoUser(t, email);
    const reply = await new Client(t.url).call('POST', '/api/auth/login', {
      email,
      password: 'correct horse battery 9',
      keepLoggedIn,
    });
    expect(reply.body.status).toBe('complete');
    return reply.body.token;
  }

  /** The access token works one second before `lifetimeMs` and is refused one second after. */
  async function expectLifetime(accessToken: string, lifetimeMs: number) {
    try {
      t.advance(lifetimeMs - 1000);
      expect(await meStatus(accessToken)).toBe(200);
      t.advance(2000);
      expect(await meStatus(accessToken)).toBe(401);
    } finally {
      t.advance(-(lifetimeMs + 1000));
    }
  }

  it('issues a 30-day access token when Keep me logged in was chosen', async () => {
    const token = await loginToken('keep-long@example.com', true);
    const reply = await exchange(t, token, clientToken);
    expect(reply.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 30 * 86_400, keepLoggedIn: true });
    await expectLifetime(reply.body.accessToken, 30 * 24 * hour);
  });

  it('issues a 12-hour access token otherwise, on both exchange endpoints', async () => {
    const token = await loginToken('keep-short@example.com', false);
    const reply = await exchange(t, token, clientToken, '/oauth2/onetime/authorize');
    expect(reply.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 12 * 3600, keepLoggedIn: false });
    await expectLifetime(reply.body.accessToken, 12 * hour);
  });

  it('carries the choice made at signup through account creation to the exchange', async () => {
    const client = new Client(t.url);
    await client.call('POST', '/api/auth/signup', signupBody('keep-signup@example.com', { keepLoggedIn: false }));
    const created = await client.call('POST', '/api/accounts', {
      accountTypeId: 'standard',
      environment: 'live',
      currency: 'USD',
      leverage: 100,
      idempotencyKey: 'acct-keep-signup',
    });
    const reply = await exchange(t, created.body.token, clientToken);
    expect(reply.body).toMatchObject({ expiresIn: 12 * 3600, keepLoggedIn: false });
  });

  it('takes both lifetimes from the configuration', () => {
    expect(parseBrokerConfig({}, 4000)).toMatchObject({ accessTokenTtlDays: 30, shortAccessTokenTtlHours: 12 });
    const custom = parseBrokerConfig({ server: { accessTokenTtlDays: 7, shortAccessTokenTtlHours: 2 } }, 4000);
    expect(custom).toMatchObject({ accessTokenTtlDays: 7, shortAccessTokenTtlHours: 2 });
  });
});

async function ssoLogin(client: Client, email: string): Promise<{ token: string }> {
  const reply = await client.call('POST', '/api/auth/login', {
    email,
    password: 'correct horse battery 9',
    keepLoggedIn: true,
  });
  return reply.body;
}
