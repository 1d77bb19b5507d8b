// `npx tsx scripts/bench/tokens.ts`: only the server part of `npm run bench` for the two token endpoints
// (validation and exchange) next to the bare node:http server, with the same server, configuration and load
// generator, and no build or browser. Prints max rate (closed loop, 32 connections) and p50/p99 at half that
// rate (open loop), BENCH_LOAD_SECONDS each, and each server process's CPU time per request in the closed loop
// (Linux /proc, every thread of the process; steadier than the rate when other work shares the cores).
// BENCH_RUNS (default 1) repeats the whole set, each run with a fresh server, and ends with the medians.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, openLoop, type Target } from './load.ts';
import { freePort, startNode, stop, stopAll, waitForHttp } from '../processes.ts';
import { kitHeader, startBenchServer, tokenTarget } from './server.ts';
import { percentile } from './stats.ts';

const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 1));
const concurrency = 32;
const round = (value: number) => Math.round(value * 100) / 100;

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Figures {
  rps: number;
  cpuMs: number;
  halfRate: number;
  halfP50: number;
  halfP99: number;
}

/** Warm-up, closed loop (rate and CPU per request), then the open loop at half that rate. */
async function measure(name: string, pid: number, target: (count: number) => Promise<Target> | Target) {
  const warm = await closedLoop(await target(20_000), { concurrency, durationMs: 1000 });
  const cpuBefore = cpuSeconds(pid);
  const max = await closedLoop(await target(Math.ceil(warm.rps * seconds * 2) + 1000), {
    concurrency,
    durationMs: seconds * 1000,
  });
  const cpuMs = ((cpuSeconds(pid) - cpuBefore) * 1000) / (max.ok + max.failed);
  // BENCH_OPEN_RATE fixes the open loop's rate, so two builds can be compared at the same load.
  const rate = Number(process.env.BENCH_OPEN_RATE) || Math.max(1, Math.round(max.rps / 2));
  const half = await openLoop(await target(Math.ceil(rate * seconds * 1.1) + 100), {
    rate,
    durationMs: seconds * 1000,
    maxSockets: concurrency * 4,
  });
  console.log(
    `${name}: ${Math.round(max.rps)} req/s (p50 ${round(max.p50)} ms, p99 ${round(max.p99)} ms, ` +
      `${max.failed} failed${max.firstFailure ? `: ${max.firstFailure}` : ''}; ${round(cpuMs)} ms CPU/req); ` +
      `at ${rate} req/s p50 ${round(half.p50)} ms, p99 ${round(half.p99)} ms (${half.failed} failed)`,
  );
  return { rps: max.rps, cpuMs, halfRate: rate, halfP50: half.p50, halfP99: half.p99 } satisfies Figures;
}

const results = new Map<string, Figures[]>();
const keep = (name: string, figures: Figures) => results.set(name, [...(results.get(name) ?? []), figures]);

for (let run = 1; run <= runs; run += 1) {
  if (runs > 1) console.log(`run ${run} of ${runs}`);
  const work = mkdtempSync(join(tmpdir(), 'broker-kit-bench-tokens-'));
  const dataDir = join(work, 'data');
  mkdirSync(dataDir);
  try {
    const barePort = await freePort();
    const bare = startNode({
      script: 'scripts/bench/bare-server.mjs',
      env: { PORT: String(barePort) },
      output: { logFile: join(work, 'bare.log') },
    });
    await waitForHttp(`http://127.0.0.1:${barePort}/`, bare);
    const fixedBody = JSON.stringify({ token: 'A'.repeat(43), action: 'deposit' });
    keep(
      'bare node:http',
      await measure('bare node:http', bare.pid!, () => ({
        port: barePort,
        next: () => ({ path: '/api/validate-token', body: fixedBody, headers: kitHeader }),
      })),
    );
    await stop(bare);

    // No hosted build is needed: neither endpoint serves a page.
    const server = await startBenchServer(dataDir, join(work, 'no-hosted'), join(work, 'server.log'));
    const clientToken = await server.clientToken();
    for (const kind of ['validation', 'exchange'] as const) {
      keep(
        `token ${kind}`,
        await measure(`token ${kind}`, server.child.pid!, (count) => tokenTarget(server, clientToken, kind, count)),
      );
    }
    server.close();
  } finally {
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

if (runs > 1) {
  const median = (list: Figures[], key: keyof Figures) =>
    round(
      percentile(
        list.map((figures) => figures[key]),
        50,
      ),
    );
  const bareRps = percentile(
    results.get('bare node:http')!.map((figures) => figures.rps),
    50,
  );
  console.log(`medians of ${runs} runs:`);
  for (const [name, list] of results) {
    console.log(
      `  ${name}: ${Math.round(median(list, 'rps'))} req/s (${Math.round((median(list, 'rps') / bareRps) * 100)}% of ` +
        `bare), ${median(list, 'cpuMs')} ms CPU/req; at half load p50 ${median(list, 'halfP50')} ms, ` +
        `p99 ${median(list, 'halfP99')} ms`,
    );
  }
}
