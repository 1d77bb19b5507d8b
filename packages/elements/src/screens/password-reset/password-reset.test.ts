import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { BrokerKitError, errorCodes, type BackendAdapter } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
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
import type { BkPasswordReset } from './password-reset.ts';
import './define.ts';

function mountReset(adapter: BackendAdapter = new MemoryAdapter(), setting: ScreenSetting = {}, navigate = vi.fn()) {
  return mountAuthScreen<BkPasswordReset>('bk-password-reset', { adapter, navigate }, setting);
}

describe('bk-password-reset', () => {
  itHasNoAxeViolationsThroughFlow(
    'sent',
    (setting) => mountReset(new MemoryAdapter(), setting),
    (screen) => typeInto(screen, 'email', 'someone@example.com'),
  );

  it('is a light-DOM post form with a username field', async () => {
    const screen = await mountReset();
    expect(screen.querySelector('form')!.method).toBe('post');
    expect(field(screen, 'email').autocomplete).toBe('username');
    expect(screen.getAttribute('state')).toBe('idle');
    expect(fieldError(screen, 'email')).toBe('');
  });

  it('validates the email on touch and on submit without calling the backend', async () => {
    const adapter = new MemoryAdapter();
    const request = vi.spyOn(adapter, 'requestPasswordReset');
    const screen = await mountReset(adapter);
    await typeInto(screen, 'email', 'nope');
    expect(fieldError(screen, 'email')).toBe('Enter a valid email address, like name@example.com.');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('invalid');
    expect(request).not.toHaveBeenCalled();
  });

  it('shows the same confirmation whether or not the address has an account', async () => {
    const texts: string[] = [];
    for (const email of ['demo@example.com', 'nobody-here@example.com']) {
      const screen = await mountReset();
      await typeInto(screen, 'email', email);
      await submit(screen);
      await untilState(screen, 'success');
      texts.push(screen.querySelector('bk-alert[variant="success"]')!.textContent!.replace(email, '<email>'));
    }
    expect(texts[0]).toContain('If an account exists for <email>');
    expect(texts[1]).toBe(texts[0]);
  });

  it('treats USER_NOT_FOUND as sent, so the screen never reveals who is registered', async () => {
    const adapter = new MemoryAdapter();
    vi.spyOn(adapter, 'requestPasswordReset').mockRejectedValueOnce(new BrokerKitError('USER_NOT_FOUND'));
    const screen = await mountReset(adapter);
    await typeInto(screen, 'email', 'ghost@example.com');
    await submit(screen);
    await untilState(screen, 'success');
    expect(errorAlert(screen)).toBeNull();
  });

  it('submitting: one request in flight, with the button loading', async () => {
    const adapter = new MemoryAdapter({ latencyMs: 100 });
    const request = vi.spyOn(adapter, 'requestPasswordReset');
    const screen = await mountReset(adapter);
    await typeInto(screen, 'email', 'demo@example.com');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('submitting');
    expect(screen.querySelector('bk-button[type="submit"]')!.hasAttribute('loading')).toBe(true);
    await submit(screen);
    await untilState(screen, 'success');
    expect(request).toHaveBeenCalledTimes(1);
    expect(request.mock.calls[0]![0]).toEqual({ email: 'demo@example.com', language: 'en' });
  });

  it('network failure keeps the email and retries', async () => {
    const adapter = new MemoryAdapter();
    const screen = await mountReset(adapter);
    await typeInto(screen, 'email', 'demo@example.com');
    adapter.setOnline(false);
    await submit(screen);
    await untilState(screen, 'error');
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('No connection');
    expect(field(screen, 'email').value).toBe('demo@example.com');
    adapter.setOnline(true);
    await userEvent.click(recoveryButton(screen));
    await untilState(screen, 'success');
  });

  it('server field errors show under the field', async () => {
    const adapter = new MemoryAdapter();
    vi.spyOn(adapter, 'requestPasswordReset').mockRejectedValueOnce(
      new BrokerKitError('VALIDATION_FAILED', 'bad', { fields: { email: 'invalid' } }),
    );
    const screen = await mountReset(adapter);
    await typeInto(screen, 'email', 'demo@example.com');
    await submit(screen);
    await untilState(screen, 'error');
    expect(fieldError(screen, 'email')).toBe('This value is not valid.');
  });

  it('every other error code shows its localized recovery and keeps the email', async () => {
    const adapter = new MemoryAdapter();
    const screen = await mountReset(adapter);
    await typeInto(screen, 'email', 'demo@example.com');
    const codes = errorCodes.filter((code) => code !== 'USER_NOT_FOUND');
    await expectEveryErrorCode(screen, (code) => adapter.failNext(code), codes, { email: 'demo@example.com' });
  });

  it('links back to login through navigate', async () => {
    const navigate = vi.fn();
    const screen = await mountReset(new MemoryAdapter(), {}, navigate);
    await userEvent.click(screen.querySelector('a.bk-auth-link')!);
    expect(navigate).toHaveBeenCalledWith('/auth/login?lang=en&theme=light');
  });
});
