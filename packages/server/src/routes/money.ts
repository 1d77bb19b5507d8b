// Trading accounts (seed 002 stage 5) and deposits / withdrawals, with idempotency keys and platform balance changes.
import type { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import * as z from 'zod';
import {
  createAccountRequestSchema,
  paymentRequestSchema,
  type Transaction,
  type TransactionFailureCode,
} from '@broker-kit/core/adapter/schemas.ts';
import { accountOf } from '../store/accounts.ts';
import { audit, fail, requireModule, readJson, requireSession, type AppEnv } from '../http.ts';
import { sessionAllowsDirection } from '../session-scope.ts';
import { isUniqueViolation } from '../store/errors.ts';
import { amountProblem, fromUnits, toMinor, toUnits } from '@broker-kit/core/rules/money.ts';
import { acceptsPayments, assertPaymentAllowed, notYourAccount } from '@broker-kit/core/rules/payments.ts';
import { FieldCheck } from '@broker-kit/core/rules/problems.ts';
import { transactionOfPayment } from '../payments/routes.ts';
import { completeLogin } from './identity.ts';
import { services } from '../services.ts';
import { on } from './table.ts';

interface TransactionRow {
  id: string;
  user_id: number;
  direction: 'deposit' | 'withdraw';
  account: number;
  amount: string;
  currency: string;
  status: Transaction['status'];
  reference: string;
  failure_reason: string | null;
  failure_code: TransactionFailureCode | null;
  fingerprint: string;
  created_at: number;
}

function transactionFromRow(row: TransactionRow): Transaction {
  return {
    id: row.id,
    direction: row.direction,
    account: row.account,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    reference: row.reference,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.failure_reason !== null && { failureReason: row.failure_reason }),
    ...(row.failure_code !== null && { failureCode: row.failure_code }),
  };
}

export function moneyRoutes(app: Hono<AppEnv>): void {
  on(app, 'accountTypes', async (c) => {
    await requireSession(c);
    return c.json(services(c.var.deps).accounts.types());
  });

  on(app, 'createAccount', async (c) => {
    const { deps } = c.var;
    if (deps.config.identity !== 'sso') fail('MODULE_DISABLED', 'Accounts are created by the platform in handoff mode');
    const session = await requireSession(c, ['browser']);
    const body = await readJson(c, createAccountRequestSchema);
    const { userId } = session;
    const known = deps.stores.accounts.byKey(userId, body.idempotencyKey);
    const account = await services(deps).accounts.create(userId, body);
    if (!known)
      audit(c, {
        event: 'account.create',
        outcome: 'success',
        userId,
        detail: { login: account.login, environment: account.environment },
      });
    const result = await completeLogin(c, userId, session.keepLoggedIn === true);
    if (result.status !== 'complete') fail('SERVER_ERROR');
    return c.json({ account, token: result.token, userId });
  });

  on(app, 'paymentOptions', async (c) => {
    requireModule(c, 'payments');
    const session = await requireSession(c);
    const query = z
      .object({ direction: z.enum(['deposit', 'withdraw']), account: z.coerce.number().int().positive() })
      .safeParse(c.req.query());
    if (!query.success) fail('INVALID_REQUEST', 'direction and account are required');
    const account = accountOf(c.var.deps.stores.db, session.userId, query.data.account);
    if (!account) throw notYourAccount();
    const methods = c.var.deps.config.paymentMethods
      .filter(
        (method) =>
          acceptsPayments(account) &&
          method.directions.includes(query.data.direction) &&
          method.currencies.includes(account.currency),
      )
      .map(({ directions: _directions, decline: _decline, ...method }) => method);
    return c.json({
      account,
      methods,
      ...(query.data.direction === 'withdraw' && {
        available: fromUnits(toUnits(account.balance ?? '0'), account.currency),
      }),
    });
  });

  on(app, 'submitPayment', async (c) => {
    requireModule(c, 'payments');
    const { deps } = c.var;
    const session = await requireSession(c);
    const body = await readJson(c, paymentRequestSchema);
    if (!sessionAllowsDirection(session, body.direction))
      fail('CH_INSUFFICIENT_PERMISSIONS', 'This session was opened for another screen');
    const { db } = deps.stores;
    const userId = session.userId;
    const fingerprint = JSON.stringify([body.direction, body.account, body.methodId, body.amount, body.currency]);
    const known = deps.payments?.byKey(userId, body.idempotencyKey);
    if (known) {
      if (known.fingerprint !== fingerprint) fail('DUPLICATE_SUBMISSION', 'This key was used for another payment');
      return c.json(transactionOfPayment(known));
    }
    const previous = db
      .prepare('SELECT * FROM transactions WHERE user_id = ? AND idempotency_key = ?')
      .get(userId, body.idempotencyKey) as TransactionRow | undefined;
    if (previous) {
      if (previous.fingerprint !== fingerprint) fail('DUPLICATE_SUBMISSION', 'This key was used for another payment');
      return c.json(transactionFromRow(previous));
    }
    const account = accountOf(db, userId, body.account);
    if (!account) throw notYourAccount();
    const method = deps.config.paymentMethods.find(
      (item) =>
        acceptsPayments(account) &&
        item.id === body.methodId &&
        item.directions.includes(body.direction) &&
        item.currencies.includes(account.currency),
    );
    new FieldCheck()
      .add('methodId', method ? undefined : 'invalid')
      .add('currency', body.currency === account.currency ? undefined : 'invalid')
      .add('amount', amountProblem(body.amount, body.currency))
      .assert('Method or currency not available');
    // The balance is read again inside the reservation; this check answers the common case with the rule's words.
    const refuseInsufficient = (): never => {
      audit(c, {
        event: `payment.${body.direction}`,
        outcome: 'failure',
        userId,
        detail: { reason: 'insufficient-funds', account: body.account },
      });
      fail('INSUFFICIENT_FUNDS', 'Not enough free balance');
    };
    try {
      assertPaymentAllowed({ ...body, method: method!, available: account.balance ?? '0' });
    } catch (error) {
      if ((error as BrokerKitError).code === 'INSUFFICIENT_FUNDS') refuseInsufficient();
      throw error;
    }
    const units = toUnits(body.amount);
    // Minor units of the account's currency (the rule above refused anything finer).
    const minor = toMinor(body.amount, account.currency);
    if (!minor.ok)
      fail('VALIDATION_FAILED', 'The amount is finer than the currency allows', { fields: { amount: minor.problem } });
    if (body.direction === 'deposit' && deps.payments) {
      const id = randomUUID();
      const payment = await deps.payments.startDeposit({
        id,
        userId,
        account: body.account,
        methodId: body.methodId,
        currency: account.currency,
        amountMinor: minor.minor,
        reference: `BK-${id.slice(0, 8).toUpperCase()}`,
        idempotencyKey: body.idempotencyKey,
        fingerprint,
      });
      if (payment.fingerprint !== fingerprint) fail('DUPLICATE_SUBMISSION', 'This key was used for another payment');
      return c.json(transactionOfPayment(payment));
    }

    const id = randomUUID();
    const reference = `BK-${id.slice(0, 8).toUpperCase()}`;
    // Reserve first (one SQLite transaction): a withdrawal never spends the same balance twice.
    const reserve = db.transaction(() => {
      const row = db.prepare('SELECT balance FROM accounts WHERE login = ?').get(body.account) as { balance: string };
      if (body.direction === 'withdraw') {
        const balance = toUnits(row.balance);
        if (balance < units) return false;
        db.prepare('UPDATE accounts SET balance = ? WHERE login = ?').run(
          fromUnits(balance - units, account.currency),
          body.account,
        );
      }
      db.prepare(
        `INSERT INTO transactions (id, user_id, direction, account, method_id, amount, currency, status, reference, idempotency_key, fingerprint, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?)`,
      ).run(
        id,
        userId,
        body.direction,
        body.account,
        body.methodId,
        fromUnits(units, body.currency),
        body.currency,
        reference,
        body.idempotencyKey,
        fingerprint,
        deps.now(),
      );
      return true;
    });
    let reserved: boolean;
    try {
      reserved = reserve.immediate();
    } catch (error) {
      // Only the idempotency key's own constraint means "already being processed"; anything else is our failure.
      if (isUniqueViolation(error)) fail('DUPLICATE_SUBMISSION', 'This payment is already being processed');
      throw error;
    }
    if (!reserved) refuseInsufficient();
    let status: 'completed' | 'failed' = 'completed';
    let failureReason: string | null = null;
    let failureCode: TransactionFailureCode | null = null;
    const decline = body.direction === 'deposit' ? method!.decline : undefined;
    if (decline) {
      // A method the provider declines (configured for demos): the platform's balance is never asked to move.
      status = 'failed';
      failureReason = decline.failureReason;
      failureCode = decline.failureCode;
    } else {
      try {
        await deps.platform.changeBalance({
          login: body.account,
          preciseAmount: fromUnits(units, body.currency),
          type: body.direction === 'deposit' ? 'DEPOSIT' : 'WITHDRAW',
          comment: reference,
          externalId: id,
        });
      } catch {
        status = 'failed';
        failureReason = 'platform_unavailable';
        failureCode = 'platform_unavailable';
      }
    }
    db.transaction(() => {
      const row = db.prepare('SELECT balance FROM accounts WHERE login = ?').get(body.account) as { balance: string };
      const balance = toUnits(row.balance);
      if (status === 'completed' && body.direction === 'deposit')
        db.prepare('UPDATE accounts SET balance = ? WHERE login = ?').run(
          fromUnits(balance + units, account.currency),
          body.account,
        );
      if (status === 'failed' && body.direction === 'withdraw')
        db.prepare('UPDATE accounts SET balance = ? WHERE login = ?').run(
          fromUnits(balance + units, account.currency),
          body.account,
        );
      db.prepare('UPDATE transactions SET status = ?, failure_reason = ?, failure_code = ? WHERE id = ?').run(
        status,
        failureReason,
        failureCode,
        id,
      );
    }).immediate();
    audit(c, {
      event: `payment.${body.direction}`,
      outcome: status === 'completed' ? 'success' : 'failure',
      userId,
      detail: { account: body.account, amount: fromUnits(units, body.currency), currency: body.currency, reference },
    });
    const row = db.prepare('SELECT * FROM transactions WHERE id = ?').get(id) as TransactionRow;
    return c.json(transactionFromRow(row));
  });

  on(app, 'transaction', async (c) => {
    requireModule(c, 'payments');
    const session = await requireSession(c);
    const id = c.req.param('id') ?? '';
    if (!/^[0-9a-f-]{36}$/.test(id)) fail('NOT_FOUND');
    const payment = c.var.deps.payments?.get(id);
    if (payment && payment.userId === session.userId) return c.json(transactionOfPayment(payment));
    const row = c.var.deps.stores.db
      .prepare('SELECT * FROM transactions WHERE id = ? AND user_id = ?')
      .get(id, session.userId) as TransactionRow | undefined;
    return c.json(transactionFromRow(row ?? fail('NOT_FOUND', 'No such transaction')));
  });
}
