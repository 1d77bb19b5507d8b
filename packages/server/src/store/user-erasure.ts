// Deleting a user: their personal data goes in one transaction. What the broker must keep stays (payments, the
// ledger, the audit trail, invite attributions), and their trading logins stay tied to the deleted id, so no one
// can claim them later.
import type Database from 'better-sqlite3';
import { statement } from './sqlite.ts';

/** Tables holding a user's personal data, by their `user_id` column (sessions and tokens too, in SQLite). */
const personalTables = [
  'kyc_drafts',
  'kyc_documents',
  'kyc_submissions',
  'chat_messages',
  'action_submissions',
  'backoffice_ribbons',
  'password_resets',
  'tokens',
  'sessions',
] as const;

/** Deletes the user and their personal data; false when there was no such user. */
export function eraseUser(db: Database.Database, userId: number): boolean {
  return db.transaction(() => {
    for (const table of personalTables) statement(db, `DELETE FROM ${table} WHERE user_id = ?`).run(userId);
    return statement(db, 'DELETE FROM users WHERE user_id = ?').run(userId).changes > 0;
  })();
}
