// The way back to the app: the configured return URL under core's one redirect rule (https, or http on the
// local machine only), with the outcome appended. A refused URL never navigates.
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import '../withdraw/define.ts';
import type { BkWithdraw } from '../withdraw/withdraw.ts';
import { returnUrlFor } from './return-url.ts';
import { mountScreen, waitFor } from './testing.ts';

const cancelled = { action: 'withdraw', status: 'cancelled' } as const;

/** Opens a ready screen with `configured` as its return URL and presses the frame's Back control. */
async function leaveWith(configured: string) {
  const mounted = await mountScreen<BkWithdraw>('bk-withdraw', 'withdraw', { account: 67890 });
  mounted.element.returnUrl = configured;
  await waitFor(() => mounted.element.shadowRoot?.querySelector('form'));
  const frame = mounted.element.shadowRoot!.querySelector('bk-screen')!;
  const back = await waitFor(() => frame.shadowRoot?.querySelector<HTMLButtonElement>('button[part="close"]'));
  expect(back.textContent).toContain('Back to the app');
  await userEvent.click(back);
  return mounted;
}

afterEach(() => document.body.replaceChildren());

describe('returnUrlFor', () => {
  it('appends the outcome to an https return URL, keeping its own query', () => {
    expect(
      returnUrlFor('https://broker.example.com/done?from=app', {
        action: 'deposit',
        status: 'success',
        reference: 'DEP-1',
      }),
    ).toBe('https://broker.example.com/done?from=app&action=deposit&status=success&reference=DEP-1');
  });

  it('allows http only on the local machine', () => {
    expect(returnUrlFor('http://127.0.0.1:4410/return', cancelled)).toBe(
      'http://127.0.0.1:4410/return?action=withdraw&status=cancelled',
    );
    expect(returnUrlFor('http://localhost:3000/return', cancelled)).toBe(
      'http://localhost:3000/return?action=withdraw&status=cancelled',
    );
    expect(returnUrlFor('http://[::1]:3000/return', cancelled)).toBe(
      'http://[::1]:3000/return?action=withdraw&status=cancelled',
    );
    for (const remote of [
      'http://broker.example.com/return',
      'http://127.0.0.1.evil.example/return',
      'http://10.0.0.1/',
    ])
      expect(returnUrlFor(remote, cancelled), remote).toBeUndefined();
  });

  it('refuses script, data and other schemes, credentials and relative URLs', () => {
    for (const refused of [
      'javascript:alert(1)',
      'JavaScript:alert(document.domain)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://broker.example.com/',
      'https://user:secret@broker.example.com/',
      '//evil.example/return',
      '/inapp/done',
      '',
    ])
      expect(returnUrlFor(refused, cancelled), refused).toBeUndefined();
  });
});

describe('Back to the app', () => {
  it('returns to a local http app page with the result', async () => {
    const { navigations, results } = await leaveWith('http://127.0.0.1:4410/return');
    expect(results).toEqual([cancelled]);
    expect(navigations).toEqual(['http://127.0.0.1:4410/return?action=withdraw&status=cancelled']);
  });

  it('returns to an https app page with the result', async () => {
    const { navigations } = await leaveWith('https://broker.example.com/inapp/done');
    expect(navigations).toEqual(['https://broker.example.com/inapp/done?action=withdraw&status=cancelled']);
  });

  it('still reports the result but never navigates to a refused return URL', async () => {
    for (const refused of ['http://evil.example/return', 'javascript:alert(1)', 'data:text/html,hi']) {
      const { navigations, results } = await leaveWith(refused);
      expect(results, refused).toEqual([cancelled]);
      expect(navigations, refused).toEqual([]);
    }
  });
});
