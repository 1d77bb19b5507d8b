import { describe, expect, it } from 'vitest';
import { canMove, depositStates, inFlightStates, isFinal, screenStatusOf, stateOfProviderStatus } from './payments.ts';

describe('payment rules', () => {
  it('moves forward only: a late or repeated provider event cannot undo a settlement', () => {
    expect(canMove('created', 'awaiting_customer')).toBe(true);
    expect(canMove('awaiting_customer', 'settled')).toBe(true);
    expect(canMove('settled', 'pending_provider')).toBe(false);
    expect(canMove('settled', 'awaiting_customer')).toBe(false);
    expect(canMove('settled', 'settled')).toBe(false);
    expect(canMove('credited', 'unknown')).toBe(false);
    expect(canMove('unknown', 'settled')).toBe(false);
    expect(canMove('failed', 'settled')).toBe(false);
  });

  it('reaches the platform only through unknown: the claim that makes one caller', () => {
    const into = (target: string) => depositStates.filter((from) => canMove(from, target as never));
    expect(into('credited')).toEqual(['unknown']);
    expect(into('unknown')).toEqual(['settled', 'unknown']);
  });

  it('never turns an unknown outcome into cancelled, and has no way out of a final state', () => {
    expect(canMove('unknown', 'cancelled')).toBe(false);
    for (const state of ['credited', 'failed', 'rejected', 'cancelled'] as const) expect(isFinal(state)).toBe(true);
    expect(inFlightStates).toEqual(['created', 'awaiting_customer', 'pending_provider', 'settled', 'unknown']);
  });

  it('maps provider statuses and screen statuses', () => {
    expect(stateOfProviderStatus('succeeded')).toBe('settled');
    expect(stateOfProviderStatus('requires_customer')).toBe('awaiting_customer');
    expect(screenStatusOf('unknown')).toBe('pending');
    expect(screenStatusOf('credited')).toBe('completed');
    expect(screenStatusOf('cancelled')).toBe('failed');
  });
});
