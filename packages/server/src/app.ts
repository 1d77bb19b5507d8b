// Composition of the reference backend: createApp(deps) is the whole HTTP surface; startServer() runs it.
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { matchedRoutes } from 'hono/route';
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import { clientHeader, idempotencyHeader } from '@broker-kit/core/adapter/routes.ts';
import {
  brokerConfigFromEnv,
  refuseWeakSecrets,
  settingsFromEnv,
  type BrokerConfig,
  type ServerSettings,
} from './config.ts';
import { addressedToUs, forwardedHttps } from './proxy.ts';
import { everyAnswerHeaders, hstsHeader } from './security-headers.ts';
import { clientIp, type AppEnv, type Ctx, type Deps, type Logger } from './http.ts';
import { jsonLogger } from './log.ts';
import { countStoreErrors, instrumentPort, Metrics } from './metrics.ts';
import { devOutboxRoutes, OutboxMailer, type Mailer } from './mailer.ts';
import { HttpPlatformClient, type PlatformClient } from './platform.ts';
import { openStores } from './store/index.ts';
import { purgeKycDrafts } from './store/kyc-drafts.ts';
import { engageRoutes } from './routes/engage.ts';
import { hostedRoutes } from './routes/hosted.ts';
import { identityRoutes } from './routes/identity.ts';
import { kycRoutes, kycWebhookRoutes } from './routes/kyc.ts';
import { kycReviewRoutes } from './routes/kyc-review.ts';
import { moneyRoutes } from './routes/money.ts';
import { oauthRoutes } from './routes/oauth.ts';
import { backofficeRoutes } from './routes/backoffice.ts';
import { backofficeUserRoutes } from './routes/backoffice-users.ts';
import { monitoringRoutes } from './routes/monitoring.ts';
import { healthRoutes } from './health.ts';
import { auditRoutes } from './routes/audit.ts';
import { HttpPaymentProvider } from './payments/provider.ts';
import { paymentWebhookRoutes, webhookPath } from './payments/routes.ts';
import { PaymentService } from './payments/service.ts';
import { PaymentStore } from './payments/store.ts';

export { screenRoutes } from './routes/hosted.ts';

/** JSON bodies are small; only KYC documents are large, and capped by configuration. */
export const jsonBodyLimit = 16 * 1024;

function errorResponse(c: Ctx, error: BrokerKitError, status = error.status): Response {
  c.set('errorCode', error.code);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
  if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
  return new Response(JSON.stringify(error.toBody()), { status, headers });
}

function isStateChanging(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/** The path of a parsed (WHATWG-normalised) URL string, still percent-encoded, without building a URL object. */
function pathOf(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start === -1) return '/';
  const end = url.search(/[?#]/);
  return url.slice(start, end === -1 ? undefined : end);
}

/** The pattern of the route that answers (or would have): `/api/payments/:id`, never the raw path. */
function routeOf(c: Ctx): string {
  const routes = matchedRoutes(c);
  for (let index = routes.length - 1; index >= 0; index--) {
    const { method, path } = routes[index]!;
    if (method !== 'ALL' || (path !== '*' && path !== '/*')) return path;
  }
  return 'unmatched';
}

/** The configured origins a cookie-carrying change may come from, besides the request's own; once per configuration. */
const configuredOrigins = new WeakMap<BrokerConfig, Set<string>>();
function originsOf(config: BrokerConfig): Set<string> {
  let origins = configuredOrigins.get(config);
  if (!origins) {
    origins = new Set([
      new URL(config.publicUrl).origin,
      ...config.embeddingOrigins.map((item) => new URL(item).origin),
      ...config.allowedClientOrigins.map((item) => new URL(item).origin),
    ]);
    configuredOrigins.set(config, origins);
  }
  return origins;
}

/** CORS for the configured client areas, with their credentials; once per configuration. */
const corsOf = new WeakMap<BrokerConfig, MiddlewareHandler>();
function clientCors(config: BrokerConfig): MiddlewareHandler {
  let handler = corsOf.get(config);
  if (!handler) {
    const origins = new Set(config.allowedClientOrigins.map((item) => new URL(item).origin));
    handler = cors({
      origin: (origin) => (origins.has(origin) ? origin : null),
      credentials: true,
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowHeaders: ['Content-Type', clientHeader, idempotencyHeader, 'Last-Event-ID'],
      exposeHeaders: ['Retry-After'],
      maxAge: 600,
    });
    corsOf.set(config, handler);
  }
  return handler;
}

/** Paths a load balancer or a metrics scraper inside the deployment calls by the process's own address. */
const unaddressedPaths = new Set(['/metrics', '/livez', '/readyz']);

export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set('deps', deps);
    c.set('ip', clientIp(c as never, deps.settings.trustProxy));
    const requestId = randomUUID();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    // Set before the handler answers, so its response is built with it: a header added to a finished response
    // makes Hono rebuild that response as a full fetch Response with a streamed body, for every request.
    const headers = Object.entries(everyAnswerHeaders);
    if (c.req.url.startsWith('https:') || forwardedHttps(c.req.header('x-forwarded-proto'), deps.settings.trustProxy))
      headers.push([...hstsHeader]);
    for (const [name, value] of headers) c.header(name, value);
    const started = performance.now();
    await next();
    // An error answer is a new Response, built without the headers set above.
    if (!c.res.headers.has('Cross-Origin-Opener-Policy')) for (const [name, value] of headers) c.header(name, value);
    if (!c.res.headers.has('X-Request-Id')) c.header('X-Request-Id', requestId);
    // Query strings may carry tokens (?token=…): the access log never prints them (SECURITY 13).
    const url = c.req.url;
    const query = url.includes('?') ? '?[redacted]' : '';
    const { method } = c.req;
    const { status } = c.res;
    const route = routeOf(c);
    const seconds = (performance.now() - started) / 1000;
    deps.metrics.observeRequest(method, route, status, seconds, c.get('errorCode'));
    const ms = Math.round(seconds * 1000);
    deps.logger.info(`${method} ${pathOf(url)}${query} ${status} ${ms}ms`, { requestId, method, route, status, ms });
  });

  // Only requests sent to our public name: a DNS-rebinding page on another name reads nothing (the dev outbox's
  // live links, say). Probes from inside the deployment address the process directly.
  app.use('*', async (c, next) => {
    if (!unaddressedPaths.has(c.req.path) && !addressedToUs(c, deps.config.publicUrl, deps.settings.trustProxy))
      return errorResponse(c, new BrokerKitError('INVALID_REQUEST', 'Unknown host', { status: 421 }));
    await next();
  });

  // Body size cap before anything reads the body (SECURITY 11). A declared Content-Length is judged from the
  // header, as Hono's bodyLimit does, but without touching `c.req.raw.body`: on Node that builds a full fetch
  // Request and a web stream for every request. Bodies of unknown length go through bodyLimit, which counts.
  const tooLarge = (c: Ctx) =>
    errorResponse(c, new BrokerKitError('PAYLOAD_TOO_LARGE', 'The request body is too large'));
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const maxSize = c.req.path === '/api/kyc/documents' ? deps.config.kyc.maxFileSize + 64 * 1024 : jsonBodyLimit;
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number.parseInt(length, 10) > maxSize ? tooLarge(c) : next();
    return bodyLimit({ maxSize, onError: tooLarge })(c, next);
  });

  // A client area on another origin (allowedClientOrigins) calls the API with its cookies: CORS answers its
  // preflight and lets it read the answers; the CSRF check below still requires the kit's header and the Origin.
  app.use('*', (c, next) => {
    const path = c.req.path;
    if (deps.config.allowedClientOrigins.length === 0 || !(path.startsWith('/api/') || path.startsWith('/oauth2/')))
      return next();
    return clientCors(deps.config)(c, next);
  });

  // CSRF (login CSRF included): a cookie-carrying change must come from our pages, which send the kit's
  // header and a same-origin Origin. Bearer-authenticated server-to-server calls carry no ambient credential.
  app.use('*', async (c, next) => {
    const path = c.req.path;
    const guarded = (path.startsWith('/api/') || path === '/oauth2/logout') && isStateChanging(c.req.method);
    const origin = c.req.header('origin');
    const allowed = (value: string) => originsOf(deps.config).has(value) || value === new URL(c.req.url).origin;
    // A server-to-server call names its credential in Authorization and comes from no other site's page; an
    // Authorization header a cross-site page adds does not switch the check off.
    const serverToServer = c.req.header('authorization') !== undefined && (origin === undefined || allowed(origin));
    if (guarded && !serverToServer) {
      if (c.req.header(clientHeader) !== '1' || (origin !== undefined && !allowed(origin)))
        return errorResponse(c, new BrokerKitError('CH_INSUFFICIENT_PERMISSIONS', 'Cross-site request refused'));
    }
    await next();
  });

  monitoringRoutes(app);
  healthRoutes(app);
  oauthRoutes(app);
  identityRoutes(app);
  moneyRoutes(app);
  paymentWebhookRoutes(app);
  kycRoutes(app);
  kycWebhookRoutes(app);
  engageRoutes(app);
  backofficeRoutes(app);
  backofficeUserRoutes(app);
  auditRoutes(app);
  kycReviewRoutes(app);
  devOutboxRoutes(app);
  hostedRoutes(app);

  app.notFound((c) => errorResponse(c, new BrokerKitError('NOT_FOUND', 'No such endpoint')));
  app.onError((error, c) => {
    if (error instanceof BrokerKitError) return errorResponse(c, error);
    // Only the kind of failure is logged: messages of library errors may quote input.
    deps.logger.error(`unhandled ${error.name}`, { requestId: c.get('requestId') });
    return errorResponse(c, new BrokerKitError('SERVER_ERROR', 'Something went wrong'));
  });
  return app;
}

export interface RunningServer {
  url: string;
  port: number;
  deps: Deps;
  close(): Promise<void>;
}

export interface StartOptions {
  settings?: Partial<ServerSettings>;
  config?: BrokerConfig | ((port: number) => BrokerConfig);
  platform?: PlatformClient;
  /** The broker's mail delivery; without one, mail goes to the store's dev outbox (`GET /dev/outbox`). */
  mailer?: Mailer;
  now?: () => number;
  logger?: Logger;
}

/** Opens the store, builds the app and listens on host:port (port 0 picks a free one). */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const settings = { ...settingsFromEnv(), ...options.settings };
  refuseWeakSecrets(settings);
  const metrics = new Metrics();
  const stores = await openStores({
    sqlitePath: settings.sqlitePath,
    redisUrl: settings.redisUrl,
    backgroundCheckpoints: true,
    onError: (store, operation) => metrics.storeError(operation, store),
  });
  metrics.watchStates(stores.db);
  countStoreErrors(stores, metrics);
  let server: ServerType | undefined;
  const deps = {
    settings,
    stores,
    now: options.now ?? Date.now,
    logger: options.logger ?? jsonLogger(settings.logLevel),
    metrics,
  } as Deps;
  deps.mailer = instrumentPort(options.mailer ?? new OutboxMailer(stores.db, () => deps.now()), 'mailer', metrics);
  if (!options.mailer && !settings.devOutbox)
    deps.logger.error('no mailer given: password reset mail goes to the dev outbox table, where no user reads it');
  const app = createApp(deps);
  const port = await new Promise<number>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: settings.host, port: settings.port }, (info: AddressInfo) =>
      resolve(info.port),
    );
  });
  // The public URL defaults to the real port, known only now.
  deps.config =
    typeof options.config === 'object'
      ? options.config
      : (options.config ?? ((p: number) => brokerConfigFromEnv(p)))(port);
  deps.platform = instrumentPort(
    options.platform ??
      new HttpPlatformClient({
        baseUrl: settings.platformUrl,
        managerToken: settings.managerToken,
        paths: deps.config.platformPaths,
        timeoutMs: settings.platformTimeoutMs,
      }),
    'platform',
    metrics,
  );
  const { psp } = settings;
  let reconciling: ReturnType<typeof setInterval> | undefined;
  if (psp) {
    const payments = new PaymentService({
      store: new PaymentStore(stores.db, stores.audit, () => deps.now()),
      provider: instrumentPort(new HttpPaymentProvider({ baseUrl: psp.url, ...psp }), 'payment-provider', metrics),
      platform: () => deps.platform,
      logger: deps.logger,
      now: () => deps.now(),
      urls: {
        webhook: `${deps.config.publicUrl}${webhookPath}`,
        return: (payment) => `${deps.config.publicUrl}/inapp/deposit?account=${payment.account}&payment=${payment.id}`,
      },
      staleAfterMs: Math.max(psp.timeoutMs, settings.platformTimeoutMs) + 1000,
    });
    deps.payments = payments;
    let running: Promise<unknown> | undefined;
    const pass = () => {
      // One pass at a time: a slow platform never stacks them up.
      running ??= payments
        .reconcile()
        .catch(() => deps.logger.error('reconciliation pass failed'))
        .finally(() => (running = undefined));
    };
    pass();
    reconciling = setInterval(pass, settings.reconcileIntervalMs).unref();
  }
  // Spent and expired rows are kept a day (a replay is then still recognised), then removed.
  const housekeeping = setInterval(() => {
    try {
      stores.purge(deps.now() - 86_400_000);
      // Personal data: an expired KYC draft goes at once, not a day later.
      purgeKycDrafts(stores.db, deps.now());
    } catch {
      metrics.storeError('housekeeping', 'sqlite');
      deps.logger.error('housekeeping failed');
    }
  }, 3600_000).unref();
  return {
    url: `http://${settings.host}:${port}`,
    port,
    deps,
    close: async () => {
      clearInterval(housekeeping);
      clearInterval(reconciling);
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      });
      await stores.close();
    },
  };
}
