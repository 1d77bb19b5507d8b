// Liveness and readiness. `/livez`: the process answers (a restart would help nothing else). `/readyz`: every
// dependency a request needs works now: the SQLite file takes a write (a read-only or full disk is not ready), Redis
// answers when configured, the platform answers. Each store and port brings its own check, so another store
// (PostgreSQL, say) adds one entry; no check says more than its name and a verdict.
import type Database from 'better-sqlite3';
import type { Hono } from 'hono';
import type { AppEnv, Deps } from './http.ts';
import { statement } from './store/sqlite.ts';

/** Resolves when the dependency works; rejects (or times out) when it does not. */
export type ReadinessCheck = () => Promise<void>;

/** A probe never waits longer than this for one dependency: a hung dependency is a failing one. */
export const readinessTimeoutMs = 2000;

/** A committed write to the smallest row there is: only a real commit finds a read-only file or a full disk. */
export function sqliteWritable(db: Database.Database): ReadinessCheck {
  return () => {
    statement(db, 'UPDATE schema_migrations SET applied_at = applied_at WHERE version = 1').run();
    return Promise.resolve();
  };
}

/** The checks of this deployment by dependency name: the stores' own, then the platform's when it has a probe. */
export function readinessChecks(deps: Deps): Record<string, ReadinessCheck> {
  const checks: Record<string, ReadinessCheck> = { ...deps.stores.readiness };
  const { platform } = deps;
  if (platform.reachable) checks.platform = () => platform.reachable!();
  return checks;
}

type Verdict = 'ok' | 'failing';

function withTimeout(check: ReadinessCheck): Promise<Verdict> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Verdict>((resolve) => (timer = setTimeout(() => resolve('failing'), readinessTimeoutMs)));
  const run = Promise.resolve()
    .then(check)
    .then(
      () => 'ok' as const,
      () => 'failing' as const,
    );
  return Promise.race([run, timeout]).finally(() => clearTimeout(timer));
}

/** Probes that arrive together share one round of checks: a flood of probes costs one write and one call. */
const inFlight = new WeakMap<Deps, Promise<Record<string, Verdict>>>();
function probe(deps: Deps): Promise<Record<string, Verdict>> {
  let round = inFlight.get(deps);
  if (!round) {
    const checks = Object.entries(readinessChecks(deps));
    round = Promise.all(checks.map(([, check]) => withTimeout(check)))
      .then((verdicts) => Object.fromEntries(checks.map(([name], index) => [name, verdicts[index]!])))
      .finally(() => inFlight.delete(deps));
    inFlight.set(deps, round);
  }
  return round;
}

export function healthRoutes(app: Hono<AppEnv>): void {
  app.get('/livez', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'live' });
  });

  app.get('/readyz', async (c) => {
    c.header('Cache-Control', 'no-store');
    const checks = await probe(c.get('deps'));
    const ready = Object.values(checks).every((verdict) => verdict === 'ok');
    if (!ready) c.get('deps').logger.error('not ready', checks);
    return c.json({ status: ready ? 'ready' : 'not-ready', checks }, ready ? 200 : 503);
  });
}
