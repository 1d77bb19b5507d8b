// Shared helpers of the deposit and withdrawal browser tests: the same flow, the same axe matrix and the same
// loop over the submission error codes, for either direction. Test-only: nothing in the kit imports this.
import { expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { errorCodes, BrokerKitError, type PaymentDirection, type Transaction } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import type { PaymentScreen } from './payment-screen.ts';
import {
  button,
  expectAccessible,
  expectErrorAlert,
  expectFocusOn,
  find,
  itHasNoAxeViolationsEverywhere,
  mountScreen,
  text,
  translations,
  waitFor,
  type ScreenSetup,
} from '../inapp-shared/testing.ts';

export const account = 67890;

export interface PaymentSpec {
  tag: 'bk-deposit' | 'bk-withdraw';
  direction: PaymentDirection;
}

/** Mounts the screen for the demo account and waits for its form (or the confirmation a draft restores). */
export async function openPayment({ tag, direction }: PaymentSpec, setup: ScreenSetup = {}) {
  const mounted = await mountScreen<PaymentScreen>(tag, direction, { account, ...setup });
  mounted.element.pollInterval = 10;
  mounted.element.maxPolls = 3;
  await waitFor(() => find(mounted.element, 'form bk-input input') ?? find(mounted.element, '[data-confirm]'));
  return mounted;
}

export async function enterAmount(element: Element, amount: string) {
  const input = find<HTMLInputElement>(element, 'bk-input input')!;
  await userEvent.clear(input);
  await userEvent.type(input, amount);
}

/** Enters the amount and goes to the confirmation step. */
export async function review(element: Element, amount: string) {
  await enterAmount(element, amount);
  await userEvent.click(find(element, '[data-review]')!);
  await waitFor(() => find(element, '[data-confirm]'));
}

export async function balance(adapter: MemoryAdapter): Promise<string | undefined> {
  const profile = await adapter.currentUser();
  return profile.accounts.find((candidate) => candidate.login === account)?.balance;
}

/** The platform answers every payment with a failed transaction (declined by the provider). */
export function declineEveryPayment(adapter: MemoryAdapter) {
  const submitPayment = adapter.submitPayment;
  return vi.spyOn(adapter, 'submitPayment').mockImplementation(async (request, options): Promise<Transaction> => ({
    ...(await submitPayment(request, options)),
    status: 'failed',
    failureCode: 'declined',
  }));
}

/** The platform settles every pending transaction when the screen next asks about it. */
export function settleTransactions(adapter: MemoryAdapter, status: 'completed' | 'failed') {
  const transaction = adapter.transaction;
  return vi.spyOn(adapter, 'transaction').mockImplementation(async (request, options): Promise<Transaction> => ({
    ...(await transaction(request, options)),
    status,
    ...(status === 'failed' ? { failureCode: 'declined' as const } : {}),
  }));
}

/** The amounts the backend refuses: back to the form with the reason under the amount. */
const amountCodes = ['LIMIT_EXCEEDED', 'INSUFFICIENT_FUNDS', 'VALIDATION_FAILED'];

/**
 * One test: the backend refuses the submission with each error code in turn. A refused amount returns to the
 * form with the code's message under the amount (focused, value kept); any other code shows its localized
 * alert (focused) over the kept summary, with "Try again" and the Confirm button only when a retry can help
 * and the way back to the app always. No money moves.
 */
export function itShowsEverySubmissionError(spec: PaymentSpec) {
  it('every error code of the submission shows its localized message and recovery, keeping the amount', async () => {
    const { element, adapter } = await openPayment(spec);
    const before = await balance(adapter);
    const t = translations(element).getFixedT(null, 'errors');
    await review(element, '25');
    for (const code of errorCodes) {
      adapter.failNext(code);
      await userEvent.click(find(element, '[data-confirm]')!);
      if (amountCodes.includes(code)) {
        const input = await waitFor(() => find(element, 'form bk-input[error] input'));
        expect(find(element, 'bk-input')!.getAttribute('error'), code).toBe(t(`${code}.message`));
        expect(input.getAttribute('aria-invalid'), code).toBe('true');
        expect((input as HTMLInputElement).value, code).toBe('25.00');
        await expectFocusOn(input);
        await userEvent.click(find(element, '[data-review]')!);
      } else {
        const alert = await waitFor(() => find(element, `bk-alert[data-code="${code}"]`));
        const error = new BrokerKitError(code);
        expectErrorAlert(element, error);
        expect(text(find(element, '[data-amount]')), code).toBe('$25.00');
        expect(find(element, '[data-confirm]') !== null, code).toBe(error.retryable);
        await expectFocusOn(alert);
        // A final answer: the user changes the request (a new intent) or leaves; here, back to the form and on.
        if (!error.retryable) {
          await userEvent.click(button(element, translations(element).t('payments:confirm.edit')));
          await userEvent.click(find(element, '[data-review]')!);
        }
      }
      await waitFor(() => find(element, '[data-confirm]'));
    }
    expect(await balance(adapter)).toBe(before);
  }, 90_000);
}

/**
 * Axe at phone and desktop viewports × light, dark and Arabic right-to-left on each state: the token error, the
 * form, the confirmation, the outcome (settled as completed) and a failed payment.
 */
export function itHasNoAxeViolationsThroughPayment(spec: PaymentSpec) {
  itHasNoAxeViolationsEverywhere(
    'on the token error, form, confirm, done and failure states',
    async ({ theme, language }) => {
      const broken = await mountScreen<PaymentScreen>(spec.tag, spec.direction, { token: null, theme, language });
      await waitFor(() => find(broken.element, 'bk-alert[data-code]'));
      await expectAccessible(broken.element);

      const adapter = new MemoryAdapter();
      settleTransactions(adapter, 'completed');
      const { element } = await openPayment(spec, { adapter, theme, language });
      if (language === 'ar') expect(find(element, 'bk-screen')!.getAttribute('dir')).toBe('rtl');
      await expectAccessible(element);
      await review(element, '20');
      await expectAccessible(element);
      await userEvent.click(find(element, '[data-confirm]')!);
      await waitFor(() => find(element, 'bk-alert[variant="success"]'));
      await expectAccessible(element);

      const declining = new MemoryAdapter();
      declineEveryPayment(declining);
      const failed = await openPayment(spec, { adapter: declining, theme, language });
      await review(failed.element, '20');
      await userEvent.click(find(failed.element, '[data-confirm]')!);
      await waitFor(() => find(failed.element, 'bk-alert[variant="error"][data-step-heading]'));
      await expectAccessible(failed.element);
    },
  );
}
