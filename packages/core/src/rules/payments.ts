import { BrokerKitError } from '../errors.ts';
import type { PaymentDirection, Transaction } from '../adapter/schemas.ts';
import { toUnits } from './money.ts';

// Payment rules: the states a payment goes through and the only moves between them. Every store that keeps
// payments (the reference server's SQLite, the in-memory backend) moves a payment only through `canMove`.

export const depositStates = [
  /** Stored, before the provider was asked. */
  'created',
  /** The provider has it; the customer must act (hosted page, 3-D Secure, a bank transfer). */
  'awaiting_customer',
  /** The customer acted; the provider is settling. */
  'pending_provider',
  /** The provider has the money; the platform's balance is still to change. */
  'settled',
  /** The platform's balance was changed, once, keyed by the payment id (externalId). */
  'credited',
  /** A platform call went out and its outcome is not known yet: resolved by asking the platform, never guessed. */
  'unknown',
  'failed',
  'rejected',
  'cancelled',
] as const;
export type PaymentState = (typeof depositStates)[number];

const moves: Record<PaymentState, readonly PaymentState[]> = {
  created: ['awaiting_customer', 'pending_provider', 'settled', 'failed', 'cancelled'],
  awaiting_customer: ['pending_provider', 'settled', 'failed', 'cancelled'],
  pending_provider: ['settled', 'failed', 'cancelled'],
  // Claiming the platform call moves to unknown first: whoever wins that move is the only caller.
  settled: ['unknown', 'failed'],
  // The platform answered (credited) or refused (failed); unknown → unknown is a fresh claim to call again after
  // the platform said it never applied the change. Never back to settled: a provider event would then re-credit.
  unknown: ['credited', 'unknown', 'failed'],
  credited: [],
  failed: [],
  rejected: [],
  cancelled: [],
};

/** Whether a payment may move from one state to another; a late or repeated provider event fails this. */
export function canMove(from: PaymentState, to: PaymentState): boolean {
  return moves[from].includes(to);
}

export function isFinal(state: PaymentState): boolean {
  return moves[state].length === 0;
}

/** States a reconciliation pass looks at: money may still move. */
export const inFlightStates = depositStates.filter((state) => !isFinal(state));

/** What a provider reports about a payment, in the port's words. */
export const providerStatuses = ['requires_customer', 'processing', 'succeeded', 'failed', 'cancelled'] as const;
export type ProviderStatus = (typeof providerStatuses)[number];

export function stateOfProviderStatus(status: ProviderStatus): PaymentState {
  return (
    {
      requires_customer: 'awaiting_customer',
      processing: 'pending_provider',
      succeeded: 'settled',
      failed: 'failed',
      cancelled: 'cancelled',
    } as const
  )[status];
}

/** The short status the screens have always shown, derived from the state. */
export function screenStatusOf(state: PaymentState): 'pending' | 'completed' | 'failed' | 'rejected' {
  if (state === 'credited') return 'completed';
  if (state === 'failed' || state === 'cancelled') return 'failed';
  if (state === 'rejected') return 'rejected';
  return 'pending';
}

// Deposits and withdrawals: limits, balance and the life of a transaction as the screens see it.
export type TransactionStatus = Transaction['status'];

/**
 * A transaction is created `pending` (a withdrawal reserves its amount at once); the provider and the platform's
 * balance change settle it `completed` or `failed`, a review may `reject` it. Settled states are final.
 */
export const transactionTransitions: Record<TransactionStatus, readonly TransactionStatus[]> = {
  pending: ['completed', 'failed', 'rejected'],
  completed: [],
  failed: [],
  rejected: [],
};

export function canMoveTransaction(from: TransactionStatus, to: TransactionStatus): boolean {
  return transactionTransitions[from].includes(to);
}

/** Throws unless `from → to` is a transition of the payment state machine. */
export function assertTransactionMove(from: TransactionStatus, to: TransactionStatus): void {
  if (!canMoveTransaction(from, to))
    throw new BrokerKitError('INVALID_REQUEST', `A ${from} transaction cannot become ${to}`);
}

/** LIMIT_EXCEEDED outside the method's limits, INSUFFICIENT_FUNDS for a withdrawal above the available balance. */
export function assertPaymentAllowed(payment: {
  direction: PaymentDirection;
  amount: string;
  method: { min: string; max: string };
  available: string;
}): void {
  const amount = toUnits(payment.amount);
  const below = amount < toUnits(payment.method.min);
  if (below || amount > toUnits(payment.method.max))
    throw new BrokerKitError(
      'LIMIT_EXCEEDED',
      `Amounts from ${payment.method.min} to ${payment.method.max} are accepted`,
      { fields: { amount: below ? 'too_small' : 'too_large' } },
    );
  if (payment.direction === 'withdraw' && amount > toUnits(payment.available))
    throw new BrokerKitError('INSUFFICIENT_FUNDS', 'The amount is more than the available balance');
}

/**
 * The same answer for someone else's trading account and one that does not exist: the caller learns nothing
 * about other users' accounts.
 */
export function notYourAccount(): BrokerKitError {
  return new BrokerKitError('CH_INSUFFICIENT_PERMISSIONS', 'No such trading account for this user');
}

/** A demo trading account holds virtual money: nothing is deposited to it or withdrawn from it. */
export function acceptsPayments(account: { environment: 'live' | 'demo' }): boolean {
  return account.environment !== 'demo';
}
