import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { BrokerKitError } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import './define.ts';
import type { BkWithdraw } from './withdraw.ts';
import {
  button,
  expectAccessible,
  expectErrorAlert,
  expectFocusOn,
  find,
  frameHeading,
  itExplainsEveryTokenState,
  mountScreen,
  returnUrl,
  text,
  waitFor,
  type ScreenSetup,
} from '../inapp-shared/testing.ts';
import {
  account,
  balance,
  enterAmount,
  itHasNoAxeViolationsThroughPayment,
  itShowsEverySubmissionError,
  openPayment,
  review,
  settleTransactions,
} from '../payment/testing.ts';

const withdraw = { tag: 'bk-withdraw', direction: 'withdraw' } as const;
const open = (setup: ScreenSetup = {}) => openPayment(withdraw, setup);

/** The amount field's error ('' when none). */
const amountError = (element: Element) => find(element, 'bk-input')!.getAttribute('error') ?? '';

async function tryReview(element: Element, amount: string) {
  await enterAmount(element, amount);
  await userEvent.click(find(element, '[data-review]')!);
}

beforeEach(() => sessionStorage.clear());
afterEach(() => sessionStorage.clear());

describe('bk-withdraw: token states', () => {
  itExplainsEveryTokenState('bk-withdraw', 'withdraw', { account });

  it('a network failure while checking the link offers a retry that opens the form, focus on the heading', async () => {
    const adapter = new MemoryAdapter();
    const validate = vi.spyOn(adapter, 'validateToken');
    adapter.failNext('NETWORK_ERROR');
    const { element } = await mountScreen<BkWithdraw>('bk-withdraw', 'withdraw', { adapter, account });
    const alert = await waitFor(() => find(element, 'bk-alert[data-code="NETWORK_ERROR"]'));
    expect(text(alert)).toContain('We could not check your link');
    expect(text(alert)).toContain('Your link has not been used up');
    await expectFocusOn(alert);
    await userEvent.click(button(element, 'Try again'));
    await waitFor(() => find(element, 'form bk-input input'));
    await expectFocusOn(frameHeading(element));
    // The same link, checked once more: the failed call never used it up.
    expect(validate).toHaveBeenCalledTimes(2);
    expect(validate.mock.calls[1]![0]).toEqual(validate.mock.calls[0]![0]);
  });
});

describe('bk-withdraw: limits', () => {
  it('shows what is available and refuses more, in the locale’s format', async () => {
    const { element } = await open({ language: 'de' });
    expect(text(find(element, '[data-available]'))).toBe('1.250,50 $');
    await tryReview(element, '1.300');
    const error = amountError(element);
    expect(error).not.toBe('');
    expect(error).toContain('1.250,50\u00a0$');
    expect(find(element, '[data-confirm]')).toBeNull();
  });

  it('checks the amount against the method limits, then the balance, focusing the field each time', async () => {
    const { element } = await open();
    const input = () => find(element, 'bk-input input');
    expect(find(element, 'bk-input')!.getAttribute('hint')).toBe('From $10.00 to $2,000.00');
    await userEvent.click(find(element, '[data-review]')!);
    expect(amountError(element)).toBe('Enter an amount.');
    await expectFocusOn(input());
    await tryReview(element, '5');
    expect(amountError(element)).toBe('The minimum for this method is $10.00.');
    await tryReview(element, '2500');
    expect(amountError(element)).toBe('The maximum for this method is $2,000.00.');
    // Within the method's limits but over the balance.
    await tryReview(element, '1300');
    expect(amountError(element)).toBe('You can withdraw up to $1,250.50.');
    await expectFocusOn(input());
    await tryReview(element, 'abc');
    expect(input()!.getAttribute('aria-invalid')).toBe('true');
    expect(find(element, '[data-confirm]')).toBeNull();
    await tryReview(element, '1250.50');
    await waitFor(() => find(element, '[data-confirm]'));
  });

  it('an amount the backend refuses returns to the form with the reason, keeping the input', async () => {
    const { element, adapter } = await open();
    await tryReview(element, '100');
    adapter.failNext('INSUFFICIENT_FUNDS');
    await userEvent.click(await waitFor(() => find(element, '[data-confirm]')));
    await waitFor(() => amountError(element));
    expect(amountError(element)).toBe('There are not enough funds in the account for this request.');
    expect(find<HTMLInputElement>(element, 'bk-input input')!.value).toBe('100.00');
    await expectFocusOn(find(element, 'bk-input input'));
  });
});

describe('bk-withdraw: the flow', () => {
  it('confirms the details, and "Change" goes back with the amount kept', async () => {
    const { element, adapter } = await open();
    const before = await balance(adapter);
    await review(element, '120');
    await expectFocusOn(find(element, 'h2[data-step-heading]'));
    expect(text(find(element, 'bk-screen p'))).toBe(
      'Check the details. Nothing leaves your account until you confirm.',
    );
    const summary = text(find(element, 'dl'));
    expect(summary).toContain('$120.00');
    expect(summary).toContain('No fee');
    expect(summary).toContain('Bank card');
    expect(summary).toContain('67890 · USD');
    expect(text(find(element, '[data-confirm]'))).toBe('Withdraw $120.00');
    await userEvent.click(button(element, 'Change'));
    const input = await waitFor(() => find<HTMLInputElement>(element, 'form bk-input input'));
    expect(input.value).toBe('120.00');
    await expectFocusOn(frameHeading(element));
    expect(await balance(adapter)).toBe(before);
  });

  it('follows a pending withdrawal for a bounded time, then lets the user go back with its reference', async () => {
    const { element, adapter, results, navigations } = await open();
    await tryReview(element, '100');
    await userEvent.click(await waitFor(() => find(element, '[data-confirm]')));
    const reference = await waitFor(() => text(find(element, '[data-reference]')));
    expect(reference).toMatch(/^WDR-/);
    await expectFocusOn(find(element, 'h2[data-step-heading]'));
    await waitFor(() => text(element).includes('This is taking longer than usual'));
    expect(await balance(adapter)).toBe('1150.50');
    await expectAccessible(element);
    await userEvent.click(button(element, 'Back to the app'));
    expect(results).toEqual([{ action: 'withdraw', status: 'success', reference }]);
    expect(navigations).toEqual([`${returnUrl}?action=withdraw&status=success&reference=${reference}`]);
  });

  it('a pending withdrawal that completes shows the success, focused, and reports it once', async () => {
    const adapter = new MemoryAdapter();
    settleTransactions(adapter, 'completed');
    const { element, results } = await open({ adapter });
    await review(element, '80');
    await userEvent.click(find(element, '[data-confirm]')!);
    const alert = await waitFor(() => find(element, 'bk-alert[variant="success"]'));
    expect(alert.getAttribute('heading')).toBe('Withdrawal complete');
    expect(text(alert)).toContain('$80.00 has been sent from account 67890.');
    await expectFocusOn(alert);
    const reference = text(find(element, '[data-reference]'));
    expect(results).toEqual([{ action: 'withdraw', status: 'success', reference }]);
    expect(sessionStorage.getItem(`bk-payment:withdraw:${account}`)).toBeNull();
  });

  it('a withdrawal that fails says why in an alert, focused; starting again is a new intent', async () => {
    const adapter = new MemoryAdapter();
    settleTransactions(adapter, 'failed');
    const submit = vi.spyOn(adapter, 'submitPayment');
    const { element, results } = await open({ adapter });
    await review(element, '60');
    await userEvent.click(find(element, '[data-confirm]')!);
    const alert = await waitFor(() => find(element, 'bk-alert[variant="error"][data-step-heading]'));
    expect(alert.getAttribute('heading')).toBe('Withdrawal not completed');
    expect(text(alert)).toContain('Reason: Declined by the payment provider');
    await expectFocusOn(alert);
    const reference = text(find(element, '[data-reference]'));
    expect(results).toEqual([{ action: 'withdraw', status: 'failure', reference }]);

    await userEvent.click(button(element, 'Start again'));
    await expectFocusOn(frameHeading(element));
    expect(find<HTMLInputElement>(element, 'bk-input input')!.value).toBe('60.00');
    await userEvent.click(find(element, '[data-review]')!);
    await userEvent.click(await waitFor(() => find(element, '[data-confirm]')));
    await waitFor(() => submit.mock.calls.length === 2);
    const [first, second] = submit.mock.calls.map(([request]) => request.idempotencyKey);
    expect(second).not.toBe(first);
  });
});

describe('bk-withdraw: double submission and timeouts', () => {
  it('two rapid clicks on Confirm withdraw once', async () => {
    const adapter = new MemoryAdapter({ latencyMs: 30 });
    const submit = vi.spyOn(adapter, 'submitPayment');
    const { element } = await open({ adapter });
    await review(element, '100');
    const confirm = find(element, '[data-confirm]')!;
    confirm.click();
    confirm.click();
    confirm.shadowRoot!.querySelector('button')!.click();
    await waitFor(() => find(element, '[data-reference]'));
    expect(submit).toHaveBeenCalledTimes(1);
    expect(await balance(adapter)).toBe('1150.50');
  });

  it('an adapter timeout keeps the confirmation; the retry sends the same key and withdraws once', async () => {
    const adapter = new MemoryAdapter();
    const submitPayment = adapter.submitPayment;
    let reachedBackend = false;
    // The backend takes the request, but its answer never arrives: the adapter gives up with TIMEOUT.
    const submit = vi.spyOn(adapter, 'submitPayment').mockImplementation(async (request, options) => {
      const transaction = await submitPayment(request, options);
      if (reachedBackend) return transaction;
      reachedBackend = true;
      throw new BrokerKitError('TIMEOUT');
    });
    const { element } = await open({ adapter });
    await review(element, '200');
    await userEvent.click(find(element, '[data-confirm]')!);
    const alert = await waitFor(() => find(element, 'bk-alert[data-code="TIMEOUT"]'));
    expectErrorAlert(element, new BrokerKitError('TIMEOUT'));
    expect(text(alert)).toContain('Trying again is safe');
    expect(text(find(element, '[data-amount]'))).toBe('$200.00');
    await expectFocusOn(alert);
    await userEvent.click(button(element, 'Try again'));
    const reference = await waitFor(() => text(find(element, '[data-reference]')));
    expect(reference).toMatch(/^WDR-/);
    const [first, second] = submit.mock.calls.map(([request]) => request.idempotencyKey);
    expect(second).toBe(first);
    expect(await balance(adapter)).toBe('1050.50');
  });

  it('RATE_LIMITED: the retry and Confirm wait for Retry-After, counting down', async () => {
    const adapter = new MemoryAdapter();
    vi.spyOn(adapter, 'submitPayment').mockRejectedValueOnce(
      new BrokerKitError('RATE_LIMITED', 'slow down', { retryAfter: 2 }),
    );
    const { element } = await open({ adapter });
    await review(element, '40');
    await userEvent.click(find(element, '[data-confirm]')!);
    const alert = await waitFor(() => find(element, 'bk-alert[data-code="RATE_LIMITED"]'));
    expect(alert.getAttribute('heading')).toBe('Too many attempts');
    const retry = alert.querySelector<HTMLElement & { disabled: boolean }>('[data-retry]')!;
    expect(text(retry)).toBe('Try again in 2 seconds');
    expect(retry.disabled).toBe(true);
    expect(find<HTMLElement & { disabled: boolean }>(element, '[data-confirm]')!.disabled).toBe(true);
    await expect.poll(() => retry.disabled).toBe(false);
    expect(text(retry)).toBe('Try again');
    await userEvent.click(retry);
    await waitFor(() => find(element, '[data-reference]'));
  });
});

describe('bk-withdraw: the account', () => {
  it('uses the token’s trading account when the URL has none, and explains when neither has one', async () => {
    const adapter = new MemoryAdapter();
    const fromToken = await mountScreen<BkWithdraw>('bk-withdraw', 'withdraw', {
      adapter,
      token: adapter.issueToken({ action: 'withdraw', tradingLogin: account }),
    });
    expect(text(await waitFor(() => find(fromToken.element, '[data-account]')))).toBe('67890 · USD');

    const without = await mountScreen<BkWithdraw>('bk-withdraw', 'withdraw', {});
    const alert = await waitFor(() => find(without.element, 'bk-alert[data-code="MISSING_REQUIRED_PARAMETER"]'));
    expect(text(without.element)).toContain('No trading account selected');
    await expectFocusOn(alert);
  });
});

describe('bk-withdraw: submission errors', () => {
  itShowsEverySubmissionError(withdraw);
});

describe('bk-withdraw: accessibility', () => {
  itHasNoAxeViolationsThroughPayment(withdraw);
});
