// The endpoints the platform calls server to server (seed 002 stage 6, public spellings of DOMAIN.md).
import type { Hono } from 'hono';
import * as z from 'zod';
import { BrokerKitError, type ErrorCode } from '@broker-kit/core/errors.ts';
import { hashToken, newToken, ownTokenPattern, secretsEqual } from '../crypto.ts';
import {
  activeUser,
  audit,
  closeSession,
  fail,
  failClosed,
  failureLimit,
  limit,
  readJson,
  requireSession,
  type AppEnv,
  type Ctx,
} from '../http.ts';
import { accountOf } from '../store/accounts.ts';
import { issueToken, redeemToken, screensClientId } from '../tokens.ts';

const clientTokenTtlMs = 60 * 60_000;
/** Query parameters the login screen understands; everything else is dropped on the way through /oauth2/authorize. */
const forwardedParams = [
  'firstLogin',
  'lang',
  'source',
  'theme',
  'partnerId',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'gclid',
  'eventName',
];

function noStore(c: Ctx): void {
  c.header('Cache-Control', 'no-store');
  c.header('Pragma', 'no-cache');
}

/** The calling client, from its crmApiToken (Authorization: Bearer, or `crmApiToken` in the body). */
async function authenticateClient(c: Ctx, bodyToken: unknown): Promise<string> {
  const header = c.req.header('authorization')?.match(/^Bearer (\S{1,200})$/)?.[1];
  const token = header ?? (typeof bodyToken === 'string' ? bodyToken : undefined);
  if (!token || !ownTokenPattern.test(token)) fail('CH_CLIENT_AUTH_FAILURE', 'Client authentication failed');
  let session;
  try {
    const { stores, now } = c.get('deps');
    session = await stores.sessions.get(hashToken(token), now());
  } catch {
    session = undefined;
  }
  if (!session || session.kind !== 'client' || !session.clientId)
    fail('CH_CLIENT_AUTH_FAILURE', 'Client authentication failed');
  return session.clientId;
}

const exchangeBody = z
  .object({ token: z.unknown().optional(), code: z.unknown().optional(), crmApiToken: z.unknown().optional() })
  .loose();

/**
 * Exchanges an SSO OT token for the user's revocable access token: long-lived when "Keep me logged in" was
 * chosen (the platform may then re-login automatically, seed 002), short otherwise.
 */
function exchange(codes: { invalid: ErrorCode; expired: ErrorCode }) {
  return (c: Ctx) => failClosed(c, codes.invalid, () => exchangeToken(c, codes));
}

async function exchangeToken(c: Ctx, codes: { invalid: ErrorCode; expired: ErrorCode }) {
  noStore(c);
  const deps = c.get('deps');
  const body = await readJson(c, exchangeBody, { form: true });
  const clientId = await authenticateClient(c, body.crmApiToken);
  // Failed exchanges are guesses and count; successful ones are the broker's logins and never run a limit out.
  const rule = deps.config.rateLimits.exchangePerClient;
  const keys = [`exchange-ip:${c.get('ip')}`, `exchange-client:${clientId}`];
  for (const key of keys) await failureLimit.check(c, key, rule);
  try {
    return await redeemForAccess(c, codes, body, clientId);
  } catch (error) {
    for (const key of keys) await failureLimit.count(c, key, rule);
    throw error;
  }
}

async function redeemForAccess(
  c: Ctx,
  codes: { invalid: ErrorCode; expired: ErrorCode },
  body: z.infer<typeof exchangeBody>,
  clientId: string,
) {
  const deps = c.get('deps');
  const token = body.token ?? body.code;
  if (token === undefined || token === null || token === '') fail('MISSING_REQUIRED_PARAMETER', 'token is required');
  if (typeof token !== 'string' || !ownTokenPattern.test(token)) fail(codes.invalid, 'Malformed token');
  const record = await redeemToken(c, token, { purposes: ['sso-login', 'platform-web'], clientId }, codes);
  if (!record) {
    audit(c, { event: 'token.exchange', outcome: 'failure', actor: clientId, detail: { reason: 'unknown' } });
    fail(codes.invalid);
  }
  if (!activeUser(deps, record.userId)) fail('USER_NOT_FOUND');
  const accessToken = newToken();
  const at = deps.now();
  const keepLoggedIn = record.keepLoggedIn === true;
  const ttlSeconds = keepLoggedIn
    ? deps.config.accessTokenTtlDays * 86_400
    : deps.config.shortAccessTokenTtlHours * 3600;
  // The access token's session and its audit entry commit together (one transaction on SQLite).
  await deps.stores.sessions.create(
    {
      hash: hashToken(accessToken),
      kind: 'access',
      userId: record.userId,
      clientId,
      origin: hashToken(token),
      ...(record.tradingLogin !== undefined && { tradingLogin: record.tradingLogin }),
      createdAt: at,
      expiresAt: at + ttlSeconds * 1000,
    },
    () =>
      audit(c, {
        event: 'token.exchange',
        outcome: 'success',
        userId: record.userId,
        actor: clientId,
        detail: { purpose: record.purpose, keepLoggedIn },
      }),
  );
  return c.json({ userId: record.userId, accessToken, tokenType: 'Bearer', expiresIn: ttlSeconds, keepLoggedIn });
}

function postOnly(app: Hono<AppEnv>, path: string): void {
  app.on(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'], path, (c) => {
    c.header('Allow', 'POST');
    noStore(c);
    return c.json(new BrokerKitError('INVALID_REQUEST', 'Method not allowed').toBody(), 405);
  });
}

export function oauthRoutes(app: Hono<AppEnv>): void {
  app.post('/oauth2/crmApiToken', async (c) => {
    noStore(c);
    const { deps } = c.var;
    const body = await readJson(
      c,
      z.object({ password: z.string().max(512), clientId: z.string().max(100).optional() }),
      { form: true },
    );
    await limit(c, `client-auth-ip:${c.var.ip}`, deps.config.rateLimits.tokenPerIp);
    // Every configured client is compared, matched or not, so timing does not tell which one exists.
    let matched: string | undefined;
    for (const client of deps.settings.clients) {
      const idOk = body.clientId === undefined || secretsEqual(body.clientId, client.id);
      if (secretsEqual(body.password, client.password) && idOk) matched ??= client.id;
    }
    if (!matched) {
      audit(c, { event: 'client.authenticate', outcome: 'failure' });
      fail('CH_CLIENT_AUTH_FAILURE', 'Client authentication failed');
    }
    const crmApiToken = newToken();
    const at = deps.now();
    await deps.stores.sessions.create({
      hash: hashToken(crmApiToken),
      kind: 'client',
      userId: 0,
      clientId: matched,
      createdAt: at,
      expiresAt: at + clientTokenTtlMs,
    });
    audit(c, { event: 'client.authenticate', outcome: 'success', actor: matched });
    return c.json({ crmApiToken, expiresIn: clientTokenTtlMs / 1000 });
  });

  app.post('/oauth2/token', exchange({ invalid: 'INVALID_OT_TOKEN', expired: 'TOKEN_EXPIRED' }));
  app.post('/oauth2/onetime/authorize', exchange({ invalid: 'CID_NON_EXISTED_TOKEN', expired: 'CID_TOKEN_EXPIRED' }));
  for (const path of ['/oauth2/crmApiToken', '/oauth2/token', '/oauth2/onetime/authorize']) postOnly(app, path);

  // Public entry to the login screen. A redirect_uri, if given, must be exactly the registered success URL.
  app.get('/oauth2/authorize', (c) => {
    const { config } = c.var.deps;
    const redirectUris = c.req.queries('redirect_uri') ?? [];
    if (redirectUris.length > 1 || (redirectUris[0] !== undefined && redirectUris[0] !== config.successUrl)) {
      audit(c, { event: 'authorize', outcome: 'failure', detail: { reason: 'unregistered-redirect' } });
      fail('INVALID_REQUEST', 'redirect_uri is not registered');
    }
    const target = new URLSearchParams();
    for (const name of forwardedParams) {
      const value = c.req.query(name);
      if (value !== undefined && value.length <= 200) target.set(name, value);
    }
    const query = target.toString();
    return c.redirect(`/auth/login${query ? `?${query}` : ''}`, 302);
  });

  // Ends the platform's access token (Bearer) and the screens' session cookie, whichever the caller has.
  app.post('/oauth2/logout', async (c) => {
    noStore(c);
    const bearer = c.req.header('authorization')?.match(/^Bearer ([A-Za-z0-9_-]{43})$/)?.[1];
    if (bearer) await c.var.deps.stores.sessions.revoke(hashToken(bearer));
    await closeSession(c);
    audit(c, { event: 'logout', outcome: 'success', detail: { accessToken: Boolean(bearer) } });
    return c.body(null, 204);
  });

  // Under SSO the platform, holding the user's access token, asks for an in-app OT token to open a screen.
  app.post('/api/inapp-token', async (c) => {
    noStore(c);
    const { deps } = c.var;
    const session = await requireSession(c, ['access']);
    await limit(c, `inapp-token-user:${session.userId}`, deps.config.rateLimits.inAppTokenPerUser);
    const body = await readJson(
      c,
      z.object({
        action: z.enum(['deposit', 'withdraw', 'kyc', 'action', 'chat', 'invite']),
        tradingLogin: z.number().int().optional(),
      }),
    );
    // Only a login the broker's records tie to this user: the token must never claim someone else's, or a new one.
    const tradingLogin = body.tradingLogin ?? session.tradingLogin;
    if (tradingLogin !== undefined && !accountOf(deps.stores.db, session.userId, tradingLogin)) {
      audit(c, {
        event: 'token.issue',
        outcome: 'failure',
        userId: session.userId,
        detail: { reason: 'not-own-login' },
      });
      fail('CH_INSUFFICIENT_PERMISSIONS', 'Not your account');
    }
    const { token, expiresAt } = await issueToken(deps, {
      purpose: 'in-app',
      userId: session.userId,
      clientId: screensClientId,
      action: body.action,
      tradingLogin,
      ttlMs: deps.config.tokenTtlMs,
    });
    audit(c, {
      event: 'token.issue',
      outcome: 'success',
      userId: session.userId,
      detail: { purpose: 'in-app', action: body.action },
    });
    return c.json({ token, expiresAt: new Date(expiresAt).toISOString() });
  });
}
