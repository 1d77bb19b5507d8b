// temporary: open loop at a fixed rate with strace on the server (not committed)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { openLoop, type Call, type Target } from './load.ts';
import { stopAll } from './processes.ts';
import { startBenchServer } from './server.ts';
const kind = process.argv[2] as 'validation' | 'exchange';
const rate = Number(process.argv[3] ?? 500); const seconds = Number(process.argv[4] ?? 8);
const work = mkdtempSync(join(tmpdir(), 'bk-st-')); const dataDir = join(work, 'data'); mkdirSync(dataDir);
try {
  const server = await startBenchServer(dataDir, join(work, 'no-hosted'), join(work, 'server.log'));
  const clientToken = await server.clientToken();
  const tokens = kind === 'validation' ? await server.issue('in-app', rate * seconds + 100, 'deposit') : await server.issue('sso-login', rate * seconds + 100);
  const call = (token: string): Call => kind === 'validation'
    ? { path: '/api/validate-token', body: JSON.stringify({ token, action: 'deposit' }), headers: { 'X-Broker-Kit': '1' } }
    : { path: '/oauth2/token', body: JSON.stringify({ token }), headers: { Authorization: `Bearer ${clientToken}` } };
  let i = 0; const target: Target = { port: server.port, next: () => (i < tokens.length ? call(tokens[i++]!) : undefined) };
  const st = process.env.STRACE ? spawn('strace', ['-f', '-T', '-qq', '-o', process.env.STRACE, '-e', 'trace=fsync,fdatasync', '-p', String(server.child.pid)], { stdio: 'ignore' }) : undefined;
  await new Promise((r) => setTimeout(r, 1000));
  const half = await openLoop(target, { rate, durationMs: seconds * 1000, maxSockets: 128 });
  console.log(`${kind} at ${rate}/s: p50 ${half.p50.toFixed(2)} p99 ${half.p99.toFixed(2)} ms, ${half.ok} ok ${half.failed} failed; server pid ${server.child.pid}`);
  st?.kill('SIGINT'); await new Promise((r) => setTimeout(r, 500));
  server.close();
} finally { await stopAll(); rmSync(work, { recursive: true, force: true }); }
