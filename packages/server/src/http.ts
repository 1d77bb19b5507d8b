// Request plumbing shared by every route: the app's dependencies, error answers, body reading, client
// address, rate limits, sessions and the audit trail.
import type { Context } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { BrokerKitError, type ErrorCode } from '@broker-kit/core/errors.ts';
import { requestShapeError } from '@broker-kit/core/rules/problems.ts';
import type { BrokerConfig, ModuleName, ServerSettings } from './config.ts';
import type { Mailer } from './mailer.ts';
import type { Metrics } from './metrics.ts';
import type { PaymentService } from './payments/service.ts';
import type { PlatformClient } from './platform.ts';
import type { AuditEntry, SessionKind, SessionRecord, StoreHandle, UserRecord } from './store/index.ts';
import { hashToken, newToken } from './crypto.ts';
import { forwardedClient, forwardedHttps } from './proxy.ts';
import { sessionAllows } from './session-scope.ts';
import type { RouteName } from '@broker-kit/core/adapter/routes.ts';

/** Structured fields of a log line: ids, route patterns, statuses, codes; never a secret or personal data. */
export type LogFields = Record<string, string | number | boolean | undefined>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface Deps {
  config: BrokerConfig;
  settings: ServerSettings;
  stores: StoreHandle;
  platform: PlatformClient;
  /** Deposits through the payment provider port; absent when no provider is configured. */
  payments?: PaymentService;
  /** Outgoing mail (password reset links); the store's dev outbox unless the broker plugs its own. */
  mailer: Mailer;
  /** Server clock in epoch ms; injectable so tests can move time. */
  now: () => number;
  logger: Logger;
  metrics: Metrics;
}

/** Read variables with `c.get('deps')`: Hono's `c.var` copies every variable into a new object at each read. */
export type AppEnv = {
  Variables: {
    deps: Deps;
    ip: string;
    nonce: string;
    /** Names this request in its log line and its audit entries (and in the X-Request-Id answer header). */
    requestId: string;
    /** The error code of an error answer, for the metrics. */
    errorCode?: string;
    /** The adapter call this request is (see routes/table.ts): an in-app session is held to its screen's. */
    route?: RouteName;
  };
};
export type Ctx = Context<AppEnv>;

export function fail(
  code: ErrorCode,
  message?: string,
  options?: ConstructorParameters<typeof BrokerKitError>[2],
): never {
  throw new BrokerKitError(code, message, options);
}

/** Parses a JSON body against a schema; arrays, objects or numbers where a string is due are rejected here, before any store access. */
export async function readJson<T>(
  c: Ctx,
  schema: {
    safeParse(
      value: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  options: { form?: boolean } = {},
): Promise<T> {
  const type = c.req.header('content-type') ?? '';
  let body: unknown;
  if (options.form && type.startsWith('application/x-www-form-urlencoded')) {
    const params = new URLSearchParams(await c.req.text());
    body = Object.fromEntries(
      [...params.keys()].map((key) => [key, params.getAll(key).length > 1 ? params.getAll(key) : params.get(key)]),
    );
  } else {
    if (!type.startsWith('application/json')) fail('INVALID_REQUEST', 'Expected application/json');
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      fail('INVALID_REQUEST', 'Malformed JSON');
    }
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw requestShapeError(parsed.error.issues);
}

export function clientIp(c: Ctx, trustProxyHops: number): string {
  const forwarded = forwardedClient(c.req.header('x-forwarded-for'), trustProxyHops);
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

type LimitRule = { limit: number; windowSeconds: number };

function refuse(c: Ctx, key: string, resetAt: number, at: number): never {
  const retryAfter = Math.max(1, Math.ceil((resetAt - at) / 1000));
  c.header('Retry-After', String(retryAfter));
  c.get('deps').metrics.rateLimitRefusals.inc({ rule: key.split(':')[0] });
  audit(c, { event: 'rate-limit', outcome: 'failure', detail: { key: key.split(':')[0] } });
  fail('RATE_LIMITED', 'Too many requests', { retryAfter });
}

/** Counts a hit; over the limit answers 429 with Retry-After (SECURITY 9). */
export async function limit(c: Ctx, key: string, rule: LimitRule): Promise<void> {
  const { stores, now } = c.get('deps');
  const at = now();
  const { count, resetAt } = await stores.rateLimits.hit(key, rule.windowSeconds * 1000, at);
  if (count > rule.limit) refuse(c, key, resetAt, at);
}

/**
 * A limit on failures only (guesses, not use): `check` refuses a caller whose failures reached the limit, before
 * anything is judged; `count` records one failure. Legitimate traffic, which succeeds, is never held back.
 */
export const failureLimit = {
  async check(c: Ctx, key: string, rule: LimitRule): Promise<void> {
    const { stores, now } = c.get('deps');
    const at = now();
    const { count, resetAt } = await stores.rateLimits.peek(key, rule.windowSeconds * 1000, at);
    if (count >= rule.limit) refuse(c, key, resetAt, at);
  },
  async count(c: Ctx, key: string, rule: LimitRule): Promise<void> {
    const { stores, now } = c.get('deps');
    await stores.rateLimits.hit(key, rule.windowSeconds * 1000, now());
  },
};

/** One address counts once per key in a day: repeating a click or a sign-up from one place inflates nothing. */
const onceFromAddressMs = 86_400_000;

/**
 * Whether an anonymous event (an invite click, an attributed sign-up) is counted: once a day per address and key,
 * and at most `rule.limit` per key in its window. It never refuses the request, which goes on uncounted; a store
 * failure counts nothing.
 */
export async function countsOnce(c: Ctx, key: string, rule: LimitRule): Promise<boolean> {
  const { stores, now } = c.get('deps');
  const at = now();
  try {
    const fromAddress = await stores.rateLimits.hit(`${key}:${c.get('ip')}`, onceFromAddressMs, at);
    if (fromAddress.count > 1) return false;
    return (await stores.rateLimits.hit(key, rule.windowSeconds * 1000, at)).count <= rule.limit;
  } catch {
    return false;
  }
}

/** Appends to the audit trail; a failing audit write is reported, never lets a token leak into a log. */
export function audit(c: Ctx, entry: Omit<AuditEntry, 'at' | 'ip'>): void {
  const { stores, now, logger } = c.get('deps');
  const requestId = c.get('requestId');
  try {
    stores.audit.append({ ...entry, detail: { ...entry.detail, requestId }, at: now(), ip: c.get('ip') });
  } catch {
    logger.error(`audit write failed for ${entry.event}`, { requestId });
  }
}

export function requireModule(c: Ctx, module: ModuleName): void {
  if (!c.get('deps').config.modules.includes(module)) fail('MODULE_DISABLED', `The ${module} module is not enabled`);
}

/**
 * Runs a token endpoint so that any failure of ours (a store down, a bug) answers `code` ("invalid"),
 * never a success (SECURITY 12). BrokerKitErrors keep their own code.
 */
export async function failClosed<T>(c: Ctx, code: ErrorCode, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof BrokerKitError) throw error;
    c.get('deps').logger.error(`token endpoint failed closed (${error instanceof Error ? error.name : 'error'})`, {
      requestId: c.get('requestId'),
    });
    audit(c, { event: 'token.error', outcome: 'failure' });
    fail(code, 'The token could not be verified');
  }
}

// ── sessions ────────────────────────────────────────────────────────────────────────────────────────────
/**
 * The session cookie. Over https it is `__Host-bk_session` (Secure, Path=/, no Domain). Browsers refuse
 * `__Host-` without Secure, and Secure cookies need https, so plain-http development on the loopback address
 * uses `bk_session`; any other plain-http origin gets no session at all.
 */
export function sessionCookie(c: Ctx): { name: string; secure: boolean } | undefined {
  const url = c.req.url;
  const https =
    url.startsWith('https:') || forwardedHttps(c.req.header('x-forwarded-proto'), c.get('deps').settings.trustProxy);
  if (https) return { name: '__Host-bk_session', secure: true };
  if (loopbackHosts.includes(hostOf(url))) return { name: 'bk_session', secure: false };
  return undefined;
}

const loopbackHosts = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * The host name of a request URL as `URL.hostname` gives it (IPv6 in brackets), read from the string: the URL is
 * already WHATWG-normalised (lower case, no user info), and a URL object per request is measurable on a hot path.
 * Anything unexpected gives a name no list matches, so it fails closed.
 */
export function hostOf(url: string): string {
  const start = url.indexOf('//') + 2;
  const end = url.indexOf('/', start);
  const authority = url.slice(start, end === -1 ? undefined : end);
  return authority.startsWith('[') ? authority.slice(0, authority.indexOf(']') + 1) : authority.split(':')[0]!;
}

/** Opens a fresh session (a new random id every time: SECURITY 15) and sets its cookie. */
export async function openSession(
  c: Ctx,
  session: {
    userId: number;
    origin?: string;
    action?: string;
    tradingLogin?: number;
    keepLoggedIn?: boolean;
    embeddable?: boolean;
  },
  /** Synchronous SQLite work committed with the session (see SessionStore.create). */
  alongside?: () => void,
): Promise<void> {
  const cookie = sessionCookie(c) ?? fail('INVALID_REQUEST', 'Sessions need https');
  const { stores, config, now } = c.get('deps');
  const previous = getCookie(c, cookie.name);
  if (previous) await stores.sessions.revoke(hashToken(previous));
  const id = newToken();
  const at = now();
  const maxAge = config.sessionTtlMinutes * 60;
  await stores.sessions.create(
    {
      hash: hashToken(id),
      kind: 'browser',
      ...session,
      createdAt: at,
      expiresAt: at + maxAge * 1000,
    },
    alongside,
  );
  // An in-app screen framed by a client area on another site only gets its cookie back as SameSite=None
  // (partitioned per top-level site); CSRF stays closed by the header and Origin checks.
  const framed = session.embeddable === true && cookie.secure && config.embeddingOrigins.length > 0;
  setCookie(c, cookie.name, id, {
    path: '/',
    httpOnly: true,
    secure: cookie.secure,
    sameSite: framed ? 'None' : 'Lax',
    ...(framed && { partitioned: true }),
    maxAge,
  });
}

export async function closeSession(c: Ctx): Promise<void> {
  const cookie = sessionCookie(c);
  if (!cookie) return;
  const id = getCookie(c, cookie.name);
  if (id) await c.get('deps').stores.sessions.revoke(hashToken(id));
  deleteCookie(c, cookie.name, { path: '/', secure: cookie.secure });
}

/** The user, unless deleted or disabled by the back office: only such a user holds a session, redeems or logs in. */
export function activeUser(deps: Deps, userId: number): UserRecord | undefined {
  const user = deps.stores.users.byUserId(userId);
  return user?.disabledAt === undefined ? user : undefined;
}

/** The caller's session: the screens' cookie, or the platform's Bearer access token. */
export async function requireSession(
  c: Ctx,
  kinds: readonly SessionKind[] = ['browser', 'access'],
): Promise<SessionRecord> {
  const { stores, now } = c.get('deps');
  // A request that names a credential is judged by it alone: a bad Authorization never falls back to the cookie.
  const authorization = c.req.header('authorization');
  const bearer = authorization?.match(/^Bearer ([A-Za-z0-9_-]{1,200})$/)?.[1];
  if (authorization !== undefined && !bearer) fail('SESSION_EXPIRED', 'Unsupported credential');
  const cookie = sessionCookie(c);
  const id = bearer ?? (cookie && getCookie(c, cookie.name));
  if (!id || id.length > 200) fail('SESSION_EXPIRED', 'No session');
  let session: SessionRecord | undefined;
  try {
    session = await stores.sessions.get(hashToken(id), now());
  } catch {
    session = undefined; // fail closed
  }
  if (!session || !kinds.includes(session.kind)) fail('SESSION_EXPIRED', 'No valid session');
  // Checked on every use, not only revoked once: a session held in Redis by another process ends as well.
  if (session.kind !== 'client' && !activeUser(c.get('deps'), session.userId))
    fail('SESSION_EXPIRED', 'No valid session');
  if (!sessionAllows(session, c.get('route')))
    fail('CH_INSUFFICIENT_PERMISSIONS', 'This session was opened for another screen');
  return session;
}
