// Deposits and withdrawals: limits, balance and the life of a transaction.
import { BrokerKitError } from '../errors.ts';
import type { PaymentDirection, Transaction } from '../adapter/schemas.ts';
import { toUnits } from './money.ts';

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
