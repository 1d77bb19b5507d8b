// Deposits through the provider port, and the platform credit made exactly once per payment.
//
// The platform is called only by whoever wins the move settled → unknown, with the payment id as externalId.
// `unknown` means "a call went out and its outcome is not known": a timeout or a crash leaves the payment there,
// and reconciliation asks the platform by externalId whether it applied the change, then finishes or calls again.
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import { fromMinor } from '@broker-kit/core/rules/money.ts';
import { stateOfProviderStatus, type ProviderStatus } from '@broker-kit/core/rules/payments.ts';
import type { Logger } from '../http.ts';
import { PlatformRefusal, type PlatformClient } from '../platform.ts';
import type { PaymentProvider, ProviderPayment } from './provider.ts';
import type { Payment, PaymentStore } from './store.ts';

export interface PaymentServiceOptions {
  store: PaymentStore;
  provider: PaymentProvider;
  platform: () => PlatformClient;
  logger: Logger;
  now: () => number;
  /** Where the provider sends webhooks and the customer back. */
  urls: { webhook: string; return: (payment: Payment) => string };
  /**
   * A payment untouched this long is left by a process that stopped (or by a call that will never answer):
   * longer than any provider or platform call may take, so a pass never races a call still under way.
   */
  staleAfterMs: number;
}

export class PaymentService {
  private readonly store: PaymentStore;

  constructor(private readonly options: PaymentServiceOptions) {
    this.store = options.store;
  }

  get(id: string): Payment | undefined {
    return this.store.get(id);
  }

  byKey(userId: number, idempotencyKey: string): Payment | undefined {
    return this.store.byKey(userId, idempotencyKey);
  }

  /** Stores the deposit, asks the provider for it, and answers the payment in the state it reached. */
  async startDeposit(input: Omit<Payment, 'state' | 'createdAt' | 'updatedAt' | 'direction'>): Promise<Payment> {
    const payment = this.store.create({ ...input, direction: 'deposit' });
    if (payment.id !== input.id || payment.state !== 'created') return payment;
    let answer: ProviderPayment;
    try {
      answer = await this.options.provider.createPayment({
        paymentId: payment.id,
        methodId: payment.methodId,
        amountMinor: payment.amountMinor,
        currency: payment.currency,
        returnUrl: this.options.urls.return(payment),
        webhookUrl: this.options.urls.webhook,
      });
    } catch (error) {
      // The provider may or may not have it: the payment stays created until reconciliation asks.
      this.options.logger.error(`payment provider create failed (${errorCode(error)})`);
      return this.store.get(payment.id)!;
    }
    await this.apply(payment.id, answer.status, 'provider.create', answer);
    return this.store.get(payment.id)!;
  }

  /** A verified webhook: a hint in the provider's words, applied only if it moves the payment forward. */
  async handleWebhook(rawBody: string, headers: Headers): Promise<'applied' | 'ignored' | 'unknown-payment'> {
    const event = this.options.provider.verifyWebhook(rawBody, headers, this.options.now());
    const payment = this.store.get(event.reference);
    if (!payment) return 'unknown-payment';
    const before = payment.state;
    await this.apply(payment.id, event.status, 'provider.webhook', event);
    return this.store.get(payment.id)!.state === before ? 'ignored' : 'applied';
  }

  private async apply(
    id: string,
    status: ProviderStatus,
    cause: string,
    details: Partial<ProviderPayment> & { failureCode?: string },
  ): Promise<void> {
    const target = stateOfProviderStatus(status);
    this.store.move(id, target, cause, {
      ...(details.id !== undefined && { providerRef: details.id }),
      ...(details.next !== undefined && { next: details.next }),
      ...(target === 'failed' && { failureCode: details.failureCode ?? 'declined' }),
    });
    if (this.store.get(id)?.state === 'settled') await this.credit(id, cause);
  }

  /** Changes the platform balance once: only the caller that claims the payment (settled → unknown) calls. */
  private async credit(id: string, cause: string): Promise<void> {
    if (!this.store.move(id, 'unknown', `${cause}:platform.call`)) return;
    await this.callPlatform(this.store.get(id)!);
  }

  private async callPlatform(payment: Payment): Promise<void> {
    try {
      await this.options.platform().changeBalance({
        login: payment.account,
        preciseAmount: fromMinor(payment.amountMinor, payment.currency),
        type: payment.direction === 'deposit' ? 'DEPOSIT' : 'WITHDRAW',
        comment: payment.reference,
        externalId: payment.id,
      });
    } catch (error) {
      if (error instanceof PlatformRefusal) {
        this.store.move(payment.id, 'failed', 'platform.refused', { failureCode: 'platform_refused' });
        return;
      }
      // A timeout or an unreachable platform: it may have applied it. Unknown until reconciliation asks.
      this.options.logger.error(`platform balance change outcome unknown (${errorCode(error)})`);
      return;
    }
    this.store.move(payment.id, 'credited', 'platform.answer');
  }

  /** Settles every payment left in flight: run at start-up and on a schedule. Answers how many it looked at. */
  async reconcile(): Promise<number> {
    const stale = this.store.inFlight(this.options.now() - this.options.staleAfterMs);
    for (const payment of stale) {
      try {
        await this.reconcileOne(payment);
      } catch (error) {
        this.options.logger.error(`reconciliation of a payment failed (${errorCode(error)})`);
      }
    }
    return stale.length;
  }

  private async reconcileOne(payment: Payment): Promise<void> {
    switch (payment.state) {
      case 'created':
      case 'awaiting_customer':
      case 'pending_provider': {
        const found = await this.options.provider.findPayment(payment.id);
        if (found) await this.apply(payment.id, found.status, 'reconcile', found);
        // Never received (the create call died on the way): nothing was charged, nothing will be.
        else if (payment.state === 'created')
          this.store.move(payment.id, 'cancelled', 'reconcile', { failureCode: 'provider_unreachable' });
        return;
      }
      case 'settled':
        return this.credit(payment.id, 'reconcile');
      case 'unknown': {
        const { applied } = await this.options.platform().findBalanceChange(payment.account, payment.id);
        if (applied) this.store.move(payment.id, 'credited', 'reconcile:platform.found');
        // Not applied: call again. The claim (unknown → unknown) keeps a second process from calling at once.
        else if (
          this.store.move(payment.id, 'unknown', 'reconcile:platform.call', { expectUpdatedAt: payment.updatedAt })
        )
          await this.callPlatform(payment);
        return;
      }
      default:
        return;
    }
  }
}

function errorCode(error: unknown): string {
  return error instanceof BrokerKitError ? error.code : error instanceof Error ? error.name : 'error';
}
