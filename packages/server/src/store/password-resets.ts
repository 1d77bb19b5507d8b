// Password reset links in the SQLite file (even with Redis: they are rare, and the file is shared by every
// process). Only the token's SHA-256 digest is stored; a user has at most one live link; redemption is one
// UPDATE … RETURNING, so two requests with the same link cannot both succeed.
import type Database from 'better-sqlite3';
import { statement } from './sqlite.ts';

export type ResetLinkState = 'live' | 'expired' | 'used' | 'voided' | 'unknown';

/** Records a new link for the user and voids every earlier one, in one transaction. */
export function issueResetLink(
  db: Database.Database,
  link: { hash: string; userId: number; now: number; expiresAt: number },
): void {
  db.transaction(() => {
    voidResetLinks(db, link.userId, link.now);
    statement(db, 'INSERT INTO password_resets (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(
      link.hash,
      link.userId,
      link.now,
      link.expiresAt,
    );
  })();
}

/** Voids the user's unused links (a newer one was sent, or the password changed). */
export function voidResetLinks(db: Database.Database, userId: number, now: number): void {
  statement(
    db,
    'UPDATE password_resets SET voided_at = ? WHERE user_id = ? AND used_at IS NULL AND voided_at IS NULL',
  ).run(now, userId);
}

/** What a link is worth now, without spending it. */
export function resetLinkState(
  db: Database.Database,
  hash: string,
  now: number,
): { state: ResetLinkState; userId?: number } {
  const row = statement(db, 'SELECT user_id, expires_at, used_at, voided_at FROM password_resets WHERE hash = ?').get(
    hash,
  ) as { user_id: number; expires_at: number; used_at: number | null; voided_at: number | null } | undefined;
  if (!row) return { state: 'unknown' };
  const state = row.used_at ? 'used' : row.voided_at ? 'voided' : row.expires_at <= now ? 'expired' : 'live';
  return { state, userId: row.user_id };
}

/**
 * Spends a live link and, in the same transaction, voids the user's other links and runs `alongside` (the new
 * password and its audit entry). Answers the user's id, or undefined when the link was not live any more.
 */
export function redeemResetLink(
  db: Database.Database,
  hash: string,
  now: number,
  alongside: (userId: number) => void,
): number | undefined {
  return db.transaction(() => {
    const row = statement(
      db,
      `UPDATE password_resets SET used_at = ?
         WHERE hash = ? AND used_at IS NULL AND voided_at IS NULL AND expires_at > ? RETURNING user_id`,
    ).get(now, hash, now) as { user_id: number } | undefined;
    if (!row) return undefined;
    voidResetLinks(db, row.user_id, now);
    alongside(row.user_id);
    return row.user_id;
  })();
}
