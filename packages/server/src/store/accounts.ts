// Trading accounts in SQLite (accounts module). The functions take the database, for SQLite work that joins
// a transaction of its own; `SqliteAccountStore` is the same behind the core's store interface.
import type Database from 'better-sqlite3';
import type { TradingAccount } from '@broker-kit/core/adapter/schemas.ts';
import type { AccountStore } from '@broker-kit/core/services/accounts.ts';
import { statement } from './sqlite.ts';

interface AccountRow {
  login: number;
  user_id: number;
  environment: 'live' | 'demo';
  account_type_id: string;
  currency: string;
  leverage: number;
  balance: string;
}

export function accountFromRow(row: AccountRow): TradingAccount {
  return {
    login: row.login,
    environment: row.environment,
    accountTypeId: row.account_type_id,
    currency: row.currency,
    leverage: row.leverage,
    balance: row.balance,
  };
}

export function accountsOf(db: Database.Database, userId: number): TradingAccount[] {
  const rows = statement(db, 'SELECT * FROM accounts WHERE user_id = ? ORDER BY created_at, login').all(
    userId,
  ) as AccountRow[];
  return rows.map(accountFromRow);
}

export function accountOf(db: Database.Database, userId: number, login: number): TradingAccount | undefined {
  const row = statement(db, 'SELECT * FROM accounts WHERE user_id = ? AND login = ?').get(userId, login) as
    AccountRow | undefined;
  return row && accountFromRow(row);
}

/** The user a trading login belongs to in the broker's records, if any. */
export function ownerOfLogin(db: Database.Database, login: number): number | undefined {
  const row = statement(db, 'SELECT user_id FROM accounts WHERE login = ?').get(login) as
    { user_id: number } | undefined;
  return row?.user_id;
}

/**
 * Handoff: the platform's own token named a trading login we have not seen; keep a row so money can move on it.
 * Only the platform's word ties a new login to a user: a token this server issued never creates a row.
 */
export function ensureAccount(db: Database.Database, userId: number, login: number, now: number): void {
  statement(
    db,
    `INSERT INTO accounts (login, user_id, environment, account_type_id, currency, leverage, created_at)
     VALUES (?, ?, 'live', 'standard', 'USD', 100, ?) ON CONFLICT (login) DO NOTHING`,
  ).run(login, userId, now);
}

export class SqliteAccountStore implements AccountStore {
  constructor(private readonly db: Database.Database) {}

  list(userId: number): TradingAccount[] {
    return accountsOf(this.db, userId);
  }

  get(userId: number, login: number): TradingAccount | undefined {
    return accountOf(this.db, userId, login);
  }

  byKey(userId: number, idempotencyKey: string): TradingAccount | undefined {
    const row = statement(this.db, 'SELECT * FROM accounts WHERE user_id = ? AND idempotency_key = ?').get(
      userId,
      idempotencyKey,
    ) as AccountRow | undefined;
    return row && accountFromRow(row);
  }

  add(userId: number, account: TradingAccount, idempotencyKey: string | undefined, now: number): TradingAccount {
    statement(
      this.db,
      `INSERT INTO accounts (login, user_id, environment, account_type_id, currency, leverage, balance, idempotency_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(
      account.login,
      userId,
      account.environment,
      account.accountTypeId,
      account.currency,
      account.leverage,
      account.balance ?? '0',
      idempotencyKey ?? null,
      now,
    );
    return (idempotencyKey === undefined ? undefined : this.byKey(userId, idempotencyKey)) ?? account;
  }

  ownerOf(login: number): number | undefined {
    return ownerOfLogin(this.db, login);
  }
}
