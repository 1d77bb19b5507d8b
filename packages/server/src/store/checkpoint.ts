// WAL checkpoints off the event loop. Left to itself, SQLite checkpoints inside whichever commit takes the log past
// 1000 pages: that commit copies the log into the database and syncs both files, and the next one syncs the log's
// new header; a token redemption writes about nine pages, so under load the request path paid several of these
// pauses a second, each tens of milliseconds on a slow disk, and every request queued behind one waited too.
//
// Here a worker thread with its own connection runs a PASSIVE checkpoint every `intervalMs`: it syncs the log,
// copies it into the database without waiting for or blocking the server's reads and writes, and then syncs the
// database file as well (SQLite only syncs it after copying the whole log, which a steady stream of commits never
// lets a passive checkpoint do). The log can only start over once all of it has been copied, which needs a moment
// without commits: under steady load that moment is the server connection's own automatic checkpoint, kept as a
// backstop at `safetyNetPages`, twenty times SQLite's default. By then the worker has copied and synced all but
// the last interval's pages, so that pause is short, and it comes twenty times less often. If the worker stops,
// the backstop keeps the log bounded.
import type Database from 'better-sqlite3';
import { openSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages (4 KiB) of log after which the server's own connection checkpoints anyway (80 MiB). */
export const safetyNetPages = 20_000;

/**
 * One descriptor per database file for the worker's database syncs, opened once and never closed: closing any
 * descriptor of a file drops every POSIX lock the process holds on it, SQLite's own included, which can corrupt a
 * database other connections still use (https://www.sqlite.org/howtocorrupt.html, section 2.2).
 */
const syncDescriptors = new Map<string, number>();
function syncDescriptor(path: string): number | undefined {
  try {
    const { dev, ino } = statSync(path);
    const key = `${dev}:${ino}`;
    let fd = syncDescriptors.get(key);
    if (fd === undefined) syncDescriptors.set(key, (fd = openSync(path, 'r+')));
    return fd;
  } catch {
    return undefined; // no early database syncs: the backstop checkpoint syncs the file, only later and longer
  }
}

// Plain CommonJS for the worker, so it runs the same under tsx, Vitest or a compiled build. The connection syncs
// the log as the server's does (NORMAL: before copying), so durability is unchanged; the database sync only comes
// earlier than SQLite's own.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { fdatasyncSync } = require('node:fs');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
let copied = 0;
const checkpoint = () => {
  try {
    const [{ checkpointed }] = db.pragma('wal_checkpoint(PASSIVE)');
    if (checkpointed !== copied && workerData.fd !== undefined) fdatasyncSync(workerData.fd);
    copied = checkpointed;
  } catch {
    // Busy or failing now: the next turn tries again, and the backstop still bounds the log.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

/** Starts the checkpoint worker for the database file at `path` and moves `db`'s own checkpoint to the backstop. */
export function startCheckpointer(
  db: Database.Database,
  path: string,
  options: { intervalMs?: number; onError?: (error: Error) => void } = {},
): Checkpointer {
  db.pragma(`wal_autocheckpoint = ${safetyNetPages}`);
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      fd: syncDescriptor(path),
      intervalMs: options.intervalMs ?? 100,
    },
  });
  // A worker that cannot start or dies leaves the backstop in charge; it must not take the server down.
  worker.on('error', (error) => options.onError?.(error));
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 2000);
      await exited;
      clearTimeout(timer);
    },
  };
}
