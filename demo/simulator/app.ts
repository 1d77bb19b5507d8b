// The platform simulator: what the trading platform and its backend do towards a broker, on their own origin.
// - the app side (/sim/api/*): launch, automatic re-login, the SSO token exchange, opening in-app screens;
// - the platform backend the broker calls: the manager API of seed 002 and DOMAIN.md, and seed 001's
//   one-time tokens (issued to the app, validated for the broker);
// - the success URL page the webview is watched for, and the built simulator pages (demo/dist).
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { serveStatic } from '@hono/node-server/serve-static';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { SimulatorStore, fromMicros, mask, maskAuthorization, maskSecrets, newSecret, toMicros } from './store.ts';
import { BrokerClient, BrokerCallError } from './broker-client.ts';

export interface SimulatorOptions {
  /** Public origin of this simulator, e.g. http://127.0.0.1:4100. */
  publicUrl: string;
  /** The broker's origin: its screens and its OAuth endpoints. */
  brokerUrl: string;
  /** The credential the broker presents on the manager API. */
  managerToken: string;
  /** The password the platform authenticates to the broker with (`POST /oauth2/crmApiToken`). */
  crmApiPassword: string;
  /** Lifetime of the one-time tokens this platform issues. */
  tokenTtlSeconds?: number;
  /** Where the built simulator pages are; defaults to demo/dist. */
  staticRoot?: string;
}

export const inAppActions = ['deposit', 'withdraw', 'kyc', 'action', 'chat', 'invite'] as const;
export const scenarios = [
  'valid',
  'expired',
  'replayed',
  'unknown',
  'user-deleted',
  'platform-down',
  'client-auth-failure',
  'insufficient-permissions',
  'broker-issued',
] as const;
export type Scenario = (typeof scenarios)[number];

/** Faults a scenario arms on the platform's validation endpoint (answered once, to the broker). */
const scenarioFaults: Partial<Record<Scenario, { code: string; status: number }>> = {
  'platform-down': { code: 'SERVICE_UNAVAILABLE', status: 503 },
  'client-auth-failure': { code: 'CH_CLIENT_AUTH_FAILURE', status: 403 },
  'insufficient-permissions': { code: 'CH_INSUFFICIENT_PERMISSIONS', status: 403 },
};

const platformErrors: Record<string, { status: number; error: string; message: string }> = {
  CID_NON_EXISTED_TOKEN: { status: 417, error: 'Token Does Not Exist', message: 'The token does not exist' },
  CID_TOKEN_EXPIRED: { status: 410, error: 'Token Expired', message: 'The provided token has expired' },
  USER_NOT_FOUND: { status: 404, error: 'User Not Found', message: 'User context not found in token' },
  CH_CLIENT_AUTH_FAILURE: { status: 403, error: 'Client Authentication Failure', message: 'Bad credentials' },
  MISSING_REQUIRED_PARAMETER: { status: 400, error: 'Missing Required Parameter', message: 'A parameter is missing' },
  NOT_FOUND: { status: 404, error: 'Not Found', message: 'No such resource' },
};

const deviceCookie = 'sim_device';

/** The ribbons a broker set for a user, as the app shows them: only well-formed, enabled ones. */
function ribbonsOf(ribbons: unknown[]) {
  return ribbons.flatMap((ribbon) => {
    const r = ribbon as {
      id?: unknown;
      color?: unknown;
      title?: unknown;
      enabled?: unknown;
      closable?: unknown;
      action?: unknown;
    };
    if (r.enabled === false || typeof r.title !== 'string' || typeof r.color !== 'string') return [];
    if (!/^#[0-9a-fA-F]{6}$/.test(r.color)) return [];
    const action = r.action as { urlinApp?: unknown; urlExternal?: unknown } | undefined;
    const inApp = typeof action?.urlinApp === 'string' ? /^\/inapp\/([a-z]+)/.exec(action.urlinApp)?.[1] : undefined;
    return [
      {
        id: String(r.id ?? r.title),
        color: r.color,
        title: r.title.slice(0, 200),
        closable: r.closable === true,
        inApp,
      },
    ];
  });
}

export function createSimulator(options: SimulatorOptions) {
  const store = new SimulatorStore();
  const broker = new BrokerClient(options.brokerUrl, options.crmApiPassword, store);
  const ttlMs = (options.tokenTtlSeconds ?? 300) * 1000;
  const staticRoot = options.staticRoot ?? fileURLToPath(new URL('../dist/', import.meta.url));
  const app = new Hono();

  const minorDigitsOf = (currency: string) => {
    try {
      return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      return 2;
    }
  };
  const fail = (c: Context, code: string, status?: number) => {
    const known = platformErrors[code] ?? { status: status ?? 500, error: code, message: code };
    return c.json({ error: known.error, message: known.message, code }, (status ?? known.status) as 400);
  };

  app.use('*', async (c, next) => {
    await next();
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
  });

  // ── what the broker calls: manager API and token validation, bearer manager token ─────────────────────
  const guard = async (c: Context, next: () => Promise<void>) => {
    let body: unknown;
    if (c.req.method !== 'GET')
      body = await c.req.raw
        .clone()
        .json()
        .catch(() => undefined);
    const authorization = c.req.header('authorization');
    const fault = store.takeFault(c.req.path.startsWith('/ctid2/') ? 'validate' : 'manager');
    let res: Response;
    if (authorization !== `Bearer ${options.managerToken}`) res = fail(c, 'CH_CLIENT_AUTH_FAILURE');
    else if (fault) res = fail(c, fault.code, fault.status);
    else {
      await next();
      res = c.res;
    }
    const response: unknown = await res
      .clone()
      .json()
      .catch(() => undefined);
    store.record({
      direction: 'broker → platform',
      method: c.req.method,
      path: c.req.path,
      authorization: maskAuthorization(authorization),
      body: maskSecrets(body),
      status: res.status,
      response: maskSecrets(response),
    });
    return res;
  };
  app.use('/ctid/*', guard);
  app.use('/webserv/*', guard);
  app.use('/ctid2/inAppOneTimeToken/validate', guard);

  const readBody = async (c: Context): Promise<Record<string, unknown>> => {
    const body: unknown = await c.req.json().catch(() => ({}));
    return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  };
  const str = (value: unknown) => (typeof value === 'string' && value.length <= 320 ? value : undefined);
  const num = (value: unknown) => {
    const parsed = typeof value === 'string' ? Number(value) : value;
    return typeof parsed === 'number' && Number.isSafeInteger(parsed) ? parsed : undefined;
  };

  app.post('/ctid/users', async (c) => {
    const body = await readBody(c);
    const email = str(body.email);
    if (!email) return fail(c, 'MISSING_REQUIRED_PARAMETER');
    const user = store.createUser({ email, firstName: str(body.firstName), lastName: str(body.lastName) }, 'broker');
    return c.json({ userId: user.userId });
  });

  app.post('/ctid/traders', async (c) => {
    const body = await readBody(c);
    const trader = store.createTrader({
      userId: num(body.userId),
      currency: str(body.currency ?? body.depositCurrency),
      leverage: num(body.leverage ?? body.leverageInCents),
      environment: str(body.environment),
      accountType: str(body.accountType ?? body.accountTypeId),
    });
    return c.json({ login: trader.login, traderId: trader.traderId });
  });

  app.post('/ctid/users/:userId/traders/:login', (c) => {
    const user = store.users.get(Number(c.req.param('userId')));
    const trader = store.traders.get(Number(c.req.param('login')));
    if (!user || user.deleted) return fail(c, 'USER_NOT_FOUND');
    if (!trader) return fail(c, 'NOT_FOUND');
    trader.userId = user.userId;
    return c.json({ userId: user.userId, login: trader.login });
  });

  app.post('/ctid/users/:userId/agreement', (c) => {
    const user = store.users.get(Number(c.req.param('userId')));
    if (!user || user.deleted) return fail(c, 'USER_NOT_FOUND');
    user.agreementAcceptedAt = new Date().toISOString();
    return c.json({ userId: user.userId, acceptedAt: user.agreementAcceptedAt });
  });

  app.post('/webserv/traders/:login/changebalance', async (c) => {
    const trader = store.traders.get(Number(c.req.param('login')));
    if (!trader) return fail(c, 'NOT_FOUND');
    const body = await readBody(c);
    const type = body.type === 'WITHDRAW' ? -1n : body.type === 'DEPOSIT' ? 1n : 0n;
    let amount: bigint;
    try {
      amount = toMicros(String(body.preciseAmount ?? ''));
    } catch {
      return fail(c, 'MISSING_REQUIRED_PARAMETER');
    }
    if (type === 0n || amount <= 0n) return fail(c, 'MISSING_REQUIRED_PARAMETER');
    // Like the real platform, an amount finer than the account currency's minor units is refused.
    if ((String(body.preciseAmount).split('.')[1] ?? '').length > minorDigitsOf(trader.currency))
      return fail(c, 'MISSING_REQUIRED_PARAMETER');
    const externalId = typeof body.externalId === 'string' && body.externalId ? body.externalId : undefined;
    const earlier = externalId ? store.balanceChanges.get(externalId) : undefined;
    if (earlier) return c.json({ login: earlier.login, balance: earlier.balance });
    trader.balanceMicros += type * amount;
    const balance = fromMicros(trader.balanceMicros);
    if (externalId)
      store.balanceChanges.set(externalId, {
        login: trader.login,
        preciseAmount: String(body.preciseAmount),
        type: String(body.type),
        balance,
      });
    return c.json({ login: trader.login, balance });
  });

  // How the broker resolves a change whose answer it never got: by its externalId.
  app.get('/webserv/traders/:login/changebalance/:externalId', (c) => {
    const change = store.balanceChanges.get(c.req.param('externalId'));
    if (!change || change.login !== Number(c.req.param('login'))) return fail(c, 'NOT_FOUND');
    return c.json({ externalId: c.req.param('externalId'), ...change });
  });

  app.post('/ctid/users/:userId/ribbons', async (c) => {
    const user = store.users.get(Number(c.req.param('userId')));
    if (!user || user.deleted) return fail(c, 'USER_NOT_FOUND');
    const body = await readBody(c);
    if (Array.isArray(body.ribbons)) user.ribbons = body.ribbons.slice(0, 50);
    else {
      // One rule: it replaces the rule with its id (a disabled one then hides it), or joins the others.
      const others = user.ribbons.filter((ribbon) => (ribbon as { id?: unknown }).id !== body.id);
      user.ribbons = [...others, body].slice(-50);
    }
    return c.json({ userId: user.userId, ribbons: user.ribbons.length });
  });

  app.post('/ctid/referrals', async (c) => {
    const body = await readBody(c);
    const invitedUserId = num(body.invitedUserId);
    if (invitedUserId === undefined) return fail(c, 'MISSING_REQUIRED_PARAMETER');
    const earlier = store.referrals.find(
      (entry) => (entry as { invitedUserId: number }).invitedUserId === invitedUserId,
    );
    store.referrals.push(body);
    return c.json({ result: earlier ? 'REATTRIBUTED' : 'ATTRIBUTED_NEW' });
  });

  // Seed 001: the broker validates an OT token the platform issued; the answer is the seed's token data.
  app.post('/ctid2/inAppOneTimeToken/validate', async (c) => {
    const token = str((await readBody(c)).token);
    if (!token) return fail(c, 'MISSING_REQUIRED_PARAMETER');
    const result = store.redeemToken(token);
    if (!result.ok) return fail(c, result.code);
    return c.json({
      valid: true,
      userId: result.user.userId,
      email: result.user.email,
      firstName: result.user.firstName,
      lastName: result.user.lastName,
      tradingLogin: result.data.tradingLogin,
      expiresAt: new Date(result.data.expiresAt).toISOString(),
      action: result.data.action,
    });
  });

  // Seed 001 stage 2: the app asks its backend for an OT token with the user's session.
  app.get('/ctid2/inAppOneTimeToken/data', (c) => {
    const bearer = c.req.header('authorization')?.replace(/^Bearer /, '');
    const user = store.sessionUser(bearer);
    if (!user) return fail(c, 'CH_CLIENT_AUTH_FAILURE');
    const action = c.req.query('action') ?? 'deposit';
    const account = num(c.req.query('account'));
    const tradingLogin = account ?? store.tradersOf(user.userId)[0]?.login;
    const expiresAt = Date.now() + ttlMs;
    const otToken = store.issueToken({ userId: user.userId, action, tradingLogin, expiresAt });
    return c.json({
      otToken,
      userId: user.userId,
      email: user.email,
      tradingLogin,
      expiresAt: new Date(expiresAt).toISOString(),
      action,
    });
  });

  // ── the app (the simulator pages call these) ───────────────────────────────────────────────────────────
  // One device per browser (an HttpOnly cookie); a first request that creates it may ask for it twice.
  const devicesOfRequests = new WeakMap<Request, string>();
  const deviceOf = (c: Context) => {
    let id = devicesOfRequests.get(c.req.raw) ?? getCookie(c, deviceCookie);
    if (!id || !/^[\w-]{20,64}$/.test(id)) {
      id = newSecret();
      setCookie(c, deviceCookie, id, { httpOnly: true, sameSite: 'Strict', path: '/' });
    }
    devicesOfRequests.set(c.req.raw, id);
    return store.device(id);
  };

  const describe = (c: Context) => {
    const device = deviceOf(c);
    const user = store.sessionUser(device.platformSession);
    return {
      brokerUrl: options.brokerUrl,
      simulatorUrl: options.publicUrl,
      successUrl: `${options.publicUrl}/callback/success`,
      session: user
        ? {
            userId: user.userId,
            email: user.email,
            createdBy: user.createdBy,
            accessToken: device.accessToken ? mask(device.accessToken) : undefined,
            accessTokenExpiresAt: device.accessTokenExpiresAt,
            ribbons: ribbonsOf(user.ribbons),
            accounts: store.tradersOf(user.userId).map((trader) => ({
              login: trader.login,
              currency: trader.currency,
              environment: trader.environment,
              balance: fromMicros(trader.balanceMicros),
            })),
          }
        : undefined,
      storedAccessToken: device.accessToken !== undefined && device.storeAccessToken === true,
    };
  };

  app.get('/sim/api/state', (c) => c.json(describe(c)));

  app.get('/sim/api/broker-config', async (c) => c.json(await broker.configuration()));

  // Seed 002 stage 1 and "automatic re-login": a stored accessToken that the broker still accepts opens the
  // session with no login screen; otherwise the app must show the broker's login.
  app.post('/sim/api/launch', async (c) => {
    const device = deviceOf(c);
    if (device.accessToken && device.storeAccessToken) {
      try {
        const { userId } = await broker.validateAccessToken(device.accessToken);
        device.userId = userId;
        device.platformSession = store.openSession(ensureUser(userId));
        return c.json({ status: 'relogged', ...describe(c) });
      } catch {
        device.accessToken = undefined;
        device.platformSession = undefined;
      }
    }
    return c.json({ status: 'login-required', ...describe(c) });
  });

  // Seed 002 stages 6–7: the webview reached the success URL with ?token=; exchange it server to server.
  app.post('/sim/api/exchange', async (c) => {
    const device = deviceOf(c);
    const token = str((await readBody(c)).token);
    if (!token) return fail(c, 'MISSING_REQUIRED_PARAMETER');
    try {
      const result = await broker.exchange(token);
      device.userId = result.userId;
      // Seed 002: only a user who chose "keep me logged in" is signed in again automatically next time.
      device.accessToken = result.accessToken;
      device.storeAccessToken = result.keepLoggedIn !== false;
      device.accessTokenExpiresAt =
        result.expiresIn === undefined ? undefined : new Date(Date.now() + result.expiresIn * 1000).toISOString();
      device.platformSession = store.openSession(ensureUser(result.userId));
      return c.json({ status: 'signed-in', ...describe(c) });
    } catch (error) {
      const code = error instanceof BrokerCallError ? error.code : 'PLATFORM_UNAVAILABLE';
      return c.json({ error: 'Exchange failed', message: 'The broker refused the token', code }, 502);
    }
  });

  // Handoff: the platform is the identity provider; its own demo user signs in to the app.
  app.post('/sim/api/platform-login', (c) => {
    const device = deviceOf(c);
    device.userId = store.demoUser.userId;
    device.platformSession = store.openSession(store.demoUser.userId);
    return c.json({ status: 'signed-in', ...describe(c) });
  });

  app.post('/sim/api/logout', (c) => {
    const device = deviceOf(c);
    device.platformSession = undefined;
    device.userId = undefined;
    return c.json(describe(c));
  });

  /** Forgets the stored accessToken as well: the next launch shows the login screen. */
  app.post('/sim/api/forget', (c) => {
    const device = deviceOf(c);
    Object.assign(device, { platformSession: undefined, userId: undefined, accessToken: undefined });
    return c.json(describe(c));
  });

  // Opens an in-app screen as the app does: an OT token from the platform backend, then the broker URL.
  app.post('/sim/api/open', async (c) => {
    const device = deviceOf(c);
    const body = await readBody(c);
    const action = inAppActions.find((name) => name === body.action);
    const scenario = scenarios.find((name) => name === body.scenario) ?? 'valid';
    const user = store.sessionUser(device.platformSession);
    if (!action) return fail(c, 'MISSING_REQUIRED_PARAMETER');
    if (!user && scenario !== 'unknown') return fail(c, 'CH_CLIENT_AUTH_FAILURE', 401);
    const account = num(body.account) ?? (user ? store.tradersOf(user.userId)[0]?.login : undefined);
    let token: string;
    if (scenario === 'broker-issued') {
      if (!device.accessToken) return fail(c, 'CH_CLIENT_AUTH_FAILURE', 401);
      try {
        token = await broker.inAppToken(device.accessToken, action, account);
      } catch (error) {
        return fail(c, error instanceof BrokerCallError ? error.code : 'PLATFORM_UNAVAILABLE', 502);
      }
    } else {
      token =
        scenario === 'valid' || scenario in scenarioFaults
          ? await askPlatform(device.platformSession!, action, account)
          : issueFor(scenario, user?.userId ?? 0, action, account);
    }
    const fault = scenarioFaults[scenario];
    store.fault = fault ? { endpoint: 'validate', ...fault } : undefined;
    const url = new URL(`/inapp/${action}`, options.brokerUrl);
    url.searchParams.set('token', token);
    if (account !== undefined) url.searchParams.set('account', String(account));
    for (const name of ['lang', 'theme', 'source', 'actionType', 'kycType'] as const) {
      const value = str(body[name]);
      if (value) url.searchParams.set(name, value);
    }
    return c.json({ url: url.href });
  });

  app.get('/sim/api/log', (c) => c.json({ entries: store.log }));
  app.get('/sim/api/users', (c) =>
    c.json({
      users: [...store.users.values()].map((user) => ({
        ...user,
        accounts: store
          .tradersOf(user.userId)
          .map((trader) => ({ ...trader, balanceMicros: undefined, balance: fromMicros(trader.balanceMicros) })),
      })),
      referrals: store.referrals,
    }),
  );

  // The broker's success URL (SSO) and return URL (in-app) point here: the simulator notices the webview
  // loading one of these pages (its own origin, so it can read the address) and closes the frame, as the app
  // watches its webview. The pages show nothing and run nothing.
  const landing = (c: Context) => {
    c.header('Cache-Control', 'no-store');
    c.header('Content-Security-Policy', "default-src 'none'; img-src data:; base-uri 'none'; frame-ancestors 'self'");
    return c.html(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>Back to the app</title><link rel="icon" href="data:,"></head><body><p>Back to the app…</p></body></html>',
    );
  };
  app.get('/callback/success', landing);
  app.get('/return', landing);

  app.use(
    '/*',
    serveStatic({
      root: relative(process.cwd(), staticRoot),
      rewriteRequestPath: (path) => (path.endsWith('/') ? `${path}index.html` : path),
    }),
  );

  /** Seed 001 stage 2 as the app does it: its backend's token endpoint, with the user's session bearer. */
  async function askPlatform(session: string, action: string, account: number | undefined): Promise<string> {
    const query = new URLSearchParams({ action, ...(account !== undefined && { account: String(account) }) });
    const response = await app.request(`/ctid2/inAppOneTimeToken/data?${query}`, {
      headers: { authorization: `Bearer ${session}` },
    });
    return ((await response.json()) as { otToken: string }).otToken;
  }

  /** A token made to fail the way the scenario names. */
  function issueFor(scenario: Scenario, userId: number, action: string, tradingLogin: number | undefined) {
    const now = Date.now();
    switch (scenario) {
      case 'unknown':
        return newSecret();
      case 'expired':
        return store.issueToken({ userId, action, tradingLogin, expiresAt: now - 1000 });
      case 'replayed': {
        const token = store.issueToken({ userId, action, tradingLogin, expiresAt: now + ttlMs });
        store.redeemToken(token);
        return token;
      }
      case 'user-deleted': {
        const ghost = store.createUser({ email: `deleted-${now}@example.com` }, 'platform');
        const trader = store.createTrader({ userId: ghost.userId });
        const token = store.issueToken({
          userId: ghost.userId,
          action,
          tradingLogin: trader.login,
          expiresAt: now + ttlMs,
        });
        ghost.deleted = true;
        return token;
      }
      default:
        return store.issueToken({ userId, action, tradingLogin, expiresAt: now + ttlMs });
    }
  }

  /** A user the broker created through the manager API is known; one it did not is added (demo tolerance). */
  function ensureUser(userId: number): number {
    if (!store.users.has(userId))
      store.users.set(userId, {
        userId,
        email: `user-${userId}@example.com`,
        createdBy: 'broker',
        deleted: false,
        ribbons: [],
      });
    return userId;
  }

  return { app, store };
}
