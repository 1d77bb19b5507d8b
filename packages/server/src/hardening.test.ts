// Guarantees an attack round on the reference backend found missing, one block per finding, each naming the
// requirement of SECURITY.md it guards. Real app, real port, real SQLite file, fake platform.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from './app.ts';
import { developmentSecrets, refuseWeakSecrets, settingsFromEnv, type ServerSettings } from './config.ts';
import { errorTitles } from '@broker-kit/core/errors.ts';
import { hasInvisibleCharacters } from '@broker-kit/core/invisible-text.ts';
import { hashToken } from './crypto.ts';
import { forwardedClient, forwardedHttps } from './proxy.ts';
import {
  adminToken,
  Client,
  crmApiToken,
  exchange,
  rawRequest,
  signupBody,
  ssoUser,
  startTestServer,
  type Reply,
  type TestServer,
} from './test/harness.ts';

let t: TestServer;
let clientToken: string;
beforeAll(async () => {
  t = await startTestServer();
  clientToken = await crmApiToken(t);
});
afterAll(() => t.close());

/** A signed-up user with a trading account, and the platform's access token for them. */
async function platformUser(email: string) {
  const user = await ssoUser(t, email);
  const exchanged = await exchange(t, user.token, clientToken);
  expect(exchanged.status).toBe(200);
  return { ...user, accessToken: exchanged.body.accessToken as string };
}

async function inAppToken(accessToken: string, body: Record<string, unknown>): Promise<Reply> {
  const response = await fetch(`${t.url}/api/inapp-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

function accountRow(login: number): { user_id: number } | undefined {
  return t.server.deps.stores.db.prepare('SELECT user_id FROM accounts WHERE login = ?').get(login) as
    { user_id: number } | undefined;
}

/** Opens an in-app session for `action` the way the screens do: issue (platform) then validate (screen). */
async function inAppSession(accessToken: string, action: string): Promise<Client> {
  const issued = await inAppToken(accessToken, { action });
  expect(issued.status).toBe(200);
  const client = new Client(t.url);
  const validated = await client.call('POST', '/api/validate-token', { token: issued.body.token, action });
  expect(validated.status).toBe(200);
  return client;
}

describe('broker-issued in-app tokens never create or claim a trading account (SECURITY 3)', () => {
  it('refuses to issue a token for a login the broker has not tied to the caller', async () => {
    const attacker = await platformUser('claimer@example.com');
    const victim = await platformUser('claimed@example.com');
    const unseen = victim.login + 1000;
    for (const tradingLogin of [victim.login, unseen]) {
      const reply = await inAppToken(attacker.accessToken, { action: 'deposit', tradingLogin });
      expect(reply).toMatchObject({ status: 403, body: { code: 'CH_INSUFFICIENT_PERMISSIONS' } });
    }
    expect(accountRow(unseen)).toBeUndefined();
    expect(accountRow(victim.login)).toEqual({ user_id: victim.userId });
    // The caller's own login still works, and the session it opens is bound to it.
    const own = await inAppToken(attacker.accessToken, { action: 'deposit', tradingLogin: attacker.login });
    expect(own.status).toBe(200);
    const session = await new Client(t.url).call('POST', '/api/validate-token', { token: own.body.token });
    expect(session.body).toMatchObject({ valid: true, userId: attacker.userId, tradingLogin: attacker.login });
  });

  it('does not pre-claim the next sequential login: the next user still gets their account', async () => {
    const attacker = await platformUser('preclaim@example.com');
    for (const offset of [1, 2, 3]) {
      const reply = await inAppToken(attacker.accessToken, {
        action: 'deposit',
        tradingLogin: attacker.login + offset,
      });
      expect(reply.status).toBe(403);
    }
    const next = await ssoUser(t, 'next-in-line@example.com');
    expect(next.login).toBe(attacker.login + 1);
    expect(accountRow(next.login)).toEqual({ user_id: next.userId });
  });

  it('a broker token naming an unseen or foreign login is refused at validation and writes no row', async () => {
    const owner = await platformUser('row-owner@example.com');
    const intruder = await platformUser('row-intruder@example.com');
    const now = Date.now();
    for (const [name, tradingLogin] of [
      ['u'.repeat(43), 987_654_321],
      ['v'.repeat(43), owner.login],
    ] as const) {
      // Written straight to the store, as a bug in issuance or a later change of ownership would leave it.
      await t.server.deps.stores.tokens.issue({
        hash: hashToken(name),
        purpose: 'in-app',
        userId: intruder.userId,
        clientId: 'broker-screens',
        action: 'deposit',
        tradingLogin,
        issuedAt: now,
        expiresAt: now + 60_000,
      });
      const reply = await new Client(t.url).call('POST', '/api/validate-token', { token: name, action: 'deposit' });
      expect(reply).toMatchObject({ status: 401, body: { code: 'INVALID_OT_TOKEN' } });
    }
    expect(accountRow(987_654_321)).toBeUndefined();
    expect(accountRow(owner.login)).toEqual({ user_id: owner.userId });
  });

  it("a platform token naming another user's login does not bind it", async () => {
    const owner = await platformUser('platform-owner@example.com');
    const token = t.platform.issueInAppToken({ userId: 4242, tradingLogin: owner.login, action: 'deposit' });
    const reply = await new Client(t.url).call('POST', '/api/validate-token', { token, action: 'deposit' });
    expect(reply.body.code).toBe('INVALID_OT_TOKEN');
    expect(accountRow(owner.login)).toEqual({ user_id: owner.userId });
  });
});

describe("an in-app session is limited to its token's action (SECURITY 3)", () => {
  it('a chat or invite session cannot move money or read KYC data', async () => {
    const user = await platformUser('scoped@example.com');
    const deposit = {
      direction: 'deposit',
      account: user.login,
      methodId: 'card',
      amount: '50',
      currency: 'USD',
      idempotencyKey: 'scoped-deposit-1',
    };
    for (const action of ['chat', 'invite']) {
      const client = await inAppSession(user.accessToken, action);
      for (const [method, path, body] of [
        ['POST', '/api/payments', deposit],
        ['POST', '/api/payments', { ...deposit, direction: 'withdraw' }],
        ['GET', `/api/payments/options?direction=deposit&account=${user.login}`, undefined],
        ['GET', '/api/kyc', undefined],
        ['POST', '/api/platform-web/token', {}],
        ['POST', '/api/auth/change-email', { password: 'x', newEmail: 'new@example.com' }],
      ] as const) {
        const reply = await client.call(method, path, body);
        expect({ action, path, status: reply.status, code: reply.body.code }).toEqual({
          action,
          path,
          status: 403,
          code: 'CH_INSUFFICIENT_PERMISSIONS',
        });
      }
      // Its own screen's calls and the shared ones still work.
      expect((await client.call('GET', '/api/me')).status).toBe(200);
      const own = action === 'chat' ? '/api/chat/messages' : '/api/invite';
      expect((await client.call('GET', own)).status).toBe(200);
    }
    const transactions = t.server.deps.stores.db
      .prepare('SELECT COUNT(*) AS n FROM transactions WHERE user_id = ?')
      .get(user.userId) as { n: number };
    expect(transactions.n).toBe(0);
  });

  it('a deposit session deposits but does not withdraw; a KYC session reads KYC', async () => {
    const user = await platformUser('directions@example.com');
    const depositSession = await inAppSession(user.accessToken, 'deposit');
    const body = (direction: string, key: string) => ({
      direction,
      account: user.login,
      methodId: 'card',
      amount: '50',
      currency: 'USD',
      idempotencyKey: key,
    });
    expect((await depositSession.call('POST', '/api/payments', body('withdraw', 'dir-withdraw-1'))).body.code).toBe(
      'CH_INSUFFICIENT_PERMISSIONS',
    );
    expect((await depositSession.call('POST', '/api/payments', body('deposit', 'dir-deposit-1'))).status).toBe(200);
    expect((await depositSession.call('GET', '/api/kyc')).status).toBe(403);
    const kycSession = await inAppSession(user.accessToken, 'kyc');
    expect((await kycSession.call('GET', '/api/kyc')).status).toBe(200);
    expect((await kycSession.call('POST', '/api/payments', body('deposit', 'dir-deposit-2'))).status).toBe(403);
  });
});

describe('guesses never lock out the real user; use is never limited like guessing (SECURITY 9)', () => {
  it('ten wrong passwords from another address do not lock the real user out', async () => {
    await ssoUser(t, 'lockout-target@example.com');
    const guesser = new Client(t.url, '203.0.113.66');
    const wrong = { email: 'lockout-target@example.com', password: 'wrong password!', keepLoggedIn: false };
    const answers: number[] = [];
    for (let index = 0; index < 11; index++)
      answers.push((await guesser.call('POST', '/api/auth/login', wrong)).status);
    expect(answers).toEqual([...Array<number>(10).fill(401), 429]);
    const right = { ...wrong, password: 'correct horse battery 9' };
    expect((await new Client(t.url, '203.0.113.67').call('POST', '/api/auth/login', right)).status).toBe(200);
  });

  it('successful exchanges do not count: after a burst of logins, the next user still exchanges', async () => {
    const limited = await startTestServer({
      server: { rateLimits: { exchangePerClient: { limit: 3, windowSeconds: 60 } } },
    });
    try {
      const client = await crmApiToken(limited);
      const send = (token: string) =>
        fetch(`${limited.url}/oauth2/token`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${client}`,
            'x-forwarded-for': '192.0.2.9',
          },
          body: JSON.stringify({ token }),
        }).then((reply) => reply.status);
      const users = [];
      for (let index = 0; index < 6; index++) users.push(await ssoUser(limited, `burst-${index}@example.com`));
      for (const user of users) expect(await send(user.token)).toBe(200);
      // Guesses do count, per client and per address, and are refused before they are judged.
      expect([await send('g'.repeat(43)), await send('h'.repeat(43)), await send('i'.repeat(43))]).toEqual([
        401, 401, 401,
      ]);
      const late = await ssoUser(limited, 'burst-late@example.com');
      expect(await send(late.token)).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('known default secrets are refused outside the demo (SECURITY 7, 10)', () => {
  const base = {
    managerToken: 'a-real-manager-token-0123456789',
    clients: [{ id: 'ctrader', password: 'a-real-crm-password-0123456789' }],
    adminToken: undefined,
    demo: false,
  };
  it('names the weak credential and starts with real ones, or with the demo flag', () => {
    expect(() => refuseWeakSecrets({ ...settingsFromEnv({}), ...base })).not.toThrow();
    for (const [change, name] of [
      [{ managerToken: developmentSecrets.managerToken }, 'MANAGER_TOKEN'],
      [{ clients: [{ id: 'ctrader', password: developmentSecrets.crmApiPassword }] }, 'CRM_API_PASSWORD'],
      [{ clients: [{ id: 'ctrader', password: 'short' }] }, 'CRM_API_PASSWORD'],
      [{ adminToken: 'admin' }, 'ADMIN_TOKEN'],
      [{ metricsToken: 'metrics' }, 'METRICS_TOKEN'],
    ] satisfies [Partial<ServerSettings>, string][]) {
      expect(() => refuseWeakSecrets({ ...settingsFromEnv({}), ...base, ...change })).toThrow(name);
      expect(() => refuseWeakSecrets({ ...settingsFromEnv({}), ...base, ...change, demo: true })).not.toThrow();
    }
    // The environment's defaults are the development ones: only DEMO=1 runs on them.
    expect(() => refuseWeakSecrets(settingsFromEnv({}))).toThrow('MANAGER_TOKEN');
    expect(() => refuseWeakSecrets(settingsFromEnv({ DEMO: '1' }))).not.toThrow();
  });

  it('startServer does not listen with a development secret', async () => {
    // Refused before the store is opened or a port is taken.
    const sqlitePath = join(tmpdir(), `bk-refused-${process.pid}`, 'never.sqlite');
    await expect(
      startServer({ settings: { ...base, managerToken: developmentSecrets.managerToken, port: 0, sqlitePath } }),
    ).rejects.toThrow('MANAGER_TOKEN');
    expect(existsSync(sqlitePath)).toBe(false);
  });
});

describe('TRUST_PROXY trusts a number of proxy hops, from the right (SECURITY 9, 13)', () => {
  it('reads the entry the outermost trusted proxy wrote, never one the client wrote', () => {
    expect(forwardedClient('198.51.100.1', 1)).toBe('198.51.100.1');
    expect(forwardedClient('6.6.6.6, 198.51.100.1', 1)).toBe('198.51.100.1');
    expect(forwardedClient('6.6.6.6, 198.51.100.1, 10.0.0.2', 2)).toBe('198.51.100.1');
    expect(forwardedClient('198.51.100.1', 3)).toBe('198.51.100.1');
    expect(forwardedClient('6.6.6.6', 0)).toBeUndefined();
    expect(forwardedClient(' , ', 1)).toBeUndefined();
    expect(forwardedHttps('http, https', 1)).toBe(true);
    expect(forwardedHttps('https, http', 1)).toBe(false);
    expect(forwardedHttps('https', 0)).toBe(false);
    expect(settingsFromEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(() => settingsFromEnv({ TRUST_PROXY: 'yes' })).toThrow('TRUST_PROXY');
  });

  it('a forged leftmost X-Forwarded-For neither escapes the per-address limit nor lands in the audit trail', async () => {
    const limited = await startTestServer({ server: { rateLimits: { loginPerIp: { limit: 3, windowSeconds: 300 } } } });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 4; index++) {
        const reply = await new Client(limited.url).call(
          'POST',
          '/api/auth/login',
          { email: `spoof-${index}@example.com`, password: 'wrong password!', keepLoggedIn: false },
          { 'x-forwarded-for': `203.0.113.${index}, 198.51.100.99` },
        );
        statuses.push(reply.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const logins = limited.server.deps.stores.audit.list({}).filter((entry) => entry.event === 'login');
      expect(logins.map((entry) => entry.ip)).toEqual(['198.51.100.99', '198.51.100.99', '198.51.100.99']);
    } finally {
      await limited.close();
    }
  });
});

describe('requests for another host name are refused (DNS rebinding; SECURITY 8, 18)', () => {
  it('answers 421 to a foreign Host, also on the dev outbox, and serves the public name', async () => {
    const dev = await startTestServer({ settings: { devOutbox: true } });
    try {
      const port = new URL(dev.url).port;
      const get = (path: string, host: string) =>
        rawRequest(`${dev.url}${path}`, { method: 'GET', headers: { host, accept: 'application/json' } });
      for (const host of [
        'rebind.attacker.example',
        `rebind.attacker.example:${port}`,
        `127.0.0.1:${Number(port) + 1}`,
      ]) {
        const outbox = await get('/dev/outbox', host);
        expect({ host, status: outbox.status }).toEqual({ host, status: 421 });
        expect(JSON.stringify(outbox.body)).not.toContain('messages');
      }
      expect((await get('/dev/outbox', `127.0.0.1:${port}`)).status).toBe(200);
      expect((await get('/dev/outbox', `localhost:${port}`)).status).toBe(200);
      // Behind a trusted proxy the proxy's X-Forwarded-Host is the name the browser used.
      const proxied = await rawRequest(`${dev.url}/broker-config.json`, {
        method: 'GET',
        headers: { host: `127.0.0.1:${port}`, 'x-forwarded-host': 'rebind.attacker.example' },
      });
      expect(proxied.status).toBe(421);
    } finally {
      await dev.close();
    }
  });
});

describe('an Authorization header does not switch the CSRF check off (SECURITY 15)', () => {
  it('a cross-site request with the session cookie and any Authorization is refused; the session lives on', async () => {
    const { client } = await ssoUser(t, 'csrf-bearer@example.com');
    for (const authorization of ['Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'Basic eDp5']) {
      for (const path of ['/api/auth/logout', '/oauth2/logout']) {
        const reply = await client.call('POST', path, undefined, {
          authorization,
          'x-broker-kit': '',
          origin: 'https://evil.example',
        });
        expect({ path, status: reply.status }).toEqual({ path, status: 403 });
      }
    }
    expect((await client.call('GET', '/api/me')).status).toBe(200);
  });
});

describe('isolation headers on every answer; HSTS over https (SECURITY 16)', () => {
  it('pages, API answers and errors carry COOP, CORP, Permissions-Policy; HSTS only when the scheme is https', async () => {
    const client = new Client(t.url);
    for (const path of ['/', '/api/me', '/no-such-path', '/broker-config.json']) {
      const { headers } = await client.call('GET', path);
      expect({
        path,
        coop: headers.get('cross-origin-opener-policy'),
        corp: headers.get('cross-origin-resource-policy'),
        permissions: headers.get('permissions-policy'),
        nosniff: headers.get('x-content-type-options'),
        hsts: headers.get('strict-transport-security'),
      }).toEqual({
        path,
        coop: 'same-origin',
        corp: 'same-origin',
        permissions: expect.stringContaining('camera=()'),
        nosniff: 'nosniff',
        hsts: null,
      });
      const https = await client.call('GET', path, undefined, { 'x-forwarded-proto': 'https' });
      expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    }
  });
});

describe('validate-token answers seed 001 verdicts only, with the seed texts (SECURITY 7, 12)', () => {
  it('maps whatever the platform answered to INVALID_OT_TOKEN, TOKEN_EXPIRED or USER_NOT_FOUND', async () => {
    const cases = [
      [417, 'CID_NON_EXISTED_TOKEN', 401, 'INVALID_OT_TOKEN', 'The provided token is invalid or expired'],
      [410, 'CID_TOKEN_EXPIRED', 401, 'TOKEN_EXPIRED', 'The provided token has expired'],
      [404, 'USER_NOT_FOUND', 404, 'USER_NOT_FOUND', 'User context not found in token'],
      [401, 'INVALID_OT_TOKEN', 401, 'INVALID_OT_TOKEN', 'The provided token is invalid or expired'],
    ] as const;
    try {
      for (const [platformStatus, platformCode, status, code, message] of cases) {
        t.platform.unknownTokenAnswer = {
          status: platformStatus,
          body: { error: 'x', message: 'inAppOneTimeToken/validate: ctid lookup failed', code: platformCode },
        };
        const reply = await new Client(t.url).call('POST', '/api/validate-token', {
          token: `platform-${platformCode}-${'x'.repeat(20)}`,
        });
        expect(reply).toMatchObject({ status, body: { code, message, error: errorTitles[code] } });
        expect(JSON.stringify(reply.body)).not.toMatch(/platform|ctid|validate/i);
      }
      // Our own verdicts speak the seed's words too.
      const unknown = await new Client(t.url).call('POST', '/api/validate-token', { token: 'w'.repeat(43) });
      expect(unknown.body.message).toBe('The provided token is invalid or expired');
    } finally {
      t.platform.unknownTokenAnswer = { status: 401, body: { code: 'INVALID_OT_TOKEN' } };
    }
  });
});

describe('e-mail addresses and names refuse NUL, controls, bidi and zero-width characters (SECURITY 11)', () => {
  it('a look-alike of an existing address is not a second account', async () => {
    await ssoUser(t, 'victim@example.com');
    for (const email of [
      'victim@example.com\u0000',
      'vic\u200btim@example.com',
      'victim@exa\u202emple.com',
      '\u2066victim@example.com',
      'victim@example.com\u0085',
      'victim\ud800@example.com',
    ]) {
      const reply = await new Client(t.url).call('POST', '/api/auth/signup', signupBody(email));
      expect({ email: JSON.stringify(email), reply: [reply.status, reply.body.fields] }).toEqual({
        email: JSON.stringify(email),
        reply: [422, { email: 'invalid' }],
      });
    }
    for (const name of ['Ada\u0000', 'Ada\u202eecalevoL', 'A\u200dda']) {
      const reply = await new Client(t.url).call(
        'POST',
        '/api/auth/signup',
        signupBody(`named-${name.length}@example.com`, { firstName: name }),
      );
      expect(reply.body.fields).toEqual({ firstName: 'invalid' });
    }
    expect(hasInvisibleCharacters('Zoë Ødegård 李 محمد 👩‍💻'.replace('\u200d', ''))).toBe(false);
    const users = t.server.deps.stores.db
      .prepare("SELECT COUNT(*) AS n FROM users WHERE email LIKE '%victim%'")
      .get() as {
      n: number;
    };
    expect(users.n).toBe(1);
  });
});

describe('store failures are reported as failures, not as the user’s mistake (SECURITY 12)', () => {
  /** Makes the database refuse every write (as a read-only or full disk does) once `armed` has run. */
  function readOnlyFrom<T extends unknown[], R>(armed: (...args: T) => Promise<R>): (...args: T) => Promise<R> {
    return async (...args) => {
      const result = await armed(...args);
      t.server.deps.stores.db.pragma('query_only = 1');
      return result;
    };
  }

  it('a refused write answers SERVER_ERROR to a payment and a signup, not DUPLICATE_SUBMISSION or EMAIL_TAKEN', async () => {
    const { db } = t.server.deps.stores;
    const { platform } = t.server.deps;
    const { client, login } = await ssoUser(t, 'disk-full@example.com');
    const createUser = platform.createUser;
    try {
      db.pragma('query_only = 1');
      const payment = await client.call('POST', '/api/payments', {
        direction: 'deposit',
        account: login,
        methodId: 'card',
        amount: '25',
        currency: 'USD',
        idempotencyKey: 'disk-full-payment-1',
      });
      expect(payment).toMatchObject({ status: 500, body: { code: 'SERVER_ERROR' } });
      db.pragma('query_only = 0');
      // The platform has created the user when the local insert fails.
      platform.createUser = readOnlyFrom(createUser.bind(platform));
      const signup = await new Client(t.url).call(
        'POST',
        '/api/auth/signup',
        signupBody('disk-full-signup@example.com'),
      );
      expect(signup).toMatchObject({ status: 500, body: { code: 'SERVER_ERROR' } });
    } finally {
      platform.createUser = createUser;
      db.pragma('query_only = 0');
    }
    // With writes back the same payment goes through: nothing was half written under its key.
    const again = await client.call('POST', '/api/payments', {
      direction: 'deposit',
      account: login,
      methodId: 'card',
      amount: '25',
      currency: 'USD',
      idempotencyKey: 'disk-full-payment-1',
    });
    expect(again.status).toBe(200);
  });
});

describe('card numbers and IBANs typed into free text are masked before storage and in exports (SECURITY 13, 18)', () => {
  const card = '4111 1111 1111 1111';
  const iban = 'DE89 3704 0044 0532 0130 00';
  const stored = (sql: string, userId: number) => JSON.stringify(t.server.deps.stores.db.prepare(sql).all(userId));

  it('chat, action fields, KYC steps and KYC drafts keep only the masked number', async () => {
    const { client, userId } = await ssoUser(t, 'types-card@example.com');
    const sent = await client.call('POST', '/api/chat/messages', {
      text: `my card ${card}, iban ${iban}`,
      clientId: 'm-1',
    });
    expect(sent.status).toBe(200);
    expect(sent.body.text).toBe('my card **** **** **** 1111, iban DE** **** **** **** **30 00');
    const action = await client.call('POST', '/api/actions/change-leverage', {
      actionType: 'change-leverage',
      values: { leverage: '30', reason: `refund to ${iban}` },
      idempotencyKey: 'act-masked-1',
    });
    expect(action.status).toBe(200);
    const step = await client.call('PUT', '/api/kyc/step', {
      step: 'address',
      data: { line1: `1 Road ${card}`, city: 'London', postalCode: 'N1', country: 'GB' },
    });
    expect(step.status).toBe(200);
    expect((await client.call('PUT', '/api/kyc/draft', { step: 'address', values: { line1: card } })).status).toBe(204);
    const rows = [
      stored('SELECT text FROM chat_messages WHERE user_id = ?', userId),
      stored('SELECT field_values FROM action_submissions WHERE user_id = ?', userId),
      stored('SELECT address FROM kyc_submissions WHERE user_id = ?', userId),
      stored('SELECT draft FROM kyc_drafts WHERE user_id = ?', userId),
    ];
    for (const row of rows) {
      expect(row).toMatch(/\*\*\*\* (1111|\*\*30 00)/);
      expect(row).not.toContain('4111');
      expect(row).not.toContain('3704');
    }
  });

  it('the audit export masks a number the trail holds, in JSON and in CSV', async () => {
    t.server.deps.stores.audit.append({
      at: Date.now(),
      event: 'masking.probe',
      outcome: 'success',
      detail: { note: `paid with 4111111111111111 from ${iban}` },
    });
    for (const format of ['json', 'csv']) {
      const reply = await fetch(`${t.url}/api/audit/export?format=${format}`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      const text = await reply.text();
      expect(text).toContain('masking.probe');
      expect(text).toContain('************1111');
      expect(text).not.toContain('4111111111111111');
      expect(text).not.toContain('3704');
    }
  });
});

describe('disabled and deleted users hold nothing that works (SECURITY 3, 6, 13)', () => {
  async function backoffice(method: string, path: string, token = clientToken): Promise<Reply> {
    const response = await fetch(`${t.url}/api/backoffice/users${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
  }
  const login = (email: string) =>
    new Client(t.url).call('POST', '/api/auth/login', {
      email,
      password: signupBody(email).password,
      keepLoggedIn: false,
    });
  const auditOf = (event: string, userId: number) =>
    t.server.deps.stores.audit.list({}).filter((entry) => entry.event === event && entry.userId === userId);

  it('disabling ends the session, the access token and login at once; enabling allows a new login', async () => {
    const user = await platformUser('to-disable@example.com');
    expect((await user.client.call('GET', '/api/me')).status).toBe(200);
    expect((await backoffice('POST', `/${user.userId}/disable`, 'x'.repeat(43))).body.code).toBe(
      'CH_CLIENT_AUTH_FAILURE',
    );
    expect(await backoffice('POST', `/${user.userId}/disable`)).toMatchObject({
      status: 200,
      body: { userId: user.userId, disabled: true },
    });
    expect((await user.client.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
    expect((await inAppToken(user.accessToken, { action: 'chat' })).body.code).toBe('SESSION_EXPIRED');
    expect((await login('to-disable@example.com')).body.code).toBe('INVALID_CREDENTIALS');
    expect(auditOf('user.disable', user.userId)).toEqual([
      expect.objectContaining({ outcome: 'success', actor: 'ctrader' }),
    ]);
    expect((await backoffice('POST', `/${user.userId}/enable`)).status).toBe(200);
    expect((await user.client.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
    expect((await login('to-disable@example.com')).status).toBe(200);
    expect(auditOf('user.enable', user.userId)).toHaveLength(1);
  });

  it('a disabled user is refused on every use, even where no revocation reached (a session in another store)', async () => {
    const user = await platformUser('disabled-elsewhere@example.com');
    const issued = await inAppToken(user.accessToken, { action: 'chat' });
    t.server.deps.stores.users.setDisabled(user.userId, Date.now());
    try {
      expect((await user.client.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
      expect((await inAppToken(user.accessToken, { action: 'chat' })).body.code).toBe('SESSION_EXPIRED');
      const validated = await new Client(t.url).call('POST', '/api/validate-token', { token: issued.body.token });
      expect(validated.body.code).toBe('USER_NOT_FOUND');
    } finally {
      t.server.deps.stores.users.setDisabled(user.userId, null);
    }
    expect((await user.client.call('GET', '/api/me')).status).toBe(200);
  });

  it('deleting removes personal data and ends sessions, access tokens and unredeemed tokens; the login stays bound', async () => {
    const user = await platformUser('to-delete@example.com');
    await user.client.call('POST', '/api/chat/messages', { text: 'hello', clientId: 'del-1' });
    // The simulated agent answers after a delay: its reply is stored before the user goes.
    const chatRows = () =>
      t.server.deps.stores.db.prepare('SELECT 1 FROM chat_messages WHERE user_id = ?').all(user.userId);
    await vi.waitFor(() => expect(chatRows()).toHaveLength(2), { timeout: 20_000 });
    const pending = await login('to-delete@example.com');
    expect(pending.body).toMatchObject({ token: expect.any(String) });
    expect(await backoffice('DELETE', `/${user.userId}`)).toMatchObject({ status: 204 });
    expect(await backoffice('DELETE', `/${user.userId}`)).toMatchObject({
      status: 404,
      body: { code: 'USER_NOT_FOUND' },
    });
    const { db } = t.server.deps.stores;
    for (const table of ['users', 'chat_messages', 'sessions'])
      expect(db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE user_id = ?`).get(user.userId)).toEqual({ n: 0 });
    expect(accountRow(user.login)).toEqual({ user_id: user.userId });
    expect((await user.client.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
    expect((await inAppToken(user.accessToken, { action: 'chat' })).body.code).toBe('SESSION_EXPIRED');
    expect(['INVALID_OT_TOKEN', 'USER_NOT_FOUND']).toContain(
      (await exchange(t, pending.body.token, clientToken)).body.code,
    );
    expect((await login('to-delete@example.com')).body.code).toBe('INVALID_CREDENTIALS');
    expect(auditOf('user.delete', user.userId)).toEqual([
      expect.objectContaining({ outcome: 'success', actor: 'ctrader' }),
      expect.objectContaining({ outcome: 'failure', actor: 'ctrader' }),
    ]);
  });
});

describe('liveness and readiness tell the truth (SECURITY 12)', () => {
  const probe = async (path: string) => {
    const response = await fetch(`${t.url}${path}`);
    return { status: response.status, body: await response.json(), cache: response.headers.get('cache-control') };
  };

  it('is live and ready with a writable store and a reachable platform', async () => {
    expect(await probe('/livez')).toEqual({ status: 200, body: { status: 'live' }, cache: 'no-store' });
    expect(await probe('/readyz')).toEqual({
      status: 200,
      body: { status: 'ready', checks: { sqlite: 'ok', platform: 'ok' } },
      cache: 'no-store',
    });
  });

  it('a read-only database is not ready (and still live); writes back, ready again', async () => {
    const { db } = t.server.deps.stores;
    db.pragma('query_only = 1');
    try {
      expect(await probe('/readyz')).toMatchObject({
        status: 503,
        body: { status: 'not-ready', checks: { sqlite: 'failing', platform: 'ok' } },
      });
      expect((await probe('/livez')).status).toBe(200);
    } finally {
      db.pragma('query_only = 0');
    }
    expect((await probe('/readyz')).status).toBe(200);
  });

  it('an unreachable or failing platform is not ready, and a probe does not hang on a silent one', async () => {
    t.platform.failing.add('/');
    try {
      expect(await probe('/readyz')).toMatchObject({
        status: 503,
        body: { checks: { sqlite: 'ok', platform: 'failing' } },
      });
    } finally {
      t.platform.failing.delete('/');
    }
    t.platform.slow.add('/');
    try {
      expect(await probe('/readyz')).toMatchObject({ status: 503, body: { checks: { platform: 'failing' } } });
    } finally {
      t.platform.slow.delete('/');
    }
    const down = await startTestServer({ settings: { platformUrl: 'http://127.0.0.1:9' } });
    try {
      const response = await fetch(`${down.url}/readyz`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ checks: { platform: 'failing' } });
    } finally {
      await down.close();
    }
  });
});

describe('anonymous counts and token issuance are limited (SECURITY 9)', () => {
  let limited: TestServer;
  let limitedClientToken: string;
  beforeAll(async () => {
    limited = await startTestServer({
      server: {
        rateLimits: {
          inviteEventsPerInvite: { limit: 3, windowSeconds: 3600 },
          inAppTokenPerUser: { limit: 5, windowSeconds: 60 },
          adminGuessesPerIp: { limit: 4, windowSeconds: 900 },
        },
      },
    });
    limitedClientToken = await crmApiToken(limited);
  });
  afterAll(() => limited.close());

  const stats = async (client: Client) => (await client.call('GET', '/api/invite/stats')).body;
  const click = (partnerId: string, ip: string) =>
    fetch(`${limited.url}/auth/login?partnerId=${partnerId}`, { headers: { 'x-forwarded-for': ip } });

  it('invite clicks and sign-ups count once per address and up to a limit per invite', async () => {
    const partner = await ssoUser(limited, 'partner@example.com');
    const { partnerId } = (await partner.client.call('GET', '/api/invite')).body;
    for (let index = 0; index < 5; index++) expect((await click(partnerId, '10.9.0.1')).status).toBe(200);
    expect(await stats(partner.client)).toMatchObject({ clicks: 1 });
    for (const ip of ['10.9.0.2', '10.9.0.3', '10.9.0.4', '10.9.0.5']) await click(partnerId, ip);
    expect(await stats(partner.client)).toMatchObject({ clicks: 3 });

    const attribution = { attribution: { partnerId } };
    const sameAddress = ['friend-1@example.com', 'friend-2@example.com'];
    for (const email of sameAddress) {
      const reply = await new Client(limited.url, '10.9.1.1').call(
        'POST',
        '/api/auth/signup',
        signupBody(email, attribution),
      );
      expect(reply.status).toBe(200);
    }
    expect(await stats(partner.client)).toMatchObject({ signups: 1 });
    for (const [index, ip] of ['10.9.1.2', '10.9.1.3', '10.9.1.4'].entries())
      await new Client(limited.url, ip).call(
        'POST',
        '/api/auth/signup',
        signupBody(`friend-${index + 3}@example.com`, attribution),
      );
    expect(await stats(partner.client)).toMatchObject({ signups: 3 });
  });

  it('in-app token issuance is limited per user, and one user’s burst leaves another alone', async () => {
    const [busy, other] = await Promise.all(
      ['burst@example.com', 'calm@example.com'].map(async (email) => {
        const user = await ssoUser(limited, email);
        return (await exchange(limited, user.token, limitedClientToken)).body.accessToken as string;
      }),
    );
    const issue = (accessToken: string) =>
      fetch(`${limited.url}/api/inapp-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ action: 'chat' }),
      });
    const statuses = [];
    for (let index = 0; index < 6; index++) statuses.push((await issue(busy!)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await issue(busy!);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await issue(other!)).status).toBe(200);
  });

  it('audit export: wrong credentials are limited per address, and every export is audited', async () => {
    const exportFrom = (ip: string, token: string, query = '') =>
      fetch(`${limited.url}/api/audit/export?format=json${query}`, {
        headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': ip },
      });
    for (let index = 0; index < 4; index++) expect((await exportFrom('10.9.2.1', 'guess-' + index)).status).toBe(403);
    const blocked = await exportFrom('10.9.2.1', adminToken);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    const from = '2020-01-01T00:00:00.000Z';
    const allowed = await exportFrom('10.9.2.2', adminToken, `&from=${from}`);
    expect(allowed.status).toBe(200);
    const rows = ((await allowed.json()) as { entries: unknown[] }).entries.length;
    const trail = limited.server.deps.stores.audit.list({}).filter((entry) => entry.event === 'audit.export');
    expect(trail.filter((entry) => entry.outcome === 'failure')).toHaveLength(4);
    expect(trail.filter((entry) => entry.outcome === 'success')).toEqual([
      expect.objectContaining({
        actor: 'admin',
        ip: '10.9.2.2',
        detail: expect.objectContaining({ format: 'json', from, rows }),
      }),
    ]);
  });
});
