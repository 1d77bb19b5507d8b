// Prometheus metrics of the reference backend (prom-client), served at GET /metrics behind METRICS_TOKEN.
// Labels are bounded sets only: route patterns (never raw paths), methods, statuses, error codes, port
// operations, states. No label ever carries a user, a token or an address.
import type Database from 'better-sqlite3';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import type { ScreenTiming } from '@broker-kit/core/adapter/screen-timing.ts';
import type { StoreHandle } from './store/index.ts';
import { countByState } from './store/state-counts.ts';

const prefix = 'broker_kit_';

/** Seconds; request latencies of a small backend, from a cached read to a slow platform call. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The token endpoints and what they do, by route pattern. */
const tokenOperations: Record<string, string> = {
  '/api/validate-token': 'validation',
  '/oauth2/token': 'exchange',
  '/oauth2/onetime/authorize': 'exchange',
};

/** Process metrics (CPU, memory, event loop lag, GC) belong to the process: collected once, whatever the apps. */
let processRegistry: Registry | undefined;
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry, prefix });
  }
  return processRegistry;
}

/** The outcome label of a finished call: `OK`, or the kit's error code (`ERROR` for anything else). */
export function outcomeOf(error?: unknown): string {
  if (error === undefined) return 'OK';
  return error instanceof BrokerKitError ? error.code : 'ERROR';
}

export class Metrics {
  private readonly own = new Registry();

  readonly requestDuration = new Histogram({
    name: `${prefix}http_request_duration_seconds`,
    help: 'HTTP requests by method, route pattern and status; _count is the request rate',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: latencyBuckets,
    registers: [this.own],
  });
  readonly requestErrors = new Counter({
    name: `${prefix}http_errors_total`,
    help: 'HTTP answers with status 400 or more, by route pattern, status and error code',
    labelNames: ['method', 'route', 'status', 'code'] as const,
    registers: [this.own],
  });
  readonly tokenOutcomes = new Counter({
    name: `${prefix}token_outcomes_total`,
    help: 'Token validations and exchanges by endpoint and outcome code (OK or the error code)',
    labelNames: ['operation', 'route', 'code'] as const,
    registers: [this.own],
  });
  readonly portCalls = new Histogram({
    name: `${prefix}port_call_duration_seconds`,
    help: 'Calls to outside systems (platform manager API, mailer) by port, operation and outcome code',
    labelNames: ['port', 'operation', 'outcome'] as const,
    buckets: latencyBuckets,
    registers: [this.own],
  });
  readonly rateLimitRefusals = new Counter({
    name: `${prefix}rate_limit_refusals_total`,
    help: 'Requests refused with 429 by rate-limit rule',
    labelNames: ['rule'] as const,
    registers: [this.own],
  });
  readonly storeErrors = new Counter({
    name: `${prefix}store_errors_total`,
    help: 'Failures of the SQLite or Redis store, by where they surfaced',
    labelNames: ['store', 'operation'] as const,
    registers: [this.own],
  });
  readonly screenLoad = new Histogram({
    name: `${prefix}screen_load_seconds`,
    help: "Screens' own load timings reported by the browser (sampled), by route, language and phase",
    labelNames: ['route', 'lang', 'phase'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 8, 13, 20],
    registers: [this.own],
  });
  readonly screenErrors = new Counter({
    name: `${prefix}screen_errors_total`,
    help: 'Backend errors the screens met while loading (sampled), and NOT_USABLE for loads never usable',
    labelNames: ['route', 'lang', 'code'] as const,
    registers: [this.own],
  });

  /** Reads the SQLite file at each scrape for the payments and KYC cases by state. */
  watchStates(db: Database.Database): this {
    new Gauge({
      name: `${prefix}payments`,
      help: 'Payments by direction and state, as stored now',
      labelNames: ['direction', 'state'] as const,
      registers: [this.own],
      collect() {
        this.reset();
        for (const row of countByState(db).payments) this.set({ direction: row.kind, state: row.state }, row.count);
      },
    });
    new Gauge({
      name: `${prefix}kyc_cases`,
      help: 'KYC cases by KYC type and state, as stored now',
      labelNames: ['kyc_type', 'state'] as const,
      registers: [this.own],
      collect() {
        this.reset();
        for (const row of countByState(db).kycCases) this.set({ kyc_type: row.kind, state: row.state }, row.count);
      },
    });
    return this;
  }

  /** The text /metrics serves: this app's metrics, then the process's. */
  async exposition(): Promise<string> {
    return `${await this.own.metrics()}\n${await processMetrics().metrics()}`;
  }

  readonly contentType = Registry.PROMETHEUS_CONTENT_TYPE;

  /** One finished HTTP request. `route` is the matched pattern; `code` the error code of an error answer. */
  observeRequest(method: string, route: string, status: number, seconds: number, code: string | undefined): void {
    const statusLabel = String(status);
    this.requestDuration.observe({ method, route, status: statusLabel }, seconds);
    if (status >= 400) this.requestErrors.inc({ method, route, status: statusLabel, code: code ?? 'NONE' });
    const operation = tokenOperations[route];
    if (operation) this.tokenOutcomes.inc({ operation, route, code: status < 400 ? 'OK' : (code ?? 'NONE') });
  }

  /** One screen's own load report (already checked against the schema and the screen and language lists). */
  observeScreenTiming(report: ScreenTiming): void {
    const { route, lang } = report;
    if (report.firstControlMs !== undefined)
      this.screenLoad.observe({ route, lang, phase: 'first_control' }, report.firstControlMs / 1000);
    if (report.usableMs !== undefined)
      this.screenLoad.observe({ route, lang, phase: 'usable' }, report.usableMs / 1000);
    // A load that never became usable and met no backend error timed out on its own.
    if (report.usableMs === undefined && report.errors.length === 0)
      this.screenErrors.inc({ route, lang, code: 'NOT_USABLE' });
    for (const code of new Set(report.errors)) this.screenErrors.inc({ route, lang, code });
  }

  storeError(operation: string, store: 'sqlite' | 'redis'): void {
    this.storeErrors.inc({ store, operation });
  }
}

type Outcome = { ok: true } | { ok: false; error: unknown };

/**
 * `target` with every method call watched: `onCall(method)` runs as the call starts and returns what to do
 * with its outcome, once it has returned, resolved, thrown or rejected. Results and errors pass through unchanged;
 * synchronous methods stay synchronous.
 */
function watchCalls<T extends object>(target: T, onCall: (method: string) => (outcome: Outcome) => void): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        const settle = onCall(key);
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(object, args);
        } catch (error) {
          settle({ ok: false, error });
          throw error;
        }
        if (!(result instanceof Promise)) {
          settle({ ok: true });
          return result;
        }
        return result.then(
          (resolved: unknown) => {
            settle({ ok: true });
            return resolved;
          },
          (error: unknown) => {
            settle({ ok: false, error });
            throw error;
          },
        );
      };
    },
  });
}

/** Times and counts each call of a port (platform, mailer) by operation and outcome code. */
export function instrumentPort<T extends object>(port: T, name: string, metrics: Metrics): T {
  return watchCalls(port, (operation) => {
    const end = metrics.portCalls.startTimer({ port: name, operation });
    return (outcome) => end({ outcome: outcome.ok ? 'OK' : outcomeOf(outcome.error) });
  });
}

/** The store seams whose failures are counted; in Redis mode the first three live in Redis. */
const storeSeams = ['tokens', 'sessions', 'rateLimits', 'users', 'audit'] as const;
const redisSeams: readonly string[] = ['tokens', 'sessions', 'rateLimits'];

/**
 * Counts every failing store call (thrown or rejected) by store and `seam.method`, wherever the caller then
 * handles it (most fail closed).
 */
export function countStoreErrors(stores: StoreHandle, metrics: Metrics): StoreHandle {
  for (const seam of storeSeams) {
    const store = stores.kind === 'redis' && redisSeams.includes(seam) ? 'redis' : 'sqlite';
    (stores as unknown as Record<string, object>)[seam] = watchCalls(stores[seam], (method) => (outcome) => {
      if (!outcome.ok) metrics.storeError(`${seam}.${method}`, store);
    });
  }
  return stores;
}
