import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createSimulator } from './app.ts';
import { fromMicros, toMicros } from './store.ts';

const managerToken = 'test-manager-token';
const simulator = () =>
  createSimulator({
    publicUrl: 'http://127.0.0.1:4100',
    brokerUrl: 'http://127.0.0.1:9',
    managerToken,
    crmApiPassword: 'pw',
    staticRoot: tmpdir(),
  });

const asBroker = (body: unknown) => ({
  method: 'POST',
  headers: { authorization: `Bearer ${managerToken}`, 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** Signs the device in as the platform's demo user and returns its cookie and the session token. */
async function platformSession(app: ReturnType<typeof simulator>['app']) {
  const login = await app.request('/sim/api/platform-login', { method: 'POST' });
  // The first request of a device creates it once, even though the handler asks for it twice.
  expect(login.headers.getSetCookie()).toHaveLength(1);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  return { cookie };
}

async function openUrl(app: ReturnType<typeof simulator>['app'], cookie: string, body: Record<string, unknown>) {
  const response = await app.request('/sim/api/open', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return new URL(((await response.json()) as { url: string }).url);
}

describe('platform simulator', () => {
  it('issues a one-time token for an in-app screen that validates exactly once', async () => {
    const { app } = simulator();
    const { cookie } = await platformSession(app);
    const url = await openUrl(app, cookie, { action: 'deposit', lang: 'ar', theme: 'dark' });
    expect(url.origin).toBe('http://127.0.0.1:9');
    expect(url.pathname).toBe('/inapp/deposit');
    expect(url.searchParams.get('lang')).toBe('ar');
    expect(url.searchParams.get('account')).toBe('5000001');
    const token = url.searchParams.get('token')!;
    expect(token).toMatch(/^[\w-]{43}$/);

    const first = await app.request('/ctid2/inAppOneTimeToken/validate', asBroker({ token }));
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      valid: true,
      userId: 100001,
      email: 'demo.trader@example.com',
      tradingLogin: 5000001,
      action: 'deposit',
    });
    const replay = await app.request('/ctid2/inAppOneTimeToken/validate', asBroker({ token }));
    expect(replay.status).toBe(417);
    expect(await replay.json()).toMatchObject({ code: 'CID_NON_EXISTED_TOKEN' });
  });

  it('answers seed 001 token data to the app holding a user session, and nothing without one', async () => {
    const { app, store } = simulator();
    const session = store.openSession(store.demoUser.userId);
    const response = await app.request('/ctid2/inAppOneTimeToken/data?action=kyc&account=5000002', {
      headers: { authorization: `Bearer ${session}` },
    });
    expect(response.status).toBe(200);
    const data = (await response.json()) as Record<string, unknown>;
    expect(data).toMatchObject({
      userId: 100001,
      email: 'demo.trader@example.com',
      tradingLogin: 5000002,
      action: 'kyc',
    });
    expect(Date.parse(String(data.expiresAt))).toBeGreaterThan(Date.now());
    expect(String(data.otToken)).toMatch(/^[\w-]{43}$/);
    const anonymous = await app.request('/ctid2/inAppOneTimeToken/data?action=kyc');
    expect(anonymous.status).toBe(403);
  });

  it.each([
    ['expired', 410, 'CID_TOKEN_EXPIRED'],
    ['replayed', 417, 'CID_NON_EXISTED_TOKEN'],
    ['unknown', 417, 'CID_NON_EXISTED_TOKEN'],
    ['user-deleted', 404, 'USER_NOT_FOUND'],
    ['platform-down', 503, 'SERVICE_UNAVAILABLE'],
    ['insufficient-permissions', 403, 'CH_INSUFFICIENT_PERMISSIONS'],
  ])('the %s scenario makes the validation fail with %i %s', async (scenario, status, code) => {
    const { app } = simulator();
    const { cookie } = await platformSession(app);
    const url = await openUrl(app, cookie, { action: 'kyc', scenario });
    const response = await app.request(
      '/ctid2/inAppOneTimeToken/validate',
      asBroker({ token: url.searchParams.get('token') }),
    );
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ code });
  });

  it('refuses the manager API without the manager token', async () => {
    const { app } = simulator();
    const response = await app.request('/ctid/users', {
      method: 'POST',
      headers: { authorization: 'Bearer wrong', 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com' }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'CH_CLIENT_AUTH_FAILURE' });
  });

  it('runs the manager calls of seed 002 and logs them with secrets masked', async () => {
    const { app, store } = simulator();
    const user = (await (await app.request('/ctid/users', asBroker({ email: 'new@example.com' }))).json()) as {
      userId: number;
    };
    const trader = (await (
      await app.request('/ctid/traders', asBroker({ userId: user.userId, currency: 'EUR', leverage: 100 }))
    ).json()) as { login: number };
    expect((await app.request(`/ctid/users/${user.userId}/traders/${trader.login}`, asBroker({}))).status).toBe(200);
    expect((await app.request(`/ctid/users/${user.userId}/agreement`, asBroker({}))).status).toBe(200);
    const balance = await app.request(
      `/webserv/traders/${trader.login}/changebalance`,
      asBroker({ login: trader.login, preciseAmount: '100.25', type: 'DEPOSIT', externalId: 'x1' }),
    );
    expect(await balance.json()).toEqual({ login: trader.login, balance: '100.25' });
    // The same externalId again changes nothing; the broker can ask for it by externalId.
    const repeat = await app.request(
      `/webserv/traders/${trader.login}/changebalance`,
      asBroker({ login: trader.login, preciseAmount: '100.25', type: 'DEPOSIT', externalId: 'x1' }),
    );
    expect(await repeat.json()).toEqual({ login: trader.login, balance: '100.25' });
    const found = await app.request(`/webserv/traders/${trader.login}/changebalance/x1`, {
      headers: { authorization: asBroker({}).headers.authorization },
    });
    expect(found.status).toBe(200);
    expect(await found.json()).toMatchObject({ externalId: 'x1', preciseAmount: '100.25', type: 'DEPOSIT' });
    const missing = await app.request(`/webserv/traders/${trader.login}/changebalance/x2`, {
      headers: { authorization: asBroker({}).headers.authorization },
    });
    expect(missing.status).toBe(404);
    const tooFine = await app.request(
      `/webserv/traders/${trader.login}/changebalance`,
      asBroker({ login: trader.login, preciseAmount: '1.005', type: 'DEPOSIT', externalId: 'x3' }),
    );
    expect(tooFine.status).toBe(400);
    const referral = await app.request(
      '/ctid/referrals',
      asBroker({ invitedUserId: user.userId, partnerUserId: 7, brokerName: 'Demo' }),
    );
    expect(await referral.json()).toEqual({ result: 'ATTRIBUTED_NEW' });
    await app.request('/ctid2/inAppOneTimeToken/validate', asBroker({ token: 'a-secret-token-value' }));

    expect(store.users.get(user.userId)?.agreementAcceptedAt).toBeTruthy();
    const log = JSON.stringify(store.log);
    expect(log).not.toContain(managerToken);
    expect(log).not.toContain('a-secret-token-value');
    expect(store.log.map((entry) => entry.path)).toContain(`/ctid/users/${user.userId}/agreement`);
  });

  it('keeps the ribbon rules a broker sets for a user by id, and hides a disabled one', async () => {
    const { app, store } = simulator();
    const { cookie } = await platformSession(app);
    const userId = store.demoUser.userId;
    const rule = { id: 'fund', color: '#0A7D3B', title: 'Fund now', enabled: true, closable: true, scope: 'user' };
    const set = (body: unknown) => app.request(`/ctid/users/${userId}/ribbons`, asBroker(body));
    await set(rule);
    await set({ ...rule, id: 'verify', title: 'Verify', action: { urlinApp: '/inapp/kyc' } });
    await set({ ...rule, title: 'Fund today' });
    const ribbons = async () =>
      (
        (await (await app.request('/sim/api/state', { headers: { cookie } })).json()) as {
          session: { ribbons: { id: string; title: string; inApp?: string }[] };
        }
      ).session.ribbons;
    expect(await ribbons()).toEqual([
      expect.objectContaining({ id: 'verify', title: 'Verify', inApp: 'kyc' }),
      expect.objectContaining({ id: 'fund', title: 'Fund today' }),
    ]);
    await set({ ...rule, enabled: false });
    expect((await ribbons()).map((ribbon) => ribbon.id)).toEqual(['verify']);
    expect(store.log.filter((entry) => entry.path === `/ctid/users/${userId}/ribbons`)).toHaveLength(4);
  });

  it('adds decimal amounts exactly', () => {
    expect(fromMicros(toMicros('0.1') + toMicros('0.2'))).toBe('0.3');
    expect(fromMicros(toMicros('2500') - toMicros('0.0001'))).toBe('2499.9999');
    expect(() => toMicros('1e3')).toThrow();
  });
});
