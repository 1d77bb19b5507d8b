// The broker's users in SQLite (identity module).
import type Database from 'better-sqlite3';
import type { UserRecord, UserStore } from '@broker-kit/core/services/identity.ts';
import { isUniqueViolation } from './errors.ts';
import { statement } from './sqlite.ts';

interface UserRow {
  id: number;
  user_id: number;
  email: string;
  password_hash: string | null;
  first_name: string | null;
  last_name: string | null;
  country: string | null;
  partner_id: string;
  created_at: number;
  disabled_at: number | null;
}

function userFromRow(row: UserRow): UserRecord {
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    passwordHash: row.password_hash,
    firstName: row.first_name,
    lastName: row.last_name,
    country: row.country,
    partnerId: row.partner_id,
    createdAt: row.created_at,
    ...(row.disabled_at !== null && { disabledAt: row.disabled_at }),
  };
}

export class SqliteUserStore implements UserStore {
  constructor(
    private readonly db: Database.Database,
    private readonly newPartnerId: () => string,
  ) {}

  byEmail(email: string): UserRecord | undefined {
    const row = statement(this.db, 'SELECT * FROM users WHERE email = ?').get(email) as UserRow | undefined;
    return row && userFromRow(row);
  }

  byUserId(userId: number): UserRecord | undefined {
    const row = statement(this.db, 'SELECT * FROM users WHERE user_id = ?').get(userId) as UserRow | undefined;
    return row && userFromRow(row);
  }

  insert(user: Omit<UserRecord, 'id'>): UserRecord | undefined {
    try {
      return this.insertRow(user);
    } catch (error) {
      // The address was taken meanwhile; any other failure of the store is ours, not the user's.
      if (isUniqueViolation(error, 'users.email')) return undefined;
      throw error;
    }
  }

  private insertRow(user: Omit<UserRecord, 'id'>): UserRecord {
    const row = statement(
      this.db,
      `INSERT INTO users (user_id, email, password_hash, first_name, last_name, country, partner_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
    ).get(
      user.userId,
      user.email,
      user.passwordHash,
      user.firstName,
      user.lastName,
      user.country,
      user.partnerId,
      user.createdAt,
    ) as UserRow;
    return userFromRow(row);
  }

  upsertFromPlatform(userId: number, email: string, now: number): UserRecord {
    const row = statement(
      this.db,
      `INSERT INTO users (user_id, email, partner_id, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET email = excluded.email RETURNING *`,
    ).get(userId, email, this.newPartnerId(), now) as UserRow;
    return userFromRow(row);
  }

  setPassword(userId: number, passwordHash: string): void {
    statement(this.db, 'UPDATE users SET password_hash = ? WHERE user_id = ?').run(passwordHash, userId);
  }

  setEmail(userId: number, email: string): void {
    statement(this.db, 'UPDATE users SET email = ? WHERE user_id = ?').run(email, userId);
  }

  setDisabled(userId: number, disabledAt: number | null): boolean {
    return statement(this.db, 'UPDATE users SET disabled_at = ? WHERE user_id = ?').run(disabledAt, userId).changes > 0;
  }
}
