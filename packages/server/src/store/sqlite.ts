// The embedded default store: one SQLite file (WAL, so several processes may share it) with numbered
// migrations. Token redemption is one UPDATE … RETURNING statement: SQLite runs it atomically.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import type {
  AuditEntry,
  AuditLog,
  BusEvent,
  ChatBus,
  OtTokenRecord,
  RateLimitStore,
  RedeemExpectation,
  RedeemOutcome,
  SessionKind,
  SessionRecord,
  SessionStore,
  TokenStore,
} from './types.ts';
import type { TokenPurpose } from '@broker-kit/core/adapter/schemas.ts';
import { kycCaseMigration } from './kyc-schema.ts';

const migrations: string[] = [
  `CREATE TABLE users (
     id INTEGER PRIMARY KEY,
     user_id INTEGER NOT NULL UNIQUE,
     email TEXT NOT NULL UNIQUE COLLATE NOCASE,
     password_hash TEXT,
     first_name TEXT, last_name TEXT, country TEXT,
     partner_id TEXT NOT NULL UNIQUE,
     created_at INTEGER NOT NULL);
   CREATE TABLE tokens (
     hash TEXT PRIMARY KEY,
     purpose TEXT NOT NULL, user_id INTEGER NOT NULL, client_id TEXT NOT NULL,
     action TEXT, trading_login INTEGER,
     issued_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER);
   CREATE INDEX tokens_expiry ON tokens (expires_at);
   CREATE TABLE sessions (
     hash TEXT PRIMARY KEY,
     kind TEXT NOT NULL, user_id INTEGER NOT NULL, client_id TEXT, origin TEXT,
     action TEXT, trading_login INTEGER,
     created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, revoked_at INTEGER);
   CREATE INDEX sessions_origin ON sessions (origin);
   CREATE INDEX sessions_user ON sessions (user_id);
   CREATE TABLE rate_limits (key TEXT PRIMARY KEY, count INTEGER NOT NULL, reset_at INTEGER NOT NULL);
   CREATE TABLE accounts (
     login INTEGER PRIMARY KEY, user_id INTEGER NOT NULL,
     environment TEXT NOT NULL, account_type_id TEXT NOT NULL, currency TEXT NOT NULL, leverage INTEGER NOT NULL,
     balance TEXT NOT NULL DEFAULT '0', idempotency_key TEXT, created_at INTEGER NOT NULL,
     UNIQUE (user_id, idempotency_key));
   CREATE TABLE transactions (
     id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, direction TEXT NOT NULL, account INTEGER NOT NULL,
     method_id TEXT NOT NULL, amount TEXT NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL,
     reference TEXT NOT NULL, failure_reason TEXT, idempotency_key TEXT NOT NULL, fingerprint TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     UNIQUE (user_id, idempotency_key));
   CREATE TABLE kyc_submissions (
     user_id INTEGER NOT NULL, kyc_type TEXT NOT NULL, status TEXT NOT NULL,
     personal TEXT, address TEXT, reasons TEXT NOT NULL DEFAULT '[]',
     idempotency_key TEXT, submitted_at INTEGER, updated_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, kyc_type));
   CREATE TABLE kyc_documents (
     id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, kyc_type TEXT NOT NULL, document_type TEXT NOT NULL,
     file_name TEXT NOT NULL, mime_type TEXT NOT NULL, size INTEGER NOT NULL, data BLOB NOT NULL,
     created_at INTEGER NOT NULL);
   CREATE TABLE action_submissions (
     user_id INTEGER NOT NULL, idempotency_key TEXT NOT NULL, action_type TEXT NOT NULL,
     field_values TEXT NOT NULL, status TEXT NOT NULL, reference TEXT NOT NULL, created_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, idempotency_key));
   CREATE TABLE chat_messages (
     seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, user_id INTEGER NOT NULL,
     client_id TEXT, author TEXT NOT NULL, author_name TEXT, text TEXT NOT NULL, sent_at INTEGER NOT NULL,
     UNIQUE (user_id, client_id));
   CREATE TABLE invite_events (
     id INTEGER PRIMARY KEY, partner_id TEXT NOT NULL, kind TEXT NOT NULL,
     invited_user_id INTEGER, result TEXT, at INTEGER NOT NULL);
   CREATE INDEX invite_events_partner ON invite_events (partner_id);
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, event TEXT NOT NULL, outcome TEXT NOT NULL,
     user_id INTEGER, actor TEXT, ip TEXT, detail TEXT);
   CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
   CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;`,
  `ALTER TABLE tokens ADD COLUMN keep_logged_in INTEGER;
   ALTER TABLE sessions ADD COLUMN keep_logged_in INTEGER;`,
  `ALTER TABLE transactions ADD COLUMN failure_code TEXT;`,
  // Password reset links (hashed tokens), the default mailer's dev outbox, the ribbon rules the back office keeps.
  `CREATE TABLE password_resets (
     hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL,
     created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, used_at INTEGER, voided_at INTEGER);
   CREATE INDEX password_resets_user ON password_resets (user_id);
   CREATE TABLE dev_outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, to_address TEXT NOT NULL, language TEXT NOT NULL,
     subject TEXT NOT NULL, body TEXT NOT NULL, created_at INTEGER NOT NULL);
   CREATE TABLE backoffice_ribbons (
     user_id INTEGER NOT NULL, id TEXT NOT NULL, rule TEXT NOT NULL, actor TEXT NOT NULL,
     created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, id));`,
  // KYC form input not yet saved as a step, one per user and KYC type, until submission or expiry.
  `CREATE TABLE kyc_drafts (
     user_id INTEGER NOT NULL, kyc_type TEXT NOT NULL, draft TEXT NOT NULL,
     updated_at INTEGER NOT NULL, expires_at INTEGER NOT NULL,
     PRIMARY KEY (user_id, kyc_type));
   CREATE INDEX kyc_drafts_expiry ON kyc_drafts (expires_at);`,
  // Payments through the provider port: one row per payment, its state, and every move it made.
  `CREATE TABLE payments (
     id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, direction TEXT NOT NULL, account INTEGER NOT NULL,
     method_id TEXT NOT NULL, currency TEXT NOT NULL, amount_minor INTEGER NOT NULL, state TEXT NOT NULL,
     reference TEXT NOT NULL, provider_ref TEXT, next_action TEXT, failure_code TEXT,
     idempotency_key TEXT NOT NULL, fingerprint TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
     UNIQUE (user_id, idempotency_key));
   CREATE INDEX payments_state ON payments (state, updated_at);
   CREATE TABLE payment_transitions (
     id INTEGER PRIMARY KEY AUTOINCREMENT, payment_id TEXT NOT NULL, from_state TEXT, to_state TEXT NOT NULL,
     cause TEXT NOT NULL, at INTEGER NOT NULL);
   CREATE INDEX payment_transitions_payment ON payment_transitions (payment_id);`,
  // A user the back office disabled: kept, but no session, token or login works for it.
  `ALTER TABLE users ADD COLUMN disabled_at INTEGER;`,
  // KYC review and re-verification: corrections, approvals that run out, decisions, vendor checks.
  kycCaseMigration,
];

export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL syncs at checkpoints, not at every commit. A committed transaction (audit rows included)
  // survives a crash of the process; only a power loss or OS crash can lose the last commits, and never corrupts
  // the file. That keeps commits cheap enough for several per request.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/** Each database's statements, compiled on first use and reused: preparing costs more than running. */
const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function statement(db: Database.Database, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

function migrate(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
  // IMMEDIATE: two processes starting together do not both apply a migration.
  db.transaction(() => {
    const row = db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null };
    const current = row.version ?? 0;
    migrations.forEach((sql, index) => {
      const version = index + 1;
      if (version <= current) return;
      db.exec(sql);
      db.prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)').run(version, Date.now());
    });
  }).immediate();
}

interface TokenRow {
  hash: string;
  purpose: TokenPurpose;
  user_id: number;
  client_id: string;
  action: string | null;
  trading_login: number | null;
  keep_logged_in: number | null;
  issued_at: number;
  expires_at: number;
  used_at: number | null;
}

function tokenFromRow(row: TokenRow): OtTokenRecord {
  return {
    hash: row.hash,
    purpose: row.purpose,
    userId: row.user_id,
    clientId: row.client_id,
    ...(row.action !== null && { action: row.action }),
    ...(row.trading_login !== null && { tradingLogin: row.trading_login }),
    ...(row.keep_logged_in !== null && { keepLoggedIn: row.keep_logged_in === 1 }),
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
  };
}

/** An optional boolean as SQLite stores it: 1, 0 or NULL. */
const sqliteFlag = (value: boolean | undefined) => (value === undefined ? null : Number(value));

/** Why a token did not redeem, read after the atomic step failed. */
export function diagnose(usedAt: number | null | undefined, expiresAt: number, now: number) {
  if (usedAt) return 'used' as const;
  if (expiresAt <= now) return 'expired' as const;
  return 'mismatch' as const;
}

export class SqliteTokenStore implements TokenStore {
  constructor(private readonly db: Database.Database) {}

  async issue(record: OtTokenRecord): Promise<void> {
    statement(
      this.db,
      `INSERT INTO tokens (hash, purpose, user_id, client_id, action, trading_login, keep_logged_in, issued_at,
           expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      record.hash,
      record.purpose,
      record.userId,
      record.clientId,
      record.action ?? null,
      record.tradingLogin ?? null,
      sqliteFlag(record.keepLoggedIn),
      record.issuedAt,
      record.expiresAt,
    );
  }

  async redeem(hash: string, expect: RedeemExpectation, now: number): Promise<RedeemOutcome> {
    const purposes = expect.purposes.map(() => '?').join(', ');
    const row = statement(
      this.db,
      `UPDATE tokens SET used_at = ?
         WHERE hash = ? AND used_at IS NULL AND expires_at > ? AND client_id = ? AND purpose IN (${purposes})
           AND (action IS NULL OR ? IS NULL OR action = ?)
         RETURNING *`,
    ).get(now, hash, now, expect.clientId, ...expect.purposes, expect.action ?? null, expect.action ?? null) as
      TokenRow | undefined;
    if (row) return { ok: true, record: tokenFromRow(row) };
    const existing = statement(this.db, 'SELECT * FROM tokens WHERE hash = ?').get(hash) as TokenRow | undefined;
    if (!existing) return { ok: false, reason: 'unknown' };
    const record = tokenFromRow(existing);
    return { ok: false, reason: diagnose(existing.used_at, existing.expires_at, now), record };
  }

  async claim(hash: string, keepUntil: number, now: number): Promise<boolean> {
    const row = statement(
      this.db,
      `INSERT INTO tokens (hash, purpose, user_id, client_id, issued_at, expires_at, used_at)
         VALUES (?, 'in-app', 0, 'platform', ?, ?, ?) ON CONFLICT (hash) DO NOTHING RETURNING hash`,
    ).get(hash, now, keepUntil, now);
    return row !== undefined;
  }
}

interface SessionRow {
  hash: string;
  kind: SessionKind;
  user_id: number;
  client_id: string | null;
  origin: string | null;
  action: string | null;
  trading_login: number | null;
  keep_logged_in: number | null;
  created_at: number;
  expires_at: number;
}

export class SqliteSessionStore implements SessionStore {
  constructor(private readonly db: Database.Database) {}

  async create(record: SessionRecord, alongside?: () => void): Promise<void> {
    this.db.transaction(() => {
      statement(
        this.db,
        `INSERT INTO sessions (hash, kind, user_id, client_id, origin, action, trading_login, keep_logged_in,
           created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        record.hash,
        record.kind,
        record.userId,
        record.clientId ?? null,
        record.origin ?? null,
        record.action ?? null,
        record.tradingLogin ?? null,
        sqliteFlag(record.keepLoggedIn),
        record.createdAt,
        record.expiresAt,
      );
      alongside?.();
    })();
  }

  async get(hash: string, now: number): Promise<SessionRecord | undefined> {
    const row = statement(
      this.db,
      'SELECT * FROM sessions WHERE hash = ? AND revoked_at IS NULL AND expires_at > ?',
    ).get(hash, now) as SessionRow | undefined;
    if (!row) return undefined;
    return {
      hash: row.hash,
      kind: row.kind,
      userId: row.user_id,
      ...(row.client_id !== null && { clientId: row.client_id }),
      ...(row.origin !== null && { origin: row.origin }),
      ...(row.action !== null && { action: row.action }),
      ...(row.trading_login !== null && { tradingLogin: row.trading_login }),
      ...(row.keep_logged_in !== null && { keepLoggedIn: row.keep_logged_in === 1 }),
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  async revoke(hash: string): Promise<void> {
    statement(this.db, 'UPDATE sessions SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL').run(
      Date.now(),
      hash,
    );
  }

  async revokeByOrigin(origin: string): Promise<number> {
    return statement(this.db, 'UPDATE sessions SET revoked_at = ? WHERE origin = ? AND revoked_at IS NULL').run(
      Date.now(),
      origin,
    ).changes;
  }

  async revokeUser(userId: number, kinds: readonly SessionKind[]): Promise<void> {
    const marks = kinds.map(() => '?').join(', ');
    statement(
      this.db,
      `UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND kind IN (${marks}) AND revoked_at IS NULL`,
    ).run(Date.now(), userId, ...kinds);
  }
}

export class SqliteRateLimitStore implements RateLimitStore {
  constructor(private readonly db: Database.Database) {}

  async hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
    const windowStart = now - (now % windowMs);
    const resetAt = windowStart + windowMs;
    const row = statement(
      this.db,
      `INSERT INTO rate_limits (key, count, reset_at) VALUES (?, 1, ?)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN reset_at <= ? THEN 1 ELSE count + 1 END,
           reset_at = CASE WHEN reset_at <= ? THEN excluded.reset_at ELSE reset_at END
         RETURNING count, reset_at`,
    ).get(key, resetAt, now, now) as { count: number; reset_at: number };
    return { count: row.count, resetAt: row.reset_at };
  }

  async peek(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
    const row = statement(this.db, 'SELECT count, reset_at FROM rate_limits WHERE key = ?').get(key) as
      { count: number; reset_at: number } | undefined;
    if (row && row.reset_at > now) return { count: row.count, resetAt: row.reset_at };
    return { count: 0, resetAt: now - (now % windowMs) + windowMs };
  }
}

/** Fan-out inside one process. */
export class MemoryChatBus implements ChatBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(event: BusEvent): Promise<void> {
    this.emitter.emit(String(event.userId), event);
  }

  subscribe(userId: number, listener: (event: BusEvent) => void): () => void {
    this.emitter.on(String(userId), listener);
    return () => this.emitter.off(String(userId), listener);
  }
}

export class SqliteAuditLog implements AuditLog {
  constructor(private readonly db: Database.Database) {}

  append(entry: AuditEntry): void {
    statement(
      this.db,
      'INSERT INTO audit (at, event, outcome, user_id, actor, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      entry.at,
      entry.event,
      entry.outcome,
      entry.userId ?? null,
      entry.actor ?? null,
      entry.ip ?? null,
      entry.detail ? JSON.stringify(entry.detail) : null,
    );
  }

  list(filter: { from?: number; to?: number }): (AuditEntry & { id: number })[] {
    const rows = statement(this.db, 'SELECT * FROM audit WHERE at >= ? AND at <= ? ORDER BY id').all(
      filter.from ?? 0,
      filter.to ?? Number.MAX_SAFE_INTEGER,
    ) as {
      id: number;
      at: number;
      event: string;
      outcome: 'success' | 'failure';
      user_id: number | null;
      actor: string | null;
      ip: string | null;
      detail: string | null;
    }[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      event: row.event,
      outcome: row.outcome,
      ...(row.user_id !== null && { userId: row.user_id }),
      ...(row.actor !== null && { actor: row.actor }),
      ...(row.ip !== null && { ip: row.ip }),
      ...(row.detail !== null && { detail: JSON.parse(row.detail) as AuditEntry['detail'] }),
    }));
  }
}
