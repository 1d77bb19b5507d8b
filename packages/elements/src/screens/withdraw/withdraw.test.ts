import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import './define.ts';
import type { BkWithdraw } from './withdraw.ts';
import {
  button,
  expectAccessible,
  find,
  mountScreen,
  returnUrl,
  text,
  waitFor,
  type ScreenSetup,
} from '../inapp-shared/testing.ts';

const account = 67890;

async function open(setup: ScreenSetup = {}) {
  const mounted = await mountScreen<BkWithdraw>('bk-withdraw', 'withdraw', { account, ...setup });
  mounted.element.pollInterval = 10;
  mounted.element.maxPolls = 3;
  await waitFor(() => find(mounted.element, 'form bk-input input'));
  return mounted;
}

async function enterAmount(element: Element, amount: string) {
  await userEvent.fill(find<HTMLInputElement>(element, 'bk-input input')!, amount);
  await userEvent.click(find(element, '[data-review]')!);
}

beforeEach(() => sessionStorage.clear());
afterEach(() => sessionStorage.clear());

describe('bk-withdraw', () => {
  it('shows what is available and refuses more, in the locale’s format', async () => {
    const { element } = await open({ language: 'de' });
    expect(text(find(element, '[data-available]'))).toBe('1.250,50 USD');
    await enterAmount(element, '1.300');
    const error = find(element, 'bk-input')!.getAttribute('error');
    expect(error).not.toBe('');
    expect(error).toContain('1.250,50 USD');
    expect(find(element, '[data-confirm]')).toBeNull();
  });

  it('follows a pending withdrawal for a bounded time, then lets the user go back with its reference', async () => {
    const { element, adapter, results, navigations } = await open();
    await enterAmount(element, '100');
    await userEvent.click(await waitFor(() => find(element, '[data-confirm]')));
    const reference = await waitFor(() => text(find(element, '[data-reference]')));
    expect(reference).toMatch(/^WDR-/);
    await waitFor(() => text(element).includes('This is taking longer than usual'));
    const profile = await adapter.currentUser();
    expect(profile.accounts.find((candidate) => candidate.login === account)?.balance).toBe('1150.50');
    await expectAccessible(element);
    await userEvent.click(button(element, 'Back to the app'));
    expect(results).toEqual([{ action: 'withdraw', status: 'success', reference }]);
    expect(navigations).toEqual([`${returnUrl}?action=withdraw&status=success&reference=${reference}`]);
  });

  it('an amount the backend refuses returns to the form with the reason, keeping the input', async () => {
    const { element, adapter } = await open();
    await enterAmount(element, '100');
    adapter.failNext('INSUFFICIENT_FUNDS');
    await userEvent.click(await waitFor(() => find(element, '[data-confirm]')));
    await waitFor(() => find(element, 'form bk-input')?.getAttribute('error'));
    expect(find<HTMLInputElement>(element, 'bk-input input')!.value).toBe('100.00');
  });

  it('uses the token’s trading account when the URL has none, and explains when neither has one', async () => {
    const adapter = new MemoryAdapter();
    const fromToken = await mountScreen<BkWithdraw>('bk-withdraw', 'withdraw', {
      adapter,
      token: adapter.issueToken({ action: 'withdraw', tradingLogin: account }),
    });
    expect(text(await waitFor(() => find(fromToken.element, '[data-account]')))).toBe('67890 · USD');

    const without = await mountScreen<BkWithdraw>('bk-withdraw', 'withdraw', {});
    await waitFor(() => find(without.element, 'bk-alert[data-code="MISSING_REQUIRED_PARAMETER"]'));
    expect(text(without.element)).toContain('No trading account selected');
  });
});
