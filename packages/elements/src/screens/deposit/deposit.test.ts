import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import './define.ts';
import type { BkDeposit } from './deposit.ts';
import {
  button,
  expectAccessible,
  expectFocusOn,
  expectNoTokenInStorage,
  find,
  frameHeading,
  itExplainsEveryTokenState,
  mountScreen,
  returnUrl,
  text,
  waitFor,
} from '../inapp-shared/testing.ts';
import {
  account,
  balance,
  enterAmount,
  itHasNoAxeViolationsThroughPayment,
  itShowsEverySubmissionError,
  openPayment,
  review,
} from '../payment/testing.ts';

const deposit = { tag: 'bk-deposit', direction: 'deposit' } as const;
const openForm = (setup: Parameters<typeof openPayment>[1] = {}) => openPayment(deposit, setup);

beforeEach(() => sessionStorage.clear());
afterEach(() => sessionStorage.clear());

describe('bk-deposit: token states', () => {
  itExplainsEveryTokenState('bk-deposit', 'deposit', { account });

  it('a timeout while checking the link offers a retry that then opens the form', async () => {
    const adapter = new MemoryAdapter();
    adapter.failNext('TIMEOUT');
    const { element } = await mountScreen<BkDeposit>('bk-deposit', 'deposit', { adapter, account });
    await waitFor(() => find(element, 'bk-alert[data-code="TIMEOUT"]'));
    await userEvent.click(button(element, 'Try again'));
    await waitFor(() => find(element, 'form bk-input'));
  });

  it('the Back control of the frame is always visible, and leaving can be cancelled by the host', async () => {
    const { element, navigations } = await openForm();
    const frameClose = find(element, 'bk-screen')!.shadowRoot!.querySelector<HTMLElement>('[part="close"]')!;
    expect(frameClose.checkVisibility()).toBe(true);
    element.addEventListener('bk-close', (event) => event.preventDefault(), { once: true });
    await userEvent.click(frameClose);
    expect(navigations).toEqual([]);
    await userEvent.click(frameClose);
    expect(navigations).toEqual([`${returnUrl}?action=deposit&status=cancelled`]);
  });
});

describe('bk-deposit: the flow', () => {
  it('shows the account from the URL, confirms, deposits once and returns the reference', async () => {
    const { element, adapter, results, navigations, i18n } = await openForm();
    expect(text(find(element, '[data-account]'))).toBe('67890 · USD');
    expect(find(element, 'bk-input[name="account"]')).toBeNull();
    const before = await balance(adapter);
    await review(element, '1,250.5');
    const summary = text(find(element, 'dl'));
    expect(summary).toContain('$1,250.50');
    expect(summary).toContain('Bank card');
    expect(summary).toContain('0%');
    expect(summary).toContain('67890');
    await userEvent.click(find(element, '[data-confirm]')!);
    const reference = await waitFor(() => text(find(element, '[data-reference]')));
    expect(reference).toMatch(/^DEP-/);
    expect(find(element, 'bk-copy')?.getAttribute('value')).toBe(reference);
    expect(before).toBe('1250.50');
    expect(await balance(adapter)).toBe('2501.00');
    expect(results).toEqual([{ action: 'deposit', status: 'success', reference }]);
    await userEvent.click(button(element, 'Back to the app'));
    expect(navigations).toEqual([`${returnUrl}?action=deposit&status=success&reference=${reference}`]);
    expect(i18n.language).toBe('en');
  });

  it('checks the amount against the method limits, in the user’s words', async () => {
    const { element } = await openForm();
    await userEvent.click(find(element, '[data-review]')!);
    expect(find(element, 'bk-input')!.getAttribute('error')).toBe('Enter an amount.');
    await enterAmount(element, '5');
    await userEvent.click(find(element, '[data-review]')!);
    expect(find(element, 'bk-input')!.getAttribute('error')).toBe('The minimum for this method is $10.00.');
    await enterAmount(element, '5001');
    await userEvent.click(find(element, '[data-review]')!);
    expect(find(element, 'bk-input')!.getAttribute('error')).toBe('The maximum for this method is $5,000.00.');
    await enterAmount(element, 'abc');
    await userEvent.click(find(element, '[data-review]')!);
    expect(find(element, 'bk-input input')!.getAttribute('aria-invalid')).toBe('true');
    expect(find(element, '[data-confirm]')).toBeNull();
  });

  it('two rapid clicks on Confirm move the money once', async () => {
    const { element, adapter } = await openForm({ adapter: new MemoryAdapter({ latencyMs: 30 }) });
    await review(element, '100');
    const confirm = find(element, '[data-confirm]')!;
    confirm.click();
    confirm.click();
    confirm.shadowRoot!.querySelector('button')!.click();
    await waitFor(() => find(element, '[data-reference]'));
    expect(await balance(adapter)).toBe('1350.50');
  });

  it('a timeout on submit keeps the input, and the retry with the same key deposits once', async () => {
    const { element, adapter } = await openForm();
    await review(element, '200');
    const key = JSON.parse(sessionStorage.getItem(`bk-payment:deposit:${account}`) ?? '{}');
    adapter.failNext('TIMEOUT');
    await userEvent.click(find(element, '[data-confirm]')!);
    const alert = await waitFor(() => find(element, 'bk-alert[data-code="TIMEOUT"]'));
    expect(text(alert)).toContain('Trying again is safe');
    expect(text(find(element, '[data-amount]'))).toBe('$200.00');
    await userEvent.click(button(element, 'Try again'));
    await waitFor(() => find(element, '[data-reference]'));
    expect(await balance(adapter)).toBe('1450.50');
    expect(key.draft.amount).toBe('200');
  });

  it('a reload mid-flow restores the draft and the same idempotency key, and never stores the token', async () => {
    const adapter = new MemoryAdapter();
    const token = adapter.issueToken({ action: 'deposit' });
    const first = await openForm({ adapter, token });
    await review(first.element, '40');
    const storageKey = `bk-payment:deposit:${account}`;
    const { intent } = JSON.parse(sessionStorage.getItem(storageKey)!);
    expect(intent.key).toMatch(/^[0-9a-f-]{36}$/);
    expectNoTokenInStorage(token);
    first.element.remove();

    const second = await openForm({ adapter });
    await waitFor(() => find(second.element, '[data-confirm]'));
    expect(text(find(second.element, '[data-amount]'))).toBe('$40.00');
    expect(JSON.parse(sessionStorage.getItem(storageKey)!).intent.key).toBe(intent.key);
    await userEvent.click(find(second.element, '[data-confirm]')!);
    await waitFor(() => find(second.element, '[data-reference]'));
    expect(sessionStorage.getItem(storageKey)).toBeNull(); // a final success ends the intent
    expect(await balance(adapter)).toBe('1290.50');
  });

  it('a reload after the submission was accepted answers with the same transaction, not a second one', async () => {
    const adapter = new MemoryAdapter();
    const first = await openForm({ adapter });
    await review(first.element, '75');
    const key = JSON.parse(sessionStorage.getItem(`bk-payment:deposit:${account}`)!).intent.key as string;
    // The request reaches the backend, then the page reloads before showing the answer.
    const accepted = await adapter.submitPayment({
      direction: 'deposit',
      account,
      methodId: 'card',
      amount: '75',
      currency: 'USD',
      idempotencyKey: key,
    });
    first.element.remove();
    const second = await openForm({ adapter });
    await userEvent.click(await waitFor(() => find(second.element, '[data-confirm]')));
    expect(await waitFor(() => text(find(second.element, '[data-reference]')))).toBe(accepted.reference);
    expect(await balance(adapter)).toBe('1325.50');
  });
});

describe('bk-deposit: focus', () => {
  it('follows the flow: the heading, the first invalid field, the step heading, the outcome', async () => {
    const { element } = await openForm();
    await expectFocusOn(frameHeading(element));
    await userEvent.click(find(element, '[data-review]')!);
    await expectFocusOn(find(element, 'bk-input input'));
    await review(element, '30');
    await expectFocusOn(find(element, 'h2[data-step-heading]'));
    // "Change" goes away with the confirmation: focus returns to the screen's heading, not the page.
    await userEvent.click(button(element, 'Change'));
    await expectFocusOn(frameHeading(element));
    await userEvent.click(find(element, '[data-review]')!);
    await userEvent.click(await waitFor(() => find(element, '[data-confirm]')));
    await expectFocusOn(await waitFor(() => find(element, 'bk-alert[variant="success"]')));
  });
});

describe('bk-deposit: a declined payment', () => {
  async function chooseMethod(element: Element, label: string) {
    const select = find(element, 'bk-select[name="method"]')!;
    await userEvent.click(select.shadowRoot!.querySelector<HTMLElement>('[part="control"]')!);
    const options = [...select.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
    await userEvent.click(options.find((option) => text(option) === label)!);
  }

  it('explains the failure in an alert in the user’s language; starting again is a new intent with a new key', async () => {
    const adapter = new MemoryAdapter();
    const submit = vi.spyOn(adapter, 'submitPayment');
    const { element, results } = await openForm({ adapter, language: 'de' });
    await chooseMethod(element, 'Karte (in der Demo abgelehnt)');
    await review(element, '30');
    await userEvent.click(find(element, '[data-confirm]')!);

    const alert = await waitFor(() => find(element, 'bk-alert[variant="error"][data-step-heading]'));
    expect(alert.shadowRoot!.querySelector('[role="alert"]')).not.toBeNull();
    expect(text(alert)).toContain('Einzahlung nicht abgeschlossen');
    // The backend's code, not its English text: the reason is said in German.
    expect(text(alert)).toContain('Grund: Vom Zahlungsanbieter abgelehnt');
    expect(text(alert)).not.toContain('Declined by the card issuer');
    const reference = text(find(element, '[data-reference]'));
    expect(results).toEqual([{ action: 'deposit', status: 'failure', reference }]);
    expect(await balance(adapter)).toBe('1250.50');
    await expectAccessible(element);

    await userEvent.click(button(element, 'Neu beginnen'));
    await review(element, '30');
    await userEvent.click(find(element, '[data-confirm]')!);
    await waitFor(
      () => submit.mock.calls.length === 2 && find(element, 'bk-alert[variant="error"][data-step-heading]'),
    );
    const [first, second] = submit.mock.calls.map(([request]) => request.idempotencyKey);
    expect(second).not.toBe(first);
    expect(submit.mock.calls.map(([request]) => request.methodId)).toEqual(['card-declined', 'card-declined']);
  });

  it('shows the backend’s own text when its reason has no code of ours', async () => {
    const adapter = new MemoryAdapter();
    const submitPayment = adapter.submitPayment;
    vi.spyOn(adapter, 'submitPayment').mockImplementation(async (request, options) => ({
      ...(await submitPayment(request, options)),
      failureCode: 'other',
      failureReason: 'Bank holiday (demo)',
    }));
    const { element } = await openForm({ adapter, language: 'de' });
    await chooseMethod(element, 'Karte (in der Demo abgelehnt)');
    await review(element, '30');
    await userEvent.click(find(element, '[data-confirm]')!);
    const alert = await waitFor(() => find(element, 'bk-alert[variant="error"][data-step-heading]'));
    expect(text(alert)).toContain('Grund: Bank holiday (demo)');
  });
});

describe('bk-deposit: submission errors', () => {
  itShowsEverySubmissionError(deposit);
});

describe('bk-deposit: accessibility', () => {
  itHasNoAxeViolationsThroughPayment(deposit);
});

describe('bk-deposit styled from the page', () => {
  it('forwards its frame’s parts, so ::part() reaches them through its shadow root', async () => {
    const style = document.createElement('style');
    style.textContent =
      'bk-deposit::part(heading) { color: rgb(1, 2, 3); } bk-deposit::part(close) { color: rgb(4, 5, 6); }';
    document.head.append(style);
    try {
      const { element } = await mountScreen<BkDeposit>('bk-deposit', 'deposit', { account });
      const frame = await waitFor(() => element.shadowRoot?.querySelector('bk-screen'));
      const heading = await waitFor(() => frame.shadowRoot?.querySelector('[part="heading"]'));
      const close = await waitFor(() => frame.shadowRoot?.querySelector('[part~="close"]'));
      expect(getComputedStyle(heading).color).toBe('rgb(1, 2, 3)');
      expect(getComputedStyle(close).color).toBe('rgb(4, 5, 6)');
    } finally {
      style.remove();
    }
  });
});
