// Password reset end to end on the real server: the mailed link (hashed at rest, bound, expiring, once), no
// account enumeration, superseded links, sessions ended, the mailer seam and the dev outbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchWithCookies } from '@broker-kit/core/testing';
import { HttpAdapter } from '@broker-kit/core/adapter/http.ts';
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import { hashToken } from './crypto.ts';
import { outboxMessages, type MailMessage } from './mailer.ts';
import {
  adminToken,
  Client,
  crmApiToken,
  exchange,
  signupBody,
  ssoUser,
  startTestServer,
  type TestServer,
} from './test/harness.ts';

const minute = 60_000;
const newPassword = 'a brand new secret 42';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

let counter = 0;
const uniqueEmail = (tag: string) => `reset-${tag}-${Date.now()}-${++counter}@example.com`;

async function signedUp(tag: string) {
  const email = uniqueEmail(tag);
  const client = new Client(t.url);
  const reply = await client.call('POST', '/api/auth/signup', signupBody(email));
  expect(reply.status).toBe(200);
  return { email, client, userId: reply.body.userId as number };
}

/** The mails the outbox holds for an address, newest first. */
function mailsTo(server: TestServer, email: string) {
  return outboxMessages(server.server.deps.stores.db, 1000).filter((message) => message.to === email);
}

/** The token in the newest reset link mailed to the address. */
function mailedToken(server: TestServer, email: string): string {
  const [mail] = mailsTo(server, email);
  if (!mail) throw new Error(`no mail to ${email}`);
  const link = mail.text.match(/https?:\/\/\S+/)?.[0];
  return new URL(link!).searchParams.get('token')!;
}

const requestReset = (client: Client, email: string, language?: string) =>
  client.call('POST', '/api/auth/password-reset', { email, ...(language && { language }) });
const complete = (client: Client, token: string, password = newPassword) =>
  client.call('POST', '/api/auth/password-reset/complete', { token, newPassword: password });
const login = (email: string, password: string) =>
  new Client(t.url).call('POST', '/api/auth/login', { email, password, keepLoggedIn: false });

describe('password reset', () => {
  it('mails a link to the hosted screen, stores only its hash, and sets the new password once', async () => {
    const { email } = await signedUp('flow');
    const client = new Client(t.url);
    expect((await requestReset(client, email)).status).toBe(204);

    const [mail, ...others] = mailsTo(t, email);
    expect(others).toEqual([]);
    expect(mail).toMatchObject({ kind: 'password-reset', language: 'en', subject: 'Reset your Test Broker password' });
    expect(mail!.text).toContain('within 30 minutes');
    const link = new URL(mail!.text.match(/https?:\/\/\S+/)![0]);
    expect(link.origin + link.pathname).toBe(`${t.url}/account/password-reset`);
    expect(link.searchParams.get('lang')).toBe('en');
    const token = link.searchParams.get('token')!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // At rest only the digest, bound to the user, expiring in 30 minutes.
    const rows = t.server.deps.stores.db.prepare('SELECT * FROM password_resets').all() as Record<string, unknown>[];
    expect(JSON.stringify(rows)).not.toContain(token);
    const row = rows.find((candidate) => candidate.hash === hashToken(token))!;
    expect(row.user_id).toBe(t.server.deps.stores.users.byEmail(email)!.userId);
    expect(Number(row.expires_at) - Number(row.created_at)).toBe(30 * minute);

    const weak = await complete(client, token, 'short');
    expect(weak).toMatchObject({
      status: 422,
      body: { code: 'VALIDATION_FAILED', fields: { newPassword: 'too_short' } },
    });
    expect((await complete(client, token)).status).toBe(204);
    expect((await login(email, signupBody(email).password)).body.code).toBe('INVALID_CREDENTIALS');
    expect((await login(email, newPassword)).body.status).toBe('account-required');
    // The link used twice is refused.
    expect(await complete(client, token, 'yet another secret 7')).toMatchObject({
      status: 401,
      body: { code: 'INVALID_OT_TOKEN' },
    });
    expect((await login(email, 'yet another secret 7')).body.code).toBe('INVALID_CREDENTIALS');

    // Neither the token nor a password reaches the log or the audit trail.
    const audit = await fetch(`${t.url}/api/audit/export?format=json`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const trail = await audit.text();
    for (const secret of [token, hashToken(token), newPassword, 'yet another secret 7'])
      for (const text of [trail, t.logs.join('\n')]) expect(text).not.toContain(secret);
    const events = (JSON.parse(trail) as { entries: { event: string; outcome: string; detail?: unknown }[] }).entries;
    expect(events.filter((entry) => entry.event.startsWith('password-reset.complete')).map((e) => e.outcome)).toEqual(
      expect.arrayContaining(['success', 'failure']),
    );
  });

  it('answers an unknown address exactly like a known one, and mails it nothing', async () => {
    const { email } = await signedUp('known');
    const unknown = uniqueEmail('unknown');
    const known = await requestReset(new Client(t.url), email);
    const ghost = await requestReset(new Client(t.url), unknown);
    expect([ghost.status, ghost.body]).toEqual([known.status, known.body]);
    expect([...ghost.headers.keys()].sort()).toEqual([...known.headers.keys()].sort());
    expect(mailsTo(t, unknown)).toEqual([]);
    expect(mailsTo(t, email)).toHaveLength(1);
  });

  it('refuses a malformed address before any lookup', async () => {
    const reply = await requestReset(new Client(t.url), 'not-an-address');
    expect(reply).toMatchObject({ status: 422, body: { code: 'VALIDATION_FAILED', fields: { email: 'invalid' } } });
  });

  it('voids the older link when a newer one is asked for', async () => {
    const { email } = await signedUp('supersede');
    const client = new Client(t.url);
    await requestReset(client, email);
    const older = mailedToken(t, email);
    await requestReset(client, email);
    const newer = mailedToken(t, email);
    expect(newer).not.toBe(older);
    expect((await complete(client, older)).body.code).toBe('INVALID_OT_TOKEN');
    expect((await complete(client, newer)).status).toBe(204);
  });

  it('expires a link after 30 minutes, and after the configured lifetime', async () => {
    const { email } = await signedUp('expiry');
    const client = new Client(t.url);
    await requestReset(client, email);
    const token = mailedToken(t, email);
    t.advance(30 * minute);
    try {
      expect(await complete(client, token)).toMatchObject({ status: 401, body: { code: 'TOKEN_EXPIRED' } });
    } finally {
      t.advance(-30 * minute);
    }

    const short = await startTestServer({ server: { passwordResetTtlMinutes: 5 } });
    try {
      const shortEmail = uniqueEmail('short');
      const shortClient = new Client(short.url);
      await shortClient.call('POST', '/api/auth/signup', signupBody(shortEmail));
      await requestReset(shortClient, shortEmail);
      expect(mailsTo(short, shortEmail)[0]!.text).toContain('within 5 minutes');
      const early = mailedToken(short, shortEmail);
      short.advance(5 * minute - 1000);
      await requestReset(shortClient, shortEmail);
      const late = mailedToken(short, shortEmail);
      expect((await complete(shortClient, early)).body.code).toBe('INVALID_OT_TOKEN');
      short.advance(5 * minute);
      expect((await complete(shortClient, late)).body.code).toBe('TOKEN_EXPIRED');
    } finally {
      await short.close();
    }
  });

  it('ends every session and access token of the user', async () => {
    const email = uniqueEmail('sessions');
    const { client, token } = await ssoUser(t, email);
    const { accessToken } = (await exchange(t, token, await crmApiToken(t))).body as { accessToken: string };
    const bearer = { headers: { authorization: `Bearer ${accessToken}` } };
    expect((await client.call('GET', '/api/me')).status).toBe(200);
    expect((await fetch(`${t.url}/api/me`, bearer)).status).toBe(200);
    await requestReset(new Client(t.url), email);
    expect((await complete(new Client(t.url), mailedToken(t, email))).status).toBe(204);
    expect((await client.call('GET', '/api/me')).body.code).toBe('SESSION_EXPIRED');
    expect((await fetch(`${t.url}/api/me`, bearer)).status).toBe(401);
  });

  it('voids an outstanding link when the password is changed', async () => {
    const { email, client } = await signedUp('changed');
    await requestReset(new Client(t.url), email);
    const token = mailedToken(t, email);
    const changed = await client.call('POST', '/api/auth/change-password', {
      currentPassword: signupBody(email).password,
      newPassword: 'changed on purpose 9',
    });
    expect(changed.status).toBe(204);
    expect((await complete(new Client(t.url), token)).body.code).toBe('INVALID_OT_TOKEN');
  });

  it('redeems a link once when many requests race with it', async () => {
    const { email } = await signedUp('race');
    await requestReset(new Client(t.url), email);
    const token = mailedToken(t, email);
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, index) => complete(new Client(t.url), token, `racing password ${index}`)),
    );
    expect(replies.filter((reply) => reply.status === 204)).toHaveLength(1);
    expect(new Set(replies.filter((reply) => reply.status !== 204).map((reply) => reply.body.code))).toEqual(
      new Set(['INVALID_OT_TOKEN']),
    );
  });

  it('refuses malformed and unknown tokens alike, and limits guesses per address', async () => {
    const client = new Client(t.url);
    expect((await complete(client, 'short')).body.code).toBe('INVALID_OT_TOKEN');
    expect((await complete(client, 'A'.repeat(43))).body.code).toBe('INVALID_OT_TOKEN');
    const guesser = new Client(t.url);
    const codes: string[] = [];
    for (let i = 0; i < 31; i++) codes.push((await complete(guesser, `${'B'.repeat(40)}${100 + i}`)).body.code);
    expect(codes.at(-1)).toBe('RATE_LIMITED');
  });

  it('limits mails per address the same way for known and unknown addresses', async () => {
    const { email } = await signedUp('limit');
    const unknown = uniqueEmail('limit-unknown');
    for (const address of [email, unknown]) {
      const statuses: number[] = [];
      // A new client (address) each time: the per-address limit, not the per-IP one, is what stops the sixth.
      for (let i = 0; i < 6; i++) statuses.push((await requestReset(new Client(t.url), address)).status);
      expect(statuses, address).toEqual([204, 204, 204, 204, 204, 429]);
    }
    expect(mailsTo(t, email)).toHaveLength(5);
  });

  it('writes the mail in the language asked for, else in the broker default', async () => {
    const { email } = await signedUp('lang');
    await requestReset(new Client(t.url), email, 'de-AT');
    const [german] = mailsTo(t, email);
    expect(german).toMatchObject({ language: 'de', subject: 'Passwort für Test Broker zurücksetzen' });
    expect(new URL(german!.text.match(/https?:\/\/\S+/)![0]).searchParams.get('lang')).toBe('de');
    await requestReset(new Client(t.url), email, 'xx');
    expect(mailsTo(t, email)[0]!.language).toBe('en');
  });

  it('works through the HttpAdapter with the codes the screens expect', async () => {
    const { email } = await signedUp('adapter');
    const adapter = new HttpAdapter({ baseUrl: t.url, fetch: fetchWithCookies(), backoffMs: 5 });
    await adapter.requestPasswordReset({ email, language: 'en' });
    const token = mailedToken(t, email);
    await expect(adapter.completePasswordReset({ token, newPassword: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { newPassword: 'too_short' },
    });
    await adapter.completePasswordReset({ token, newPassword });
    const reuse = await adapter.completePasswordReset({ token, newPassword }).catch((error: unknown) => error);
    expect(reuse).toBeInstanceOf(BrokerKitError);
    expect((reuse as BrokerKitError).code).toBe('INVALID_OT_TOKEN');
  });

  it('is closed under handoff, where the platform owns passwords', async () => {
    const handoff = await startTestServer({ core: { identityMode: 'ot-handoff', modules: ['deposit-withdrawal'] } });
    try {
      const client = new Client(handoff.url);
      expect((await requestReset(client, 'a@example.com')).body.code).toBe('MODULE_DISABLED');
      expect((await complete(client, 'C'.repeat(43))).body.code).toBe('MODULE_DISABLED');
    } finally {
      await handoff.close();
    }
  });
});

describe('mailer', () => {
  it('hands the mail to the broker mailer and answers without waiting for it', async () => {
    const sent: MailMessage[] = [];
    let deliver: () => void = () => {};
    const mailer = {
      send: (message: MailMessage) =>
        new Promise<void>((resolve) => {
          sent.push(message);
          deliver = resolve;
        }),
    };
    const own = await startTestServer({ mailer });
    try {
      const email = uniqueEmail('mailer');
      await new Client(own.url).call('POST', '/api/auth/signup', signupBody(email));
      // The mailer has not finished, yet the request is answered.
      expect((await requestReset(new Client(own.url), email)).status).toBe(204);
      deliver();
      expect(sent.map((message) => message.to)).toEqual([email]);
      expect(outboxMessages(own.server.deps.stores.db)).toEqual([]);
      expect(own.logs.join('\n')).not.toMatch(/no mailer given/);
    } finally {
      await own.close();
    }
  });

  it('answers the same when the mailer fails, and logs the failure without the link', async () => {
    const failing = await startTestServer({ mailer: { send: () => Promise.reject(new Error('smtp down')) } });
    try {
      const email = uniqueEmail('failing');
      await new Client(failing.url).call('POST', '/api/auth/signup', signupBody(email));
      expect((await requestReset(new Client(failing.url), email)).status).toBe(204);
      await expect.poll(() => failing.logs.join('\n')).toContain('password reset mail could not be handed');
      expect(failing.logs.join('\n')).not.toMatch(/token=|smtp down/);
    } finally {
      await failing.close();
    }
  });

  it('warns at start when mail would only reach the dev outbox', () => {
    expect(t.logs.join('\n')).toContain('no mailer given');
  });
});

describe('housekeeping', () => {
  it('deletes reset links a day after they expired and mail a day after it was written', async () => {
    const own = await startTestServer();
    try {
      const email = uniqueEmail('purge');
      await new Client(own.url).call('POST', '/api/auth/signup', signupBody(email));
      await requestReset(new Client(own.url), email);
      const { stores } = own.server.deps;
      const count = (table: string) =>
        (stores.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      const now = Date.now();
      stores.purge(now - 86_400_000);
      expect([count('password_resets'), count('dev_outbox')]).toEqual([1, 1]);
      stores.purge(now + 31 * minute + 1000);
      expect([count('password_resets'), count('dev_outbox')]).toEqual([0, 0]);
    } finally {
      await own.close();
    }
  });
});

describe('dev outbox', () => {
  it('is not there unless DEV_OUTBOX is on', async () => {
    const reply = await new Client(t.url).call('GET', '/dev/outbox');
    expect(reply).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('lists the mails, newest first, as a strict page and as JSON', async () => {
    const dev = await startTestServer({ settings: { devOutbox: true } });
    try {
      const email = uniqueEmail('outbox');
      await new Client(dev.url).call('POST', '/api/auth/signup', signupBody(email));
      await requestReset(new Client(dev.url), email);
      const page = await fetch(`${dev.url}/dev/outbox`);
      expect(page.status).toBe(200);
      expect(page.headers.get('referrer-policy')).toBe('no-referrer');
      expect(page.headers.get('cache-control')).toBe('no-store');
      expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
      const text = await page.text();
      const token = mailedToken(dev, email);
      expect(text).toContain(`<a href="${dev.url}/account/password-reset?lang=en&amp;token=${token}">`);
      expect(text).toContain(email);
      const json = await fetch(`${dev.url}/dev/outbox`, { headers: { accept: 'application/json' } });
      const { messages } = (await json.json()) as { messages: { to: string; subject: string }[] };
      expect(messages[0]).toMatchObject({ to: email, subject: 'Reset your Test Broker password' });
      expect(dev.logs.join('\n')).not.toContain(token);
    } finally {
      await dev.close();
    }
  });

  it('escapes what a mail carries', async () => {
    const dev = await startTestServer({
      settings: { devOutbox: true },
      core: { brand: { name: '<b>Evil</b> Broker' } },
    });
    try {
      const email = uniqueEmail('escape');
      await new Client(dev.url).call('POST', '/api/auth/signup', signupBody(email));
      await requestReset(new Client(dev.url), email);
      const text = await (await fetch(`${dev.url}/dev/outbox`)).text();
      expect(text).not.toContain('<b>Evil</b>');
      expect(text).toContain('&lt;b&gt;Evil&lt;/b&gt;');
    } finally {
      await dev.close();
    }
  });
});
