import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import { BrokerKitError, errorCodes, type BackendAdapter } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { newUserCredentials } from '@broker-kit/core/adapter/memory-data.ts';
import type { BkSuccessEvent } from '../shared-auth/events.ts';
import {
  axeMatrix,
  errorAlert,
  expectEveryErrorCode,
  expectNoAxeViolations,
  fieldError,
  mountScreen,
  recoveryButton,
  settle,
  submit,
  untilState,
  type ScreenSetting,
} from '../shared-auth/testing.ts';
import { deepActiveElement } from '../../controllers/view-focus.ts';
import type { BkAccountCreate } from './account-create.ts';
import './define.ts';

/** A backend where the new user has just logged in and has no trading account yet (seed 002 stage 5). */
async function newUserAdapter(options: { latencyMs?: number } = {}) {
  const adapter = new MemoryAdapter(options);
  const result = await adapter.login({ ...newUserCredentials, keepLoggedIn: true });
  return { adapter, userId: result.userId };
}

async function mountCreate(adapter: BackendAdapter, userId: number, setting: ScreenSetting = {}, navigate = vi.fn()) {
  const screen = await mountScreen<BkAccountCreate>(
    'bk-account-create',
    (i18n) =>
      html`<bk-account-create
        .i18n=${i18n}
        .adapter=${adapter}
        .navigate=${navigate}
        .userId=${userId}
        success-url="https://broker.example/callback/success?app=1"
        theme=${setting.theme ?? 'light'}
      ></bk-account-create>`,
    setting,
  );
  await expect.poll(() => screen.querySelector('form') ?? errorAlert(screen)).toBeTruthy();
  await settle(screen);
  return screen;
}

function select(screen: HTMLElement, name: string) {
  return screen.querySelector(`bk-select[name="${name}"]`) as HTMLElement & {
    value: string;
    options: { value: string; label: string }[];
  };
}

async function choose(screen: HTMLElement, name: string, value: string) {
  const control = select(screen, name);
  control.value = value;
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await settle(screen);
}

describe('bk-account-create', () => {
  for (const setting of axeMatrix) {
    it(`has no axe violations loaded, failed, with field errors and created: ${setting.language} ${setting.theme} ${setting.width}px`, async () => {
      const { adapter, userId } = await newUserAdapter();
      const screen = await mountCreate(adapter, userId, setting);
      expect(window.innerWidth).toBe(setting.width);
      await expectNoAxeViolations(screen);
      adapter.failNext('SERVER_ERROR');
      await submit(screen);
      await untilState(screen, 'error');
      await expectNoAxeViolations(screen);
      vi.spyOn(adapter, 'createAccount').mockRejectedValueOnce(
        new BrokerKitError('VALIDATION_FAILED', 'bad', { fields: { currency: 'invalid' } }),
      );
      await submit(screen);
      await untilState(screen, 'error');
      expect(fieldError(screen, 'currency')).not.toBe('');
      await expectNoAxeViolations(screen);
      await choose(screen, 'currency', 'EUR');
      await submit(screen);
      await untilState(screen, 'success');
      await expectNoAxeViolations(screen);
    });
  }

  it('moves focus to the heading once loaded, and to the alert when the submission fails', async () => {
    const { adapter, userId } = await newUserAdapter({ latencyMs: 50 });
    const screen = await mountCreate(adapter, userId);
    await expect
      .poll(() => deepActiveElement())
      .toBe(screen.querySelector('bk-screen')!.shadowRoot!.querySelector('h1'));
    adapter.failNext('PLATFORM_UNAVAILABLE');
    await userEvent.click(screen.querySelector('bk-button[type="submit"]')!);
    await untilState(screen, 'error');
    await expect.poll(() => document.activeElement).toBe(errorAlert(screen));
  });

  it('shows a loading state, then the user details from the backend', async () => {
    const { adapter, userId } = await newUserAdapter();
    const release = adapter.hold('currentUser', 'accountTypes');
    const screen = await mountScreen<BkAccountCreate>(
      'bk-account-create',
      (i18n) => html`<bk-account-create .i18n=${i18n} .adapter=${adapter} .userId=${userId}></bk-account-create>`,
    );
    expect(screen.querySelector('bk-screen')!.getAttribute('state')).toBe('loading');
    release();
    await expect.poll(() => screen.querySelector('form')).toBeTruthy();
    const user = await adapter.currentUser();
    const details = screen.querySelector('dl')!.textContent!;
    expect(details).toContain(user.email);
    expect(details).toContain(user.firstName!);
  });

  it('offers the account types, environments, currencies and leverages of the backend', async () => {
    const { adapter, userId } = await newUserAdapter();
    const types = await adapter.accountTypes();
    const screen = await mountCreate(adapter, userId);
    expect(select(screen, 'accountTypeId').options.map((option) => option.value)).toEqual(types.map((type) => type.id));
    const first = types[0]!;
    expect(select(screen, 'currency').options.map((option) => option.value)).toEqual(first.currencies);
    expect(select(screen, 'leverage').options.map((option) => option.label)).toEqual(
      first.leverages.map((value) => `1:${value}`),
    );
    expect(select(screen, 'environment').options.map((option) => option.label)).toEqual(
      first.environments.map((value) => (value === 'live' ? 'Live' : 'Demo')),
    );
    // Changing the type keeps choices it allows and replaces those it does not.
    const other = types[1]!;
    await choose(screen, 'accountTypeId', other.id);
    expect(select(screen, 'currency').options.map((option) => option.value)).toEqual(other.currencies);
    expect(other.currencies).toContain(select(screen, 'currency').value);
    expect(other.leverages.map(String)).toContain(select(screen, 'leverage').value);
  });

  it('creates and links the account, then completes like login: bk-success and the success URL with the token', async () => {
    const { adapter, userId } = await newUserAdapter();
    const navigate = vi.fn();
    const screen = await mountCreate(adapter, userId, {}, navigate);
    const create = vi.spyOn(adapter, 'createAccount');
    const events: BkSuccessEvent[] = [];
    screen.addEventListener('bk-success', (event) => events.push(event));
    await choose(screen, 'environment', 'demo');
    await choose(screen, 'currency', 'EUR');
    const release = adapter.hold('createAccount');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('submitting');
    expect(screen.querySelector('bk-button[type="submit"]')!.hasAttribute('loading')).toBe(true);
    await submit(screen);
    release();
    await untilState(screen, 'success');
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]![0]).toMatchObject({ environment: 'demo', currency: 'EUR' });
    const { token, redirectUrl } = events[0]!.detail;
    expect(events[0]!.detail.userId).toBe(userId);
    expect(redirectUrl).toBe(`https://broker.example/callback/success?app=1&token=${token}`);
    expect(navigate).toHaveBeenCalledExactlyOnceWith(redirectUrl);
    expect((await adapter.currentUser()).accounts).toHaveLength(1);
  });

  it('keeps one idempotency key across retries of the same choice, and a new one when the choice changes', async () => {
    const { adapter, userId } = await newUserAdapter();
    const screen = await mountCreate(adapter, userId);
    const create = vi.spyOn(adapter, 'createAccount');
    adapter.failNext('NETWORK_ERROR');
    await submit(screen);
    await untilState(screen, 'error');
    adapter.failNext('TIMEOUT');
    await userEvent.click(recoveryButton(screen));
    await untilState(screen, 'error');
    await choose(screen, 'leverage', '200');
    adapter.failNext('SERVER_ERROR');
    await submit(screen);
    await untilState(screen, 'error');
    const keys = create.mock.calls.map(([request]) => request.idempotencyKey);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    // The retry still holds the user's choice.
    expect(select(screen, 'leverage').value).toBe('200');
  });

  it('load failure shows the error with a retry that loads again', async () => {
    const { adapter, userId } = await newUserAdapter();
    adapter.failNext('SERVER_ERROR');
    const screen = await mountCreate(adapter, userId);
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('Something went wrong');
    await userEvent.click(recoveryButton(screen));
    await expect.poll(() => screen.querySelector('form')).toBeTruthy();
  });

  it('refuses a link for another user than the session: log in again', async () => {
    const { adapter } = await newUserAdapter();
    const navigate = vi.fn();
    const screen = await mountCreate(adapter, 99999, {}, navigate);
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('Your session has ended');
    expect(screen.querySelector('form')).toBeNull();
    await userEvent.click(recoveryButton(screen));
    expect(navigate).toHaveBeenCalledWith('/auth/login?lang=en&theme=light');
  });

  it('server field errors show under the select', async () => {
    const { adapter, userId } = await newUserAdapter();
    const screen = await mountCreate(adapter, userId);
    vi.spyOn(adapter, 'createAccount').mockRejectedValueOnce(
      new BrokerKitError('VALIDATION_FAILED', 'bad', { fields: { currency: 'invalid' } }),
    );
    await submit(screen);
    await untilState(screen, 'error');
    expect(fieldError(screen, 'currency')).toBe('This value is not valid.');
  });

  it('every error code of the submission shows its localized recovery, choices kept', async () => {
    const { adapter, userId } = await newUserAdapter();
    const screen = await mountCreate(adapter, userId);
    await choose(screen, 'currency', 'GBP');
    await expectEveryErrorCode(screen, (code) => adapter.failNext(code), errorCodes, {});
    expect(select(screen, 'currency').value).toBe('GBP');
  });
});
