import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { errorCodes, type BackendAdapter } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { demoCredentials, newUserCredentials } from '@broker-kit/core/adapter/memory-data.ts';
import {
  errorAlert,
  expectEveryErrorCode,
  field,
  fieldError,
  itHasNoAxeViolationsThroughFlow,
  mountAuthScreen,
  recoveryButton,
  submit,
  typeInto,
  untilState,
  type ScreenSetting,
} from '../shared-auth/testing.ts';
import type { BkChangeEmail } from './change-email.ts';
import './define.ts';

function mountChange(adapter: BackendAdapter = new MemoryAdapter({ signedIn: true }), setting: ScreenSetting = {}) {
  const attributes = { 'current-email': demoCredentials.email };
  return mountAuthScreen<BkChangeEmail>('bk-change-email', { adapter, attributes }, setting);
}

async function fill(screen: HTMLElement, email = 'alex.new@example.com', password = demoCredentials.password) {
  await typeInto(screen, 'newEmail', email);
  await typeInto(screen, 'password', password);
}

describe('bk-change-email', () => {
  itHasNoAxeViolationsThroughFlow(
    'changed',
    (setting) => mountChange(new MemoryAdapter({ signedIn: true }), setting),
    (screen) => fill(screen),
  );

  it('uses email and current-password autocomplete in a post form', async () => {
    const screen = await mountChange();
    expect(screen.querySelector('form')!.method).toBe('post');
    expect(field(screen, 'newEmail').autocomplete).toBe('email');
    expect(field(screen, 'password').autocomplete).toBe('current-password');
  });

  it('checks the address (format, not the current one) before any call', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const change = vi.spyOn(adapter, 'changeEmail');
    const screen = await mountChange(adapter);
    await typeInto(screen, 'newEmail', 'broken@');
    expect(fieldError(screen, 'newEmail')).toBe('Enter a valid email address, like name@example.com.');
    await typeInto(screen, 'newEmail', demoCredentials.email.toUpperCase());
    expect(fieldError(screen, 'newEmail')).toBe('This is already your email address.');
    await submit(screen);
    expect(fieldError(screen, 'password')).toBe('This field is required.');
    expect(change).not.toHaveBeenCalled();
  });

  it('says that the new address must be confirmed when the backend requires it', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    // A backend that confirms a new address by mail first (the in-memory one changes it at once).
    const changeEmail = adapter.changeEmail;
    const change = vi.spyOn(adapter, 'changeEmail').mockImplementation(async (request, options) => ({
      ...(await changeEmail(request, options)),
      verificationRequired: true,
    }));
    const screen = await mountChange(adapter);
    await fill(screen);
    const release = adapter.hold('changeEmail');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('submitting');
    await submit(screen);
    release();
    await untilState(screen, 'success');
    expect(change).toHaveBeenCalledTimes(1);
    const alert = screen.querySelector('bk-alert[variant="info"]')!;
    expect(alert.getAttribute('heading')).toBe('Confirm your new email');
    expect(alert.textContent).toContain('alex.new@example.com');
  });

  it('says the change is done when no verification is required', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const screen = await mountChange(adapter);
    await fill(screen);
    await submit(screen);
    await untilState(screen, 'success');
    const done = screen.querySelector('bk-alert[variant="success"]')!;
    expect(done.textContent).toContain('Your email is now alex.new@example.com.');
    await expect.poll(() => document.activeElement).toBe(done);
  });

  it('EMAIL_TAKEN: the field shows it and the recovery returns to the address', async () => {
    const screen = await mountChange();
    await fill(screen, newUserCredentials.email);
    await submit(screen);
    await untilState(screen, 'error');
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('Email already registered');
    expect(fieldError(screen, 'newEmail')).toBe('This email is already registered.');
    await userEvent.click(recoveryButton(screen));
    expect(document.activeElement).toBe(field(screen, 'newEmail'));
  });

  it('network failure keeps both fields and retries', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const screen = await mountChange(adapter);
    await fill(screen);
    adapter.failNext('TIMEOUT');
    await submit(screen);
    await untilState(screen, 'error');
    expect(field(screen, 'newEmail').value).toBe('alex.new@example.com');
    expect(field(screen, 'password').value).toBe(demoCredentials.password);
    await userEvent.click(recoveryButton(screen));
    await untilState(screen, 'success');
  });

  it('every error code shows its localized recovery and keeps the fields', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const screen = await mountChange(adapter);
    await fill(screen);
    await expectEveryErrorCode(screen, (code) => adapter.failNext(code), errorCodes, {
      newEmail: 'alex.new@example.com',
    });
  });
});
