// The back office's ribbon rules: only the CRM API credential may publish, list or remove them; each rule is
// checked with core's ribbon schema and against its user, sent to the platform (manager API), kept and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ribbonSchema, type Ribbon } from '@broker-kit/core/adapter/schemas.ts';
import { adminToken, crmApiToken, exchange, ssoUser, startTestServer, type TestServer } from './test/harness.ts';

let t: TestServer;
let clientToken: string;
beforeAll(async () => {
  t = await startTestServer();
  clientToken = await crmApiToken(t);
});
afterAll(() => t.close());

const rule = (overrides: Partial<Ribbon> = {}): Ribbon => ({
  id: 'fund-now',
  color: '#0A7D3B',
  title: 'Fund your account to start trading',
  enabled: true,
  closable: true,
  scope: 'user',
  action: { urlinApp: '/inapp/deposit' },
  ...overrides,
});

/** A back-office call; `token` null sends no Authorization at all. */
async function call(method: string, path: string, body?: unknown, token: string | null = clientToken) {
  const response = await fetch(`${t.url}${path}`, {
    method,
    headers: {
      // The kit's header passes the CSRF check of cookie-less calls: what refuses is the credential check.
      'x-broker-kit': '1',
      ...(token !== null && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

const ribbonCalls = () => t.platform.calls.filter((entry) => /^\/ctid\/users\/\d+\/ribbons$/.test(entry.path));

let user = 0;
async function newUser(tag: string) {
  return ssoUser(t, `ribbon-${tag}-${Date.now()}-${++user}@example.com`);
}

describe('back-office ribbons', () => {
  it('refuses every call without the CRM API credential, and tells the platform nothing', async () => {
    const { userId, client, token } = await newUser('refused');
    const { accessToken } = (await exchange(t, token, clientToken)).body as { accessToken: string };
    const before = ribbonCalls().length;
    const path = `/api/backoffice/ribbons/${userId}/fund-now`;
    for (const credential of [null, 'not-a-token', 'A'.repeat(43), accessToken]) {
      for (const [method, body] of [
        ['GET', undefined],
        ['PUT', rule()],
        ['DELETE', undefined],
      ] as const) {
        const target = method === 'GET' ? '/api/backoffice/ribbons' : path;
        const reply = await call(method, target, body, credential);
        expect(reply.status, `${method} with ${credential?.slice(0, 4)}`).toBe(403);
        expect(reply.body.code).toBe('CH_CLIENT_AUTH_FAILURE');
      }
    }
    // A signed-in user's session cookie is no back-office credential either.
    const cookie = await client.call('PUT', path, rule());
    expect(cookie.status).toBe(403);
    expect(ribbonCalls()).toHaveLength(before);
  });

  it('publishes a rule to the platform, keeps it, lists it and shows it to the user', async () => {
    const { userId, client } = await newUser('publish');
    const published = await call('PUT', `/api/backoffice/ribbons/${userId}/fund-now`, rule());
    expect(published.status).toBe(200);
    expect(published.headers.get('cache-control')).toBe('no-store');
    const sent = rule({ target: String(userId) });
    expect(published.body).toMatchObject({ userId, ribbon: sent, actor: 'ctrader' });
    expect(ribbonSchema.safeParse(published.body.ribbon).success).toBe(true);

    // What the platform got: the manager API call with the manager token.
    expect(ribbonCalls().at(-1)).toMatchObject({
      method: 'POST',
      path: `/ctid/users/${userId}/ribbons`,
      body: sent,
      authorization: 'Bearer test-manager-token',
    });

    const listed = await call('GET', `/api/backoffice/ribbons?userId=${userId}`);
    expect(listed.body.rules).toEqual([published.body]);
    expect((await call('GET', '/api/backoffice/ribbons')).body.rules).toEqual(expect.arrayContaining([published.body]));
    // The broker's own ribbon endpoint (bk-ribbon) shows the user the same rule; another user does not see it.
    expect((await client.call('GET', '/api/ribbons')).body).toEqual(expect.arrayContaining([sent]));
    const other = await newUser('other');
    expect((await other.client.call('GET', '/api/ribbons')).body).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'fund-now' })]),
    );

    // Publishing the same id again replaces the rule.
    const replaced = await call('PUT', `/api/backoffice/ribbons/${userId}/fund-now`, rule({ title: 'Top up today' }));
    expect(replaced.body.ribbon.title).toBe('Top up today');
    expect((await call('GET', `/api/backoffice/ribbons?userId=${userId}`)).body.rules).toHaveLength(1);

    const audit = await fetch(`${t.url}/api/audit/export?format=json`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const entries = ((await audit.json()) as { entries: { event: string; userId?: number; actor?: string }[] }).entries;
    expect(entries.filter((entry) => entry.event === 'ribbon.publish' && entry.userId === userId)).toEqual([
      expect.objectContaining({ outcome: 'success', actor: 'ctrader' }),
      expect.objectContaining({ outcome: 'success', actor: 'ctrader' }),
    ]);
  });

  it('checks each rule with the core schema and against its user before the platform hears of it', async () => {
    const { userId, login } = await newUser('checks');
    const other = await newUser('checks-other');
    const before = ribbonCalls().length;
    const put = (body: unknown, id = 'fund-now', target = userId) =>
      call('PUT', `/api/backoffice/ribbons/${target}/${id}`, body);

    expect((await put({ ...rule(), color: 'green' })).body).toMatchObject({
      code: 'INVALID_REQUEST',
      fields: { color: 'invalid' },
    });
    expect((await put({ ...rule(), title: 'x'.repeat(201) })).body.code).toBe('INVALID_REQUEST');
    expect((await put(rule(), 'another-id')).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { id: 'invalid' },
    });
    expect((await put(rule({ scope: 'account', target: String(other.login) }))).body.fields).toEqual({
      target: 'invalid',
    });
    expect((await put(rule({ target: String(other.userId) }))).body.fields).toEqual({ target: 'invalid' });
    expect((await put(rule({ action: { urlExternal: 'http://broker.example/promo' } }))).body.fields).toEqual({
      'action.urlExternal': 'invalid',
    });
    expect((await put(rule({ action: { urlinApp: 'javascript:alert(1)' } }))).body.fields).toEqual({
      'action.urlinApp': 'invalid',
    });
    expect((await put(rule(), 'bad id!')).body.code).toBe('INVALID_REQUEST');
    expect((await put(rule(), 'fund-now', 987654321)).body.code).toBe('USER_NOT_FOUND');
    expect(ribbonCalls()).toHaveLength(before);

    // The user's own account is a valid target.
    const account = await put(rule({ scope: 'account', target: String(login) }));
    expect(account.status).toBe(200);
  });

  it('keeps nothing when the platform refuses or is down, and audits the failure', async () => {
    const { userId } = await newUser('down');
    t.platform.failing.add(`/ctid/users/${userId}/ribbons`);
    try {
      const reply = await call('PUT', `/api/backoffice/ribbons/${userId}/fund-now`, rule());
      expect(reply).toMatchObject({ status: 502, body: { code: 'PLATFORM_UNAVAILABLE' } });
    } finally {
      t.platform.failing.delete(`/ctid/users/${userId}/ribbons`);
    }
    expect((await call('GET', `/api/backoffice/ribbons?userId=${userId}`)).body.rules).toEqual([]);
    const audit = await fetch(`${t.url}/api/audit/export?format=json`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const entries = ((await audit.json()) as { entries: { event: string; userId?: number; outcome: string }[] })
      .entries;
    expect(entries.filter((entry) => entry.event === 'ribbon.publish' && entry.userId === userId)).toEqual([
      expect.objectContaining({ outcome: 'failure', detail: expect.objectContaining({ reason: 'platform' }) }),
    ]);
  });

  it('removes a rule by sending it disabled, then forgets it', async () => {
    const { userId, client } = await newUser('remove');
    await call('PUT', `/api/backoffice/ribbons/${userId}/fund-now`, rule());
    const removed = await call('DELETE', `/api/backoffice/ribbons/${userId}/fund-now`);
    expect(removed.status).toBe(204);
    expect(ribbonCalls().at(-1)).toMatchObject({
      path: `/ctid/users/${userId}/ribbons`,
      body: { id: 'fund-now', enabled: false },
    });
    expect((await call('GET', `/api/backoffice/ribbons?userId=${userId}`)).body.rules).toEqual([]);
    expect((await client.call('GET', '/api/ribbons')).body).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: 'fund-now' })]),
    );
    expect((await call('DELETE', `/api/backoffice/ribbons/${userId}/fund-now`)).body.code).toBe('NOT_FOUND');
  });

  it('is closed when the ribbons module is off', async () => {
    const plain = await startTestServer({ core: { modules: ['deposit-withdrawal'] } });
    try {
      const token = await crmApiToken(plain);
      const reply = await fetch(`${plain.url}/api/backoffice/ribbons`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(((await reply.json()) as { code: string }).code).toBe('MODULE_DISABLED');
    } finally {
      await plain.close();
    }
  });
});
