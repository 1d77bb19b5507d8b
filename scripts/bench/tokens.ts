// `npx tsx scripts/bench/tokens.ts`: only the server part of `npm run bench` for the two token endpoints
// (validation and exchange), with the same server, configuration and load generator, and no build or browser.
// Prints max rate (closed loop, 32 connections) and p99 at half that rate (open loop), BENCH_LOAD_SECONDS each,
// and the server process's CPU time per request in the closed loop (Linux /proc; steadier than the rate when
// other work shares the cores).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedLoop, openLoop, type Call, type Target } from './load.ts';
import { stopAll } from './processes.ts';
import { startBenchServer } from './server.ts';

const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const concurrency = 32;
const round = (value: number) => Math.round(value * 100) / 100;

/** CPU seconds (user + system) the process has used so far, from /proc/<pid>/stat (clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const work = mkdtempSync(join(tmpdir(), 'broker-kit-bench-tokens-'));
const dataDir = join(work, 'data');
mkdirSync(dataDir);
try {
  // No hosted build is needed: neither endpoint serves a page.
  const server = await startBenchServer(dataDir, join(work, 'no-hosted'), join(work, 'server.log'));
  const kitHeader = { 'X-Broker-Kit': '1' };
  const clientToken = await server.clientToken();
  const tokenTarget = async (kind: 'validation' | 'exchange', count: number): Promise<Target> => {
    const tokens =
      kind === 'validation' ? await server.issue('in-app', count, 'deposit') : await server.issue('sso-login', count);
    const call = (token: string): Call =>
      kind === 'validation'
        ? { path: '/api/validate-token', body: JSON.stringify({ token, action: 'deposit' }), headers: kitHeader }
        : {
            path: '/oauth2/token',
            body: JSON.stringify({ token }),
            headers: { Authorization: `Bearer ${clientToken}` },
          };
    let index = 0;
    return { port: server.port, next: () => (index < tokens.length ? call(tokens[index++]!) : undefined) };
  };
  for (const kind of ['validation', 'exchange'] as const) {
    const warm = await closedLoop(await tokenTarget(kind, 20_000), { concurrency, durationMs: 1000 });
    const cpuBefore = cpuSeconds(server.child.pid!);
    const max = await closedLoop(await tokenTarget(kind, Math.ceil(warm.rps * seconds * 2) + 1000), {
      concurrency,
      durationMs: seconds * 1000,
    });
    const cpuPerRequest = ((cpuSeconds(server.child.pid!) - cpuBefore) * 1000) / (max.ok + max.failed);
    // BENCH_OPEN_RATE fixes the open loop's rate, so two builds can be compared at the same load.
    const rate = Number(process.env.BENCH_OPEN_RATE) || Math.max(1, Math.round(max.rps / 2));
    const half = await openLoop(await tokenTarget(kind, Math.ceil(rate * seconds * 1.1) + 100), {
      rate,
      durationMs: seconds * 1000,
      maxSockets: concurrency * 4,
    });
    console.log(
      `token ${kind}: ${Math.round(max.rps)} req/s (p50 ${round(max.p50)} ms, p99 ${round(max.p99)} ms, ` +
        `${max.failed} failed${max.firstFailure ? `: ${max.firstFailure}` : ''}; ${round(cpuPerRequest)} ms CPU/req); ` +
        `at ${rate} req/s p99 ${round(half.p99)} ms (${half.failed} failed)`,
    );
  }
  server.close();
} finally {
  await stopAll();
  rmSync(work, { recursive: true, force: true });
}
