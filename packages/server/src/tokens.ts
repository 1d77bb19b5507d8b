// One-time tokens of this server: issue (CSPRNG, hashed at rest, bound, expiring) and redeem (atomic, once).
import type { ErrorCode } from '@broker-kit/core/errors.ts';
import type { TokenPurpose } from '@broker-kit/core/adapter/schemas.ts';
import { hashToken, newToken } from './crypto.ts';
import { audit, fail, type Ctx, type Deps } from './http.ts';
import type { OtTokenRecord, RedeemExpectation } from './store/index.ts';

/** In-app tokens this server issues are redeemed by the broker screens, not by the platform. */
export const screensClientId = 'broker-screens';

export async function issueToken(
  deps: Deps,
  claims: {
    purpose: TokenPurpose;
    userId: number;
    clientId: string;
    action?: string;
    tradingLogin?: number;
    keepLoggedIn?: boolean;
    ttlMs: number;
  },
): Promise<{ token: string; expiresAt: number }> {
  const token = newToken();
  const issuedAt = deps.now();
  const { ttlMs, ...binding } = claims;
  await deps.stores.tokens.issue({ hash: hashToken(token), ...binding, issuedAt, expiresAt: issuedAt + ttlMs });
  return { token, expiresAt: issuedAt + ttlMs };
}

export interface VerdictCodes {
  invalid: ErrorCode;
  expired: ErrorCode;
}

/**
 * Redeems a token this server issued. `undefined` when the store has never seen it (the caller may ask the
 * platform). A replay revokes every session and access token the first redemption opened (SECURITY 6).
 * Any store failure is a rejection, never an acceptance (SECURITY 12).
 */
export async function redeemToken(
  c: Ctx,
  token: string,
  expect: RedeemExpectation,
  codes: VerdictCodes,
): Promise<OtTokenRecord | undefined> {
  const { stores, now, logger } = c.get('deps');
  const hash = hashToken(token);
  let outcome;
  try {
    outcome = await stores.tokens.redeem(hash, expect, now());
  } catch {
    logger.error('token store unavailable');
    audit(c, { event: 'token.redeem', outcome: 'failure', detail: { reason: 'store-error' } });
    fail(codes.invalid);
  }
  if (outcome.ok) return outcome.record;
  const userId = outcome.record?.userId;
  switch (outcome.reason) {
    case 'unknown':
      return undefined;
    case 'used':
      await revokeReplayed(c, hash, userId);
      return fail(codes.invalid);
    case 'expired':
      audit(c, { event: 'token.redeem', outcome: 'failure', userId, detail: { reason: 'expired' } });
      return fail(codes.expired);
    case 'mismatch':
      audit(c, {
        event: 'token.redeem',
        outcome: 'failure',
        userId,
        detail: { reason: 'binding-mismatch', purpose: outcome.record?.purpose },
      });
      return fail(codes.invalid);
  }
}

export async function revokeReplayed(c: Ctx, hash: string, userId: number | undefined): Promise<void> {
  let revoked = 0;
  try {
    revoked = await c.get('deps').stores.sessions.revokeByOrigin(hash);
  } finally {
    audit(c, { event: 'token.replay', outcome: 'failure', userId: userId || undefined, detail: { revoked } });
  }
}
