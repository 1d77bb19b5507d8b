import { describe, expect, it, vi } from 'vitest';
import { html } from 'lit';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { BrokerKitError, createI18n, errorCodes } from '@broker-kit/core';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../../primitives/testing.ts';
import type { BkResultEvent } from '../inapp-shared/events.ts';
import { expectErrorAlert, expectFocusOn, frameHeading, text } from '../inapp-shared/testing.ts';
import { compileSafePattern } from '@broker-kit/core/rules/pattern.ts';
import { fieldError } from './fields.ts';
import './define.ts';

const namespaces = ['engage', 'inapp', 'common', 'errors'];
const until = (check: () => boolean) => expect.poll(check).toBe(true);

async function openAction(
  actionType: string,
  options: { language?: string; adapter?: MemoryAdapter } = {},
  settings = axeSettings[0],
) {
  const adapter = options.adapter ?? new MemoryAdapter();
  const i18n = await createI18n({ language: options.language ?? 'en', namespaces });
  const token = adapter.issueToken({ action: 'action' });
  const host = await mount(
    html`<bk-action
      .adapter=${adapter}
      .i18n=${i18n}
      .token=${token}
      action-type=${actionType}
      return-url="/back"
      theme=${settings!.theme!}
      .navigate=${() => {}}
    ></bk-action>`,
    settings,
  );
  const element = host.querySelector('bk-action')!;
  const root = element.shadowRoot!;
  await until(() => !!root.querySelector('form, bk-alert'));
  await settle(root);
  return { adapter, host, element, root };
}

describe('broker patterns', () => {
  it('compiles ordinary patterns and refuses invalid or catastrophic ones', () => {
    expect(compileSafePattern('[0-9]{6,15}')!.test('0123456')).toBe(true);
    expect(compileSafePattern('[0-9]{6,15}')!.test('12')).toBe(false);
    expect(compileSafePattern('(?:DE|AT)[0-9]{2}')!.test('DE12')).toBe(true);
    for (const bad of [
      '(a+)+$',
      '(a|aa)*b',
      '(\\w+\\s?)*$',
      '([a-z]*)*',
      '(a)\\1',
      '(?=a)',
      '.*.*.*.*x',
      '[',
      '(',
      'a{1,5000}b{1,5000}c{1,5000}d{1,5000}',
      'x'.repeat(201),
    ])
      expect(compileSafePattern(bad), bad).toBeUndefined();
  });

  it('never runs a catastrophic pattern against user input', () => {
    const t = (key: string) => key;
    // Refused when compiled, so the field has no pattern to run: were it run, this input would hang the test.
    expect(compileSafePattern('(a+)+$')).toBeUndefined();
    const error = fieldError({ name: 'a', type: 'text', label: 'A', pattern: '(a+)+$' }, 'a'.repeat(40) + '!', t);
    expect(error).toBe('');
  });
});

describe('bk-action', () => {
  it('renders the schema in the current language, validates, and submits once', async () => {
    const { root, element } = await openAction('update-phone', { language: 'de' });
    expect(root.querySelector('bk-screen')!.getAttribute('heading')).toBe('Telefonnummer ändern');
    expect(root.querySelector('bk-input[name="phone"]')!.getAttribute('label')).toBe('Telefonnummer');
    // The broker pattern stays out of the native input.
    expect(root.querySelector('bk-input[name="phone"] input')!.hasAttribute('pattern')).toBe(false);

    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await element.updateComplete;
    expect(root.querySelector('bk-input[name="phone"]')!.getAttribute('error')).not.toBe('');

    await userEvent.type(root.querySelector('bk-input[name="phone"] input')!, '12ab');
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await element.updateComplete;
    expect(root.querySelector('bk-input[name="phone"]')!.getAttribute('error')).not.toBe('');

    await userEvent.clear(root.querySelector('bk-input[name="phone"] input')!);
    await userEvent.type(root.querySelector('bk-input[name="phone"] input')!, '7700900123');
    const result = nextEvent<BkResultEvent>(element, 'bk-result');
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    expect((await result).detail).toMatchObject({ action: 'action', status: 'success' });
    await until(() => !!root.querySelector('bk-alert[variant="success"]'));
    expect(root.textContent).toContain('Ihre Telefonnummer wurde geändert.');
  });

  it('asks for confirmation when the schema says so, then shows the result', async () => {
    const { root, element } = await openAction('change-leverage');
    await userEvent.type(root.querySelector('bk-input[name="leverage"] input')!, '600');
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await element.updateComplete;
    expect(root.querySelector('bk-input[name="leverage"]')!.getAttribute('error')).toBe('Enter 500 or less.');
    await userEvent.clear(root.querySelector('bk-input[name="leverage"] input')!);
    await userEvent.type(root.querySelector('bk-input[name="leverage"] input')!, '200');
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await element.updateComplete;
    expect(root.querySelector('dl')!.textContent).toContain('200');
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await until(() => !!root.querySelector('bk-alert[variant="success"]'));
    expect(root.textContent).toMatch(/Reference: ACT-/);
  });

  it('keeps the answers and the idempotency key when a submission fails, and retries', async () => {
    const adapter = new MemoryAdapter();
    const { root, element } = await openAction('change-leverage', { adapter });
    const calls: string[] = [];
    const submit = adapter.submitAction;
    adapter.submitAction = (request, options) => {
      calls.push(request.idempotencyKey);
      return submit(request, options);
    };
    await userEvent.type(root.querySelector('bk-input[name="leverage"] input')!, '50');
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await element.updateComplete;
    adapter.failNext('TIMEOUT');
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await until(() => !!root.querySelector('bk-alert [data-retry]'));
    expect(root.textContent).toContain('Your request was not sent. Your answers are kept.');
    await userEvent.click(root.querySelector('[data-retry]')!);
    await until(() => !!root.querySelector('bk-alert[variant="success"]'));
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBe(calls[1]);
  });

  it('shows a localized NOT_FOUND state for an unknown actionType', async () => {
    const { root } = await openAction('no-such-action', { language: 'en' });
    const alert = root.querySelector('bk-alert')!;
    expect(alert.getAttribute('heading')).toBe('This action is not available');
    expect(alert.querySelector('[data-back]')).not.toBeNull();
  });

  it('shows the loading state while the schema is on its way', async () => {
    const adapter = new MemoryAdapter();
    const i18n = await createI18n({ language: 'en', namespaces });
    adapter.hold('validateToken', 'actionSchema');
    const host = await mount(
      html`<bk-action
        .adapter=${adapter}
        .i18n=${i18n}
        .token=${adapter.issueToken({ action: 'action' })}
        action-type="update-phone"
      ></bk-action>`,
    );
    const root = host.querySelector('bk-action')!.shadowRoot!;
    expect(root.querySelector('bk-screen')!.getAttribute('state')).toBe('loading');
    expect(root.querySelector('form')).toBeNull();
  });

  it('every error code of the submission shows its localized message and recovery, keeping the answers', async () => {
    const adapter = new MemoryAdapter();
    const submit = vi.spyOn(adapter, 'submitAction');
    const { root, element } = await openAction('update-phone', { adapter });
    const t = element.i18n!.getFixedT(null, 'errors');
    await userEvent.type(root.querySelector('bk-input[name="phone"] input')!, '7700900123');
    for (const code of errorCodes) {
      adapter.failNext(code);
      await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
      const alert = await until(() => !!root.querySelector('bk-alert[variant="error"]')).then(() =>
        root.querySelector<HTMLElement>('bk-alert[variant="error"]')!,
      );
      if (code === 'VALIDATION_FAILED') {
        expect(alert.getAttribute('heading')).toBe(t('VALIDATION_FAILED.title'));
        expect(text(alert)).toContain(element.i18n!.t('engage:action.invalid'));
      } else {
        const error = new BrokerKitError(code);
        expectErrorAlert(element, error);
        // "Not sent" only where a retry is offered: a final answer such as "already received" must not be contradicted.
        expect(text(alert).includes('Your request was not sent.'), code).toBe(error.retryable);
      }
      expect(alert.shadowRoot!.querySelector('[role="alert"]'), code).not.toBeNull();
      await expectFocusOn(alert);
      expect(root.querySelector<HTMLInputElement>('bk-input[name="phone"] input')!.value, code).toBe('7700900123');
    }
    // Every attempt was the same answers: one key throughout, so a late success could never apply twice.
    expect(new Set(submit.mock.calls.map(([request]) => request.idempotencyKey)).size).toBe(1);
    expect(root.querySelector('bk-alert[variant="success"]')).toBeNull();
  }, 60_000);

  it('RATE_LIMITED: the retry and the submit button wait for Retry-After', async () => {
    const adapter = new MemoryAdapter();
    vi.spyOn(adapter, 'submitAction').mockRejectedValueOnce(
      new BrokerKitError('RATE_LIMITED', 'slow down', { retryAfter: 1 }),
    );
    const { root } = await openAction('update-phone', { adapter });
    await userEvent.type(root.querySelector('bk-input[name="phone"] input')!, '7700900123');
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await until(() => !!root.querySelector('[data-retry]'));
    const retry = root.querySelector<HTMLElement & { disabled: boolean }>('[data-retry]')!;
    expect(text(retry)).toBe('Try again in 1 second');
    expect(retry.disabled).toBe(true);
    expect(root.querySelector<HTMLElement & { disabled: boolean }>('bk-button[type="submit"]')!.disabled).toBe(true);
    await expect.poll(() => retry.disabled).toBe(false);
    await userEvent.click(retry);
    await until(() => !!root.querySelector('bk-alert[variant="success"]'));
  });

  it('moves focus with the flow: heading, first invalid field, confirmation, back to the heading, the result', async () => {
    const { root, element } = await openAction('change-leverage');
    await expectFocusOn(frameHeading(element));
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await expectFocusOn(root.querySelector('bk-input[name="leverage"] input'));
    await userEvent.type(root.querySelector('bk-input[name="leverage"] input')!, '100');
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await until(() => !!root.querySelector('dl'));
    await userEvent.click(root.querySelector('bk-button[variant="secondary"]')!);
    await expectFocusOn(frameHeading(element));
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await until(() => !!root.querySelector('dl'));
    await userEvent.click(root.querySelector('bk-button[type="submit"]')!);
    await until(() => !!root.querySelector('bk-alert[variant="success"]'));
    await expectFocusOn(root.querySelector('bk-alert[variant="success"]'));
  });

  for (const settings of axeSettings) {
    it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
      const language = settings.dir === 'rtl' ? 'ar' : 'en';
      const form = await openAction('request-callback', { language }, settings);
      await expectNoAxeViolations(form.host);
      await userEvent.click(form.root.querySelector('bk-button[type="submit"]')!);
      await settle(form.root);
      await expectNoAxeViolations(form.host);
      const missing = await openAction('nope', { language }, settings);
      await expectNoAxeViolations(missing.host);
    });
  }
});
