// Payments in SQLite. A payment moves only through `move`: the check against the rules, the update, the
// transition row and the audit entry are one IMMEDIATE transaction, so two processes never both make a move.
import type Database from 'better-sqlite3';
import { canMove, inFlightStates, type PaymentState } from '@broker-kit/core/rules/payments.ts';
import type { AuditLog } from '../store/types.ts';
import { statement } from '../store/sqlite.ts';
import type { NextAction } from './provider.ts';

export interface Payment {
  id: string;
  userId: number;
  direction: 'deposit' | 'withdraw';
  account: number;
  methodId: string;
  currency: string;
  amountMinor: bigint;
  state: PaymentState;
  reference: string;
  providerRef?: string;
  next?: NextAction;
  failureCode?: string;
  idempotencyKey: string;
  fingerprint: string;
  createdAt: number;
  updatedAt: number;
}

interface PaymentRow {
  id: string;
  user_id: number;
  direction: Payment['direction'];
  account: number;
  method_id: string;
  currency: string;
  amount_minor: number;
  state: PaymentState;
  reference: string;
  provider_ref: string | null;
  next_action: string | null;
  failure_code: string | null;
  idempotency_key: string;
  fingerprint: string;
  created_at: number;
  updated_at: number;
}

function paymentFromRow(row: PaymentRow): Payment {
  return {
    id: row.id,
    userId: row.user_id,
    direction: row.direction,
    account: row.account,
    methodId: row.method_id,
    currency: row.currency,
    amountMinor: BigInt(row.amount_minor),
    state: row.state,
    reference: row.reference,
    ...(row.provider_ref !== null && { providerRef: row.provider_ref }),
    ...(row.next_action !== null && { next: JSON.parse(row.next_action) as NextAction }),
    ...(row.failure_code !== null && { failureCode: row.failure_code }),
    idempotencyKey: row.idempotency_key,
    fingerprint: row.fingerprint,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface MovePatch {
  providerRef?: string;
  next?: NextAction;
  failureCode?: string;
  /** Move only if nobody moved the payment since this `updatedAt` was read: an exclusive claim. */
  expectUpdatedAt?: number;
}

export class PaymentStore {
  constructor(
    private readonly db: Database.Database,
    private readonly audit: AuditLog,
    private readonly now: () => number,
  ) {}

  get(id: string): Payment | undefined {
    const row = statement(this.db, 'SELECT * FROM payments WHERE id = ?').get(id) as PaymentRow | undefined;
    return row && paymentFromRow(row);
  }

  byKey(userId: number, idempotencyKey: string): Payment | undefined {
    const row = statement(this.db, 'SELECT * FROM payments WHERE user_id = ? AND idempotency_key = ?').get(
      userId,
      idempotencyKey,
    ) as PaymentRow | undefined;
    return row && paymentFromRow(row);
  }

  /** Stores a new payment in `created`; with a key already used, answers the payment stored under it. */
  create(payment: Omit<Payment, 'state' | 'createdAt' | 'updatedAt'>): Payment {
    const at = this.now();
    this.db
      .transaction(() => {
        const inserted = statement(
          this.db,
          `INSERT INTO payments (id, user_id, direction, account, method_id, currency, amount_minor, state, reference,
             idempotency_key, fingerprint, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'created', ?, ?, ?, ?, ?) ON CONFLICT (user_id, idempotency_key) DO NOTHING`,
        ).run(
          payment.id,
          payment.userId,
          payment.direction,
          payment.account,
          payment.methodId,
          payment.currency,
          payment.amountMinor,
          payment.reference,
          payment.idempotencyKey,
          payment.fingerprint,
          at,
          at,
        );
        if (inserted.changes === 1) this.record(payment.id, payment.userId, null, 'created', 'request', at);
      })
      .immediate();
    return this.byKey(payment.userId, payment.idempotencyKey)!;
  }

  /**
   * Moves a payment to `to` if the rules allow it from the state it is in now; false (and nothing written)
   * otherwise. A repeated or late provider event therefore changes nothing.
   */
  move(id: string, to: PaymentState, cause: string, patch: MovePatch = {}): boolean {
    const at = this.now();
    return this.db
      .transaction(() => {
        const row = statement(this.db, 'SELECT state, user_id, updated_at FROM payments WHERE id = ?').get(id) as
          { state: PaymentState; user_id: number; updated_at: number } | undefined;
        if (!row || !canMove(row.state, to)) return false;
        if (patch.expectUpdatedAt !== undefined && patch.expectUpdatedAt !== row.updated_at) return false;
        // Strictly increasing, so that `expectUpdatedAt` tells every move apart, even two in one millisecond.
        statement(
          this.db,
          `UPDATE payments SET state = ?, updated_at = MAX(?, updated_at + 1), provider_ref = COALESCE(?, provider_ref),
             next_action = COALESCE(?, next_action), failure_code = COALESCE(?, failure_code) WHERE id = ?`,
        ).run(
          to,
          at,
          patch.providerRef ?? null,
          patch.next ? JSON.stringify(patch.next) : null,
          patch.failureCode ?? null,
          id,
        );
        this.record(id, row.user_id, row.state, to, cause, at);
        return true;
      })
      .immediate();
  }

  private record(id: string, userId: number, from: PaymentState | null, to: PaymentState, cause: string, at: number) {
    statement(
      this.db,
      'INSERT INTO payment_transitions (payment_id, from_state, to_state, cause, at) VALUES (?, ?, ?, ?, ?)',
    ).run(id, from, to, cause, at);
    this.audit.append({
      at,
      event: 'payment.transition',
      outcome: to === 'failed' || to === 'cancelled' ? 'failure' : 'success',
      userId,
      actor: cause,
      detail: { payment: id, from: from ?? undefined, to },
    });
  }

  transitions(id: string): { from: PaymentState | null; to: PaymentState; cause: string; at: number }[] {
    return statement(
      this.db,
      'SELECT from_state AS "from", to_state AS "to", cause, at FROM payment_transitions WHERE payment_id = ? ORDER BY id',
    ).all(id) as never;
  }

  /** Payments that may still move and have not moved since `before`: what a reconciliation pass settles. */
  inFlight(before: number): Payment[] {
    const marks = inFlightStates.map(() => '?').join(', ');
    return (
      statement(this.db, `SELECT * FROM payments WHERE state IN (${marks}) AND updated_at < ? ORDER BY created_at`).all(
        ...inFlightStates,
        before,
      ) as PaymentRow[]
    ).map(paymentFromRow);
  }
}
