import * as z from 'zod/mini';
import { BrokerKitError, errorBodySchema, type ErrorCode } from '../errors.ts';
import type { BackendAdapter, CallOptions, ChatSubscription, ConnectionState } from './adapter.ts';
import { abortReason, anySignal, sleep } from './http-signal.ts';
import { SseParser, type SseFrame } from './http-sse.ts';
import { clientHeader, defaultRoutes, idempotencyHeader, type RouteName, type RouteTable } from './routes.ts';
import {
  accountTypeSchema,
  actionResultSchema,
  actionSchemaSchema,
  authResultSchema,
  changeEmailResultSchema,
  chatHistorySchema,
  chatMessageSchema,
  createAccountResultSchema,
  inviteSchema,
  inviteStatsSchema,
  kycCheckStartSchema,
  kycDocumentSchema,
  kycStatusSchema,
  paymentOptionsSchema,
  platformWebTokenSchema,
  ribbonSchema,
  transactionSchema,
  userProfileSchema,
  validatedTokenSchema,
} from './schemas.ts';

export interface HttpAdapterOptions {
  /** Where the backend lives: an absolute URL (`https://crm.example.com`, a path prefix is kept) or '' for same origin. */
  baseUrl: string;
  /** Paths (and optionally methods) that differ from `defaultRoutes`: `'/v2/token'` or `'POST /v2/token'`. */
  routes?: Partial<RouteTable>;
  /** Time allowed to each attempt of a call, reading the body included. */
  timeoutMs?: number;
  /** Extra attempts of an idempotent call after a network error, a timeout, a 5xx or a 429. */
  retries?: number;
  /** First retry delay; each further one doubles, with jitter. */
  backoffMs?: number;
  /** A Retry-After longer than this is not waited for: the call rejects with RATE_LIMITED and its `retryAfter`. */
  maxRetryAfterMs?: number;
  /** First reconnection delay of the chat feed (a server `retry:` field overrides it); doubles up to 30 s. */
  reconnectDelayMs?: number;
  /** The chat feed reconnects after this long without a byte; servers send a `: keep-alive` comment more often. */
  idleTimeoutMs?: number;
  fetch?: typeof fetch;
  credentials?: RequestCredentials;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Input = Record<string, unknown>;
/** A response schema; `undefined` for calls that answer with no content. */
type Schema<T> = z.ZodMiniType<T> | undefined;

const methods: readonly Method[] = ['GET', 'POST', 'PUT', 'DELETE'];
/** Calls that carry a password or a one-time token: never retried (a replay could lock out or burn the token). */
const neverRetried: ReadonlySet<RouteName> = new Set<RouteName>([
  'validateToken',
  'login',
  'signup',
  'requestPasswordReset',
  'completePasswordReset',
  'changePassword',
  'changeEmail',
]);
const maxReconnectDelayMs = 30_000;

/**
 * The BackendAdapter over HTTP: JSON over `fetch`, every response validated by its schema, every failure a
 * BrokerKitError. Cookies carry the session (`credentials: 'include'` by default); `X-Broker-Kit: 1` on every call
 * is the server's CSRF check.
 */
export class HttpAdapter implements BackendAdapter {
  private readonly baseUrl: string;
  private readonly routes: Record<RouteName, { method: Method; path: string }>;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly reconnectDelayMs: number;
  private readonly idleTimeoutMs: number;
  private readonly credentials: RequestCredentials;
  private readonly fetcher: typeof fetch;

  constructor(options: HttpAdapterOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 300;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 10_000;
    this.reconnectDelayMs = options.reconnectDelayMs ?? 1_000;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 45_000;
    this.credentials = options.credentials ?? 'include';
    this.fetcher = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const table = { ...defaultRoutes, ...options.routes } as RouteTable;
    this.routes = Object.fromEntries(
      (Object.keys(defaultRoutes) as RouteName[]).map((name) => [name, parseRoute(name, table[name])]),
    ) as HttpAdapter['routes'];
  }

  // ── identity ──
  validateToken: BackendAdapter['validateToken'] = (request, options) =>
    this.call('validateToken', request, validatedTokenSchema, options);
  login: BackendAdapter['login'] = (request, options) => this.call('login', request, authResultSchema, options);
  signup: BackendAdapter['signup'] = (request, options) => this.call('signup', request, authResultSchema, options);
  requestPasswordReset: BackendAdapter['requestPasswordReset'] = (request, options) =>
    this.call('requestPasswordReset', request, undefined, options);
  completePasswordReset: BackendAdapter['completePasswordReset'] = (request, options) =>
    this.call('completePasswordReset', request, undefined, options);
  changePassword: BackendAdapter['changePassword'] = (request, options) =>
    this.call('changePassword', request, undefined, options);
  changeEmail: BackendAdapter['changeEmail'] = (request, options) =>
    this.call('changeEmail', request, changeEmailResultSchema, options);
  currentUser: BackendAdapter['currentUser'] = (options) => this.call('currentUser', {}, userProfileSchema, options);
  logout: BackendAdapter['logout'] = (options) => this.call('logout', {}, undefined, options);

  // ── accounts ──
  accountTypes: BackendAdapter['accountTypes'] = (options) =>
    this.call('accountTypes', {}, z.array(accountTypeSchema), options);
  createAccount: BackendAdapter['createAccount'] = (request, options) =>
    this.call('createAccount', request, createAccountResultSchema, options);

  // ── money ──
  paymentOptions: BackendAdapter['paymentOptions'] = (request, options) =>
    this.call('paymentOptions', request, paymentOptionsSchema, options);
  submitPayment: BackendAdapter['submitPayment'] = (request, options) =>
    this.call('submitPayment', request, transactionSchema, options);
  transaction: BackendAdapter['transaction'] = (request, options) =>
    this.call('transaction', request, transactionSchema, options);

  // ── monitoring ──
  reportScreenTiming: NonNullable<BackendAdapter['reportScreenTiming']> = (report) =>
    this.call<void>('reportScreenTiming', report, undefined, {}).catch(() => undefined);

  // ── KYC ──
  kycStatus: BackendAdapter['kycStatus'] = (request, options) =>
    this.call('kycStatus', request, kycStatusSchema, options);
  saveKycStep: BackendAdapter['saveKycStep'] = (request, options) =>
    this.call('saveKycStep', request, kycStatusSchema, options);
  saveKycDraft: BackendAdapter['saveKycDraft'] = (request, options) =>
    this.call('saveKycDraft', request, undefined, options);
  uploadKycDocument: BackendAdapter['uploadKycDocument'] = (request, options) => {
    if (!(request.file instanceof Blob))
      return Promise.reject(new BrokerKitError('INVALID_REQUEST', 'uploadKycDocument: file must be a Blob'));
    const form = new FormData();
    form.set('documentType', request.documentType);
    if (request.kycType !== undefined) form.set('kycType', request.kycType);
    if (request.expiresOn !== undefined) form.set('expiresOn', request.expiresOn);
    form.set('file', request.file, request.fileName);
    return this.call('uploadKycDocument', {}, kycDocumentSchema, options, form);
  };
  removeKycDocument: BackendAdapter['removeKycDocument'] = (request, options) =>
    this.call('removeKycDocument', request, kycStatusSchema, options);
  submitKyc: BackendAdapter['submitKyc'] = (request, options) =>
    this.call('submitKyc', request, kycStatusSchema, options);
  startKycCheck: BackendAdapter['startKycCheck'] = (request, options) =>
    this.call('startKycCheck', request, kycCheckStartSchema, options);

  // ── generic action ──
  actionSchema: BackendAdapter['actionSchema'] = (request, options) =>
    this.call('actionSchema', request, actionSchemaSchema, options);
  submitAction: BackendAdapter['submitAction'] = (request, options) =>
    this.call('submitAction', request, actionResultSchema, options);

  // ── chat ──
  chatHistory: BackendAdapter['chatHistory'] = (request, options) =>
    this.call('chatHistory', request, chatHistorySchema, options);
  sendChatMessage: BackendAdapter['sendChatMessage'] = (request, options) =>
    this.call('sendChatMessage', request, chatMessageSchema, options);
  subscribeChat(subscription: ChatSubscription, options: CallOptions = {}): void {
    void this.followChat(subscription, options.signal);
  }

  // ── invite, ribbons, platform web ──
  invite: BackendAdapter['invite'] = (options) => this.call('invite', {}, inviteSchema, options);
  inviteStats: BackendAdapter['inviteStats'] = (options) => this.call('inviteStats', {}, inviteStatsSchema, options);
  ribbons: BackendAdapter['ribbons'] = (request, options) =>
    this.call('ribbons', request, z.array(ribbonSchema), options);
  platformWebToken: BackendAdapter['platformWebToken'] = (request, options) =>
    this.call('platformWebToken', request, platformWebTokenSchema, options);

  /** One adapter call: attempts, retries of the idempotent ones, and the mapping of every failure. */
  private async call<T>(
    name: RouteName,
    input: Input,
    schema: Schema<T>,
    options: CallOptions = {},
    form?: FormData,
  ): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) throw abortReason(signal);
    const { method } = this.routes[name];
    const retryable =
      !neverRetried.has(name) &&
      (method === 'GET' || ((method === 'POST' || method === 'PUT') && typeof input.idempotencyKey === 'string'));
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.attempt(name, input, schema, signal, form);
      } catch (error) {
        if (signal?.aborted) throw abortReason(signal);
        const delay = retryable && attempt < this.retries ? this.retryDelay(error, attempt) : undefined;
        if (delay === undefined) throw error;
        await sleep(delay, signal);
      }
    }
  }

  /** How long to wait before the next attempt, or undefined when this failure is not worth another try. */
  private retryDelay(error: unknown, attempt: number): number | undefined {
    if (!(error instanceof BrokerKitError)) return undefined;
    const transient =
      error.code === 'NETWORK_ERROR' || error.code === 'TIMEOUT' || error.status >= 500 || error.status === 429;
    if (!transient) return undefined;
    if (error.retryAfter !== undefined) {
      const wait = error.retryAfter * 1000;
      return wait <= this.maxRetryAfterMs ? wait : undefined;
    }
    return jitter(this.backoffMs * 2 ** attempt);
  }

  private async attempt<T>(
    name: RouteName,
    input: Input,
    schema: Schema<T>,
    caller: AbortSignal | undefined,
    form: FormData | undefined,
  ): Promise<T> {
    const { method, url } = this.target(name, input);
    const headers: Record<string, string> = { Accept: 'application/json', [clientHeader]: '1' };
    if (typeof input.idempotencyKey === 'string') headers[idempotencyHeader] = input.idempotencyKey;
    let body: BodyInit | undefined = form;
    if (!form && (method === 'POST' || method === 'PUT')) {
      headers['Content-Type'] = 'application/json';
      try {
        body = JSON.stringify(input);
      } catch (cause) {
        throw new BrokerKitError('INVALID_REQUEST', `${name}: the request cannot be sent as JSON`, { cause });
      }
    }

    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new DOMException('Timed out', 'TimeoutError')), this.timeoutMs);
    const signal = caller ? anySignal([caller, timeout.signal]) : timeout.signal;
    const failure = (cause: unknown) =>
      caller?.aborted
        ? abortReason(caller)
        : timeout.signal.aborted
          ? new BrokerKitError('TIMEOUT', `${name}: no answer within ${this.timeoutMs} ms`)
          : new BrokerKitError('NETWORK_ERROR', `${name}: the backend could not be reached`, { cause });
    try {
      let response: Response;
      let text: string;
      try {
        response = await this.fetcher(url, { method, headers, body, signal, credentials: this.credentials });
        text = await response.text();
      } catch (cause) {
        throw failure(cause);
      }
      if (!response.ok) throw errorFromResponse(response, text);
      return parseBody(name, text, schema);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The method and URL of a call: `:name` segments filled (encoded), the other fields of a GET in the query. */
  private target(name: RouteName, input: Input): { method: Method; url: string } {
    const { method, path } = this.routes[name];
    const used = new Set<string>();
    const filled = path.replace(/:([A-Za-z_]\w*)/g, (_, key: string) => {
      const value = input[key];
      if (value === undefined || value === null || value === '')
        throw new BrokerKitError('INVALID_REQUEST', `${name}: missing path parameter ${key}`);
      used.add(key);
      return encodeURIComponent(String(value));
    });
    let query = '';
    if (method === 'GET' || method === 'DELETE') {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(input))
        if (!used.has(key) && value !== undefined && value !== null) params.set(key, String(value));
      query = params.size > 0 ? `?${params}` : '';
    }
    return { method, url: `${this.baseUrl}${filled}${query}` };
  }

  /** Follows the chat's event stream until the signal aborts, reconnecting with backoff and `Last-Event-ID`. */
  private async followChat(subscription: ChatSubscription, signal: AbortSignal | undefined): Promise<void> {
    let state: ConnectionState | undefined;
    const report = (next: ConnectionState) => {
      if (next === state || signal?.aborted) return;
      state = next;
      guarded(() => subscription.onState?.(next));
    };
    const cursor = { lastEventId: '', baseDelay: this.reconnectDelayMs };
    let failures = 0;
    report('connecting');
    while (!signal?.aborted) {
      try {
        await this.readChat(subscription, signal, cursor, () => {
          failures = 0;
          report('open');
        });
      } catch (error) {
        if (signal?.aborted) return;
        if (error instanceof BrokerKitError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          // The session is gone or the feed is refused: reconnecting cannot cure it.
          report('offline');
          guarded(() => subscription.onError?.(error));
          return;
        }
      }
      failures++;
      report(isOffline() ? 'offline' : 'reconnecting');
      try {
        await pauseUntilRetry(jitter(Math.min(maxReconnectDelayMs, cursor.baseDelay * 2 ** (failures - 1))), signal);
      } catch {
        return;
      }
    }
  }

  /** One connection of the chat feed: resolves when the server ends the stream, rejects when it fails. */
  private async readChat(
    subscription: ChatSubscription,
    caller: AbortSignal | undefined,
    cursor: { lastEventId: string; baseDelay: number },
    onOpen: () => void,
  ): Promise<void> {
    const { url } = this.target('subscribeChat', {});
    const headers: Record<string, string> = { Accept: 'text/event-stream', [clientHeader]: '1' };
    if (cursor.lastEventId) headers['Last-Event-ID'] = cursor.lastEventId;
    // A watchdog: `timeoutMs` to connect, then `idleTimeoutMs` between chunks, so a half-open connection (a phone
    // that changed networks) is replaced instead of showing "open" forever.
    const watchdog = new AbortController();
    let timer = setTimeout(() => watchdog.abort(), this.timeoutMs);
    const rearm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => watchdog.abort(), this.idleTimeoutMs);
    };
    const signal = caller ? anySignal([caller, watchdog.signal]) : watchdog.signal;
    try {
      const response = await this.fetcher(url, { headers, signal, credentials: this.credentials, cache: 'no-store' });
      if (!response.ok) throw errorFromResponse(response, await response.text().catch(() => ''));
      if (!response.body || !(response.headers.get('Content-Type') ?? '').includes('text/event-stream'))
        throw new BrokerKitError('SERVER_ERROR', 'subscribeChat: the answer is not an event stream');
      rearm();
      onOpen();
      const parser = new SseParser(
        (frame) => {
          cursor.lastEventId = frame.id;
          const event = chatEvent(frame);
          if (event) guarded(() => subscription.onEvent(event));
        },
        (ms) => (cursor.baseDelay = ms),
      );
      parser.lastEventId = cursor.lastEventId;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        rearm();
        parser.feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      clearTimeout(timer);
    }
  }
}

function parseRoute(name: RouteName, spec: string): { method: Method; path: string } {
  const [first = '', second] = spec.trim().split(/\s+/);
  const method = (second === undefined ? defaultRoutes[name].split(' ')[0] : first.toUpperCase()) as Method;
  const path = second ?? first;
  if (!methods.includes(method) || !path.startsWith('/'))
    throw new BrokerKitError('INVALID_REQUEST', `routes.${name}: expected "METHOD /path", got "${spec}"`);
  // Credentials and one-time tokens travel in bodies only, never in a URL that logs and histories keep.
  if (neverRetried.has(name) && method !== 'POST' && method !== 'PUT')
    throw new BrokerKitError('INVALID_REQUEST', `routes.${name}: must be POST or PUT, it carries a secret`);
  return { method, path };
}

function parseBody<T>(name: RouteName, text: string, schema: Schema<T>): T {
  if (!schema) return undefined as T;
  const json = parseJson(text);
  if (json === undefined)
    throw new BrokerKitError('SERVER_ERROR', `${name}: the answer is not valid JSON`, { status: 200 });
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  throw new BrokerKitError('SERVER_ERROR', `${name}: the answer does not match its schema${where}`, { status: 200 });
}

/** Maps an error response: its `{error, message, code}` body, or its status when the body is not one. */
function errorFromResponse(response: Response, text: string): BrokerKitError {
  const { status } = response;
  const headerRetryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const json = parseJson(text);
  if (!errorBodySchema.safeParse(json).success)
    return new BrokerKitError(statusCode(status), `HTTP ${status}`, { status, retryAfter: headerRetryAfter });
  const error = BrokerKitError.fromBody(json, status);
  if (error.retryAfter !== undefined || headerRetryAfter === undefined) return error;
  return new BrokerKitError(error.code, error.message, {
    status,
    fields: { ...error.fields },
    retryAfter: headerRetryAfter,
  });
}

/** The parsed JSON, or undefined when the text is not JSON (JSON itself has no undefined). */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function statusCode(status: number): ErrorCode {
  if (status === 429) return 'RATE_LIMITED';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  return status >= 500 ? 'SERVER_ERROR' : 'UNKNOWN_ERROR';
}

/** Retry-After in seconds: delta-seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function chatEvent(frame: SseFrame): Parameters<ChatSubscription['onEvent']>[0] | undefined {
  if (frame.event === 'typing') return { type: 'typing', author: 'agent' };
  if (frame.event !== 'message') return undefined;
  const parsed = chatMessageSchema.safeParse(parseJson(frame.data));
  return parsed.success ? { type: 'message', message: parsed.data } : undefined;
}

/** Half fixed, half random: spreads the retries of many clients after one outage. */
function jitter(ms: number): number {
  return ms / 2 + Math.random() * (ms / 2);
}

/** Waits before a reconnection; the browser's `online` event cuts the wait short. Rejects on abort. */
async function pauseUntilRetry(ms: number, signal: AbortSignal | undefined): Promise<void> {
  const wake = new AbortController();
  const handleOnline = () => wake.abort();
  globalThis.addEventListener?.('online', handleOnline);
  try {
    await sleep(ms, signal ? anySignal([signal, wake.signal]) : wake.signal);
  } catch (error) {
    if (signal?.aborted) throw error;
  } finally {
    globalThis.removeEventListener?.('online', handleOnline);
  }
}

function isOffline(): boolean {
  return typeof navigator !== 'undefined' && navigator.onLine === false;
}

/** A subscriber's own exception must not break the feed: report it the way the platform reports uncaught errors. */
function guarded(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    setTimeout(() => {
      throw error;
    });
  }
}
