// Child processes of the bench: started by their own binary, tracked by pid, stopped by pid (never by name).
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { openSync, closeSync } from 'node:fs';

const children = new Set<ChildProcess>();

/** Starts `node <args>` with stdout and stderr appended to `logFile`; the bench stops it with `stopAll`. */
export function startNode(args: string[], options: { env: NodeJS.ProcessEnv; logFile: string }): ChildProcess {
  const log = openSync(options.logFile, 'a');
  const child = spawn(process.execPath, args, { env: options.env, stdio: ['ignore', log, log] });
  closeSync(log);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(
    () => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, 'SIGKILL'),
    3000,
  );
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((child) => stop(child)));
}

/** Synchronous last resort on an abrupt exit: SIGKILL every child still running, by pid. */
export function killAllNow(): void {
  for (const child of children) {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
}

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

/** Polls `url` until it answers (any status) or `timeoutMs` passes; fails early when the child exits. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
