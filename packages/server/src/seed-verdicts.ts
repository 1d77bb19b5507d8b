// validate-token answers exactly seed 001's three verdicts with the seed's texts, whatever the platform answered:
// its own codes and messages (naming internal calls) never reach the screens.
import { BrokerKitError, type ErrorCode } from '@broker-kit/core/errors.ts';

export const seedMessages = {
  INVALID_OT_TOKEN: 'The provided token is invalid or expired',
  TOKEN_EXPIRED: 'The provided token has expired',
  USER_NOT_FOUND: 'User context not found in token',
} as const;

const seedCodeOf: Partial<Record<ErrorCode, keyof typeof seedMessages>> = {
  INVALID_OT_TOKEN: 'INVALID_OT_TOKEN',
  CID_NON_EXISTED_TOKEN: 'INVALID_OT_TOKEN',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  CID_TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  USER_NOT_FOUND: 'USER_NOT_FOUND',
};

/**
 * The error a validate-token caller sees: a token verdict as the seed spells it; anything that is no verdict
 * (the platform down or slow, a bad request, a limit) keeps its own code, so the screen can offer a retry.
 */
export function asSeedVerdict(error: unknown): unknown {
  if (!(error instanceof BrokerKitError)) return error;
  const code = seedCodeOf[error.code];
  if (code === undefined) return error;
  return new BrokerKitError(code, seedMessages[code]);
}
