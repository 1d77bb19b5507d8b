// Child processes of the demo, the end-to-end setup and the bench: each started by its own binary (`node`, never
// `npx … &`, which leaves the child running when npx is killed), tracked by pid, stopped by pid (never by name).
// A child also exits when its stdin closes (EXIT_WITH_STDIN), so none outlives a parent that dies abruptly.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** Where a child's stdout and stderr go: the parent's terminal, nowhere (stderr still shown), or a log file. */
export type Output = 'inherit' | 'quiet' | { logFile: string };

export interface NodeProcess {
  /** The script, relative to the repository root; a `.ts` script runs through tsx. */
  script: string;
  env?: Record<string, string | undefined>;
  /** Node's own options, before the script (`--cpu-prof`, …). */
  nodeOptions?: string[];
  output?: Output;
}

export interface Service extends NodeProcess {
  /** The URL that answers (any status below 500) once the process is ready. */
  readyUrl: string;
}

const children = new Set<ChildProcess>();

function stdio(output: Output): ['pipe', number | 'inherit' | 'ignore', number | 'inherit'] {
  if (output === 'inherit') return ['pipe', 'inherit', 'inherit'];
  if (output === 'quiet') return ['pipe', 'ignore', 'inherit'];
  const log = openSync(output.logFile, 'a');
  return ['pipe', log, log];
}

/** Starts `node <script>` with the parent's environment plus `env`; `stopAll` (or `stop`) ends it. */
export function startNode({ script, env = {}, nodeOptions = [], output = 'inherit' }: NodeProcess): ChildProcess {
  const args = [...nodeOptions, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script];
  const io = stdio(output);
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, EXIT_WITH_STDIN: '1' },
    stdio: io,
  });
  if (typeof io[1] === 'number') closeSync(io[1]);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const running = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Polls `url` until it answers below 500 or `timeoutMs` passes; fails early when the child exits. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running(child)) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/** Starts every service at once and waits until all answer; if one fails, stops the ones started and throws. */
export async function startServices(services: Service[]): Promise<ChildProcess[]> {
  const started = services.map((service) => startNode(service));
  try {
    await Promise.all(services.map((service, i) => waitForHttp(service.readyUrl, started[i]!)));
  } catch (error) {
    await Promise.all(started.map(stop));
    throw error;
  }
  return started;
}

/** SIGTERM by pid, SIGKILL if it is still running 3 s later; resolves once it has exited. */
export async function stop(child: ChildProcess): Promise<void> {
  if (!running(child) || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => running(child) && child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map(stop));
}

/** Synchronous last resort on an abrupt exit: SIGKILL every child still running, by pid. */
export function killAllNow(): void {
  for (const child of children) {
    if (child.pid === undefined || !running(child)) continue;
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** A port that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
