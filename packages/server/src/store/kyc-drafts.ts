// KYC drafts: form input a user has typed and not saved as a step yet. In the SQLite file (even with Redis: it
// belongs with the KYC case it drafts). One row per user and KYC type, found only through the caller's session:
// no request names whose draft it is. Deleted on submission; expired rows are never read and are purged.
import type Database from 'better-sqlite3';
import { kycDraftSchema, type KycDraft } from '@broker-kit/core/adapter/schemas.ts';
import { maskSensitiveValues } from '@broker-kit/core/rules/sensitive.ts';
import { statement } from './sqlite.ts';

/** Replaces the user's draft of that KYC type (PUT semantics: saving the same draft twice changes nothing). */
export function putKycDraft(
  db: Database.Database,
  draft: { userId: number; kycType: string; value: KycDraft; now: number; expiresAt: number },
): void {
  statement(
    db,
    `INSERT INTO kyc_drafts (user_id, kyc_type, draft, updated_at, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (user_id, kyc_type) DO UPDATE SET
         draft = excluded.draft, updated_at = excluded.updated_at, expires_at = excluded.expires_at`,
  ).run(draft.userId, draft.kycType, JSON.stringify(maskSensitiveValues(draft.value)), draft.now, draft.expiresAt);
}

/** The user's live draft, or undefined (none, expired, or not a valid draft any more). */
export function getKycDraft(db: Database.Database, userId: number, kycType: string, now: number): KycDraft | undefined {
  const row = statement(db, 'SELECT draft FROM kyc_drafts WHERE user_id = ? AND kyc_type = ? AND expires_at > ?').get(
    userId,
    kycType,
    now,
  ) as { draft: string } | undefined;
  if (!row) return undefined;
  try {
    const parsed = kycDraftSchema.safeParse(JSON.parse(row.draft));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function deleteKycDraft(db: Database.Database, userId: number, kycType: string): void {
  statement(db, 'DELETE FROM kyc_drafts WHERE user_id = ? AND kyc_type = ?').run(userId, kycType);
}

/** Deletes every draft whose time is up; returns how many. */
export function purgeKycDrafts(db: Database.Database, now: number): number {
  return statement(db, 'DELETE FROM kyc_drafts WHERE expires_at <= ?').run(now).changes;
}
