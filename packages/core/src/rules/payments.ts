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
