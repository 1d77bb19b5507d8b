import type Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import {
  MemoryChatBus,
  openDatabase,
  SqliteAuditLog,
  SqliteRateLimitStore,
  SqliteSessionStore,
  SqliteTokenStore,
  statement,
} from './sqlite.ts';
import { RedisChatBus, RedisRateLimitStore, RedisSessionStore, RedisTokenStore } from './redis.ts';
import { startCheckpointer } from './checkpoint.ts';
import { SqliteUserStore } from './users.ts';
import { SqliteAccountStore } from './accounts.ts';
import type { AuditLog, Stores } from './types.ts';
import { sqliteWritable, type ReadinessCheck } from '../health.ts';

export * from './types.ts';

export interface StoreHandle extends Stores {
  db: Database.Database;
  /** Concrete SQLite stores: synchronous, so they can join a transaction of other SQLite work. */
  users: SqliteUserStore;
  accounts: SqliteAccountStore;
  audit: AuditLog;
  kind: 'sqlite' | 'redis';
  /** Each store's readiness check, by its name (see health.ts). */
  readiness: Record<string, ReadinessCheck>;
  /** Deletes tokens, sessions, reset links and dev mail older than `before` (Redis expires its own keys). */
  purge(before: number): void;
}

function purgeSqlite(db: Database.Database, before: number): void {
  db.transaction(() => {
    statement(db, 'DELETE FROM tokens WHERE expires_at < ?').run(before);
    statement(db, 'DELETE FROM sessions WHERE expires_at < ?').run(before);
    statement(db, 'DELETE FROM rate_limits WHERE reset_at < ?').run(before);
    statement(db, 'DELETE FROM password_resets WHERE expires_at < ?').run(before);
    // The dev outbox holds live links in plain text: it keeps a day of mail at most.
    statement(db, 'DELETE FROM dev_outbox WHERE created_at < ?').run(before);
  })();
}

/** SQLite always holds the data; with a Redis URL the shared, hot state (tokens, sessions, limits, chat) moves there. */
export async function openStores(options: {
  sqlitePath: string;
  redisUrl?: string | undefined;
  /** WAL checkpoints in a worker thread, off the event loop (the server turns this on; see checkpoint.ts). */
  backgroundCheckpoints?: boolean;
  /** Told of each failure seen outside a request (the Redis connection, the checkpoint worker), for the metrics. */
  onError?: (store: 'sqlite' | 'redis', operation: string) => void;
}): Promise<StoreHandle> {
  const db = openDatabase(options.sqlitePath);
  const checkpointer =
    options.backgroundCheckpoints && options.sqlitePath !== ':memory:'
      ? startCheckpointer(db, options.sqlitePath, {
          onError: () => {
            options.onError?.('sqlite', 'checkpoint');
            console.error('sqlite checkpoint worker stopped: the server connection checkpoints instead');
          },
        })
      : undefined;
  const closeDb = async () => {
    await checkpointer?.stop();
    db.close();
  };
  const users = new SqliteUserStore(db, () => randomBytes(6).toString('base64url'));
  const audit = new SqliteAuditLog(db);
  const accounts = new SqliteAccountStore(db);
  if (!options.redisUrl) {
    return {
      kind: 'sqlite',
      db,
      users,
      accounts,
      audit,
      tokens: new SqliteTokenStore(db),
      sessions: new SqliteSessionStore(db),
      rateLimits: new SqliteRateLimitStore(db),
      chatBus: new MemoryChatBus(),
      readiness: { sqlite: sqliteWritable(db) },
      purge: (before) => purgeSqlite(db, before),
      close: closeDb,
    };
  }
  // Fail fast at start rather than queue commands forever; later outages reject and the app fails closed.
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
  let reported = false;
  redis.on('error', () => {
    options.onError?.('redis', 'connection');
    if (!reported) console.error('redis connection error: tokens and sessions fail closed until it is back');
    reported = true;
  });
  redis.on('ready', () => (reported = false));
  let chatBus: RedisChatBus;
  try {
    await redis.connect();
    chatBus = new RedisChatBus(redis);
    await chatBus.ready;
  } catch (error) {
    redis.disconnect();
    await closeDb();
    throw error;
  }
  return {
    kind: 'redis',
    db,
    users,
    accounts,
    audit,
    tokens: new RedisTokenStore(redis),
    sessions: new RedisSessionStore(redis),
    rateLimits: new RedisRateLimitStore(redis),
    chatBus,
    readiness: {
      sqlite: sqliteWritable(db),
      redis: async () => {
        await redis.ping();
      },
    },
    purge: (before) => purgeSqlite(db, before),
    close: async () => {
      await chatBus.close();
      redis.disconnect();
      await closeDb();
    },
  };
}
