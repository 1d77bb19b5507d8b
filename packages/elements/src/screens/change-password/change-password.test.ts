import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import { BrokerKitError, errorCodes, type BackendAdapter } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { demoCredentials } from '@broker-kit/core/adapter/memory-data.ts';
import {
  errorAlert,
  expectEveryErrorCode,
  mountAuthScreen,
  field,
  fieldError,
  itHasNoAxeViolationsThroughFlow,
  mountScreen,
  recoveryButton,
  submit,
  typeInto,
  untilState,
  type ScreenSetting,
} from '../shared-auth/testing.ts';
import type { BkChangePassword } from './change-password.ts';
import './define.ts';

const newPassword = 'Fresh-pass-42';

function mountChange(adapter: BackendAdapter = new MemoryAdapter({ signedIn: true }), setting: ScreenSetting = {}) {
  return mountAuthScreen<BkChangePassword>('bk-change-password', { adapter }, setting);
}

async function fill(
  screen: HTMLElement,
  current: string = demoCredentials.password,
  next = newPassword,
  confirm = next,
) {
  await typeInto(screen, 'currentPassword', current);
  await typeInto(screen, 'newPassword', next);
  await typeInto(screen, 'confirmPassword', confirm);
}

describe('bk-change-password', () => {
  itHasNoAxeViolationsThroughFlow(
    'changed',
    (setting) => mountChange(new MemoryAdapter({ signedIn: true }), setting),
    (screen) => fill(screen),
  );

  it('uses current-password and new-password autocomplete in a post form', async () => {
    const screen = await mountChange();
    expect(screen.querySelector('form')!.method).toBe('post');
    expect(
      ['currentPassword', 'newPassword', 'confirmPassword'].map((name) => field(screen, name).autocomplete),
    ).toEqual(['current-password', 'new-password', 'new-password']);
    expect(screen.getAttribute('state')).toBe('idle');
  });

  it('checks the rules, the confirmation and that the new password differs, before any call', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const change = vi.spyOn(adapter, 'changePassword');
    const screen = await mountChange(adapter);
    await fill(screen, demoCredentials.password, demoCredentials.password, 'other');
    expect(fieldError(screen, 'newPassword')).toBe('Choose a password different from your current one.');
    expect(fieldError(screen, 'confirmPassword')).toBe('The passwords do not match.');
    await typeInto(screen, 'newPassword', 'short1');
    expect(fieldError(screen, 'newPassword')).toBe('Use at least 8 characters.');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('invalid');
    expect(document.activeElement).toBe(field(screen, 'newPassword'));
    expect(change).not.toHaveBeenCalled();
    expect(screen.querySelector('.bk-auth-strength [aria-live="polite"]')!.textContent).toContain('Password strength');
  });

  it('changes the password through the adapter, then clears the form and confirms', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const change = vi.spyOn(adapter, 'changePassword');
    const screen = await mountChange(adapter);
    await fill(screen);
    const release = adapter.hold('changePassword');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('submitting');
    await submit(screen);
    release();
    await untilState(screen, 'success');
    expect(change).toHaveBeenCalledExactlyOnceWith(
      { currentPassword: demoCredentials.password, newPassword },
      expect.anything(),
    );
    const done = screen.querySelector('bk-alert[variant="success"]')!;
    expect(done.getAttribute('heading')).toBe('Password changed');
    // The busy button lost focus: it moves to the confirmation rather than staying on the page.
    await expect.poll(() => document.activeElement).toBe(done);
    expect(field(screen, 'newPassword').value).toBe('');
    // The backend took the new password: logging in with it works.
    await expect(
      adapter.login({ email: demoCredentials.email, password: newPassword, keepLoggedIn: false }),
    ).resolves.toMatchObject({
      status: 'complete',
    });
  });

  it('a wrong current password shows INVALID_CREDENTIALS and keeps the fields', async () => {
    const screen = await mountChange();
    await fill(screen, 'Not-the-one-1');
    await submit(screen);
    await untilState(screen, 'error');
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('Could not log in');
    expect(field(screen, 'newPassword').value).toBe(newPassword);
  });

  it('network failure keeps every field and retries', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const screen = await mountChange(adapter);
    await fill(screen);
    adapter.failNext('NETWORK_ERROR');
    await submit(screen);
    await untilState(screen, 'error');
    expect(field(screen, 'currentPassword').value).toBe(demoCredentials.password);
    expect(field(screen, 'confirmPassword').value).toBe(newPassword);
    await userEvent.click(recoveryButton(screen));
    await untilState(screen, 'success');
  });

  it('server field errors show under their fields', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    vi.spyOn(adapter, 'changePassword').mockRejectedValueOnce(
      new BrokerKitError('VALIDATION_FAILED', 'bad', { fields: { newPassword: 'weak' } }),
    );
    const screen = await mountChange(adapter);
    await fill(screen);
    await submit(screen);
    await untilState(screen, 'error');
    expect(fieldError(screen, 'newPassword')).toBe('Use at least one letter and one number.');
  });

  it('SESSION_EXPIRED without a session: "Log in again" goes to login', async () => {
    const navigate = vi.fn();
    const adapter = new MemoryAdapter();
    const screen = await mountScreen<BkChangePassword>(
      'bk-change-password',
      (i18n) => html`<bk-change-password .i18n=${i18n} .adapter=${adapter} .navigate=${navigate}></bk-change-password>`,
    );
    await fill(screen);
    await submit(screen);
    await untilState(screen, 'error');
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('Your session has ended');
    await userEvent.click(recoveryButton(screen));
    expect(navigate).toHaveBeenCalledWith('/auth/login?lang=en');
  });

  it('every error code shows its localized recovery and keeps the fields', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const screen = await mountChange(adapter);
    await fill(screen);
    await expectEveryErrorCode(screen, (code) => adapter.failNext(code), errorCodes, { newPassword });
  });
});
