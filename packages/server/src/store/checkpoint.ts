// WAL checkpoints off the event loop. By default SQLite checkpoints inside whichever commit takes the log past
// 1000 pages: that commit then copies the log into the database and syncs both files, and the request behind it
// (and every request queued behind that one) waits tens of milliseconds. Here a worker thread with its own
// connection checkpoints every `intervalMs` instead; the server's connection keeps SQLite's automatic checkpoint
// only as a safety net, at a log ten times larger, should the worker fall behind or stop.
import type Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** Pages (4 KiB) of log after which the server's own connection checkpoints anyway. */
export const safetyNetPages = 10_000;

// Plain CommonJS for the worker, so it runs the same under tsx, Vitest or a compiled build. PASSIVE: it copies
// what no reader still needs and never waits for, nor blocks, the server's reads and writes. The connection syncs
// as the server's does (NORMAL: the log before copying, the database after), so durability is unchanged.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or failing now: the next turn tries again, and the safety net still bounds the log.
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

/** Starts the checkpoint worker for the database file at `path` and moves `db`'s own checkpoint to the safety net. */
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
      intervalMs: options.intervalMs ?? Number(process.env.BK_CKPT_MS ?? 100),
    },
  });
  // A worker that cannot start or dies leaves the safety net in charge; it must not take the server down.
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
