import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import { BrokerKitError, errorCodes, type BackendAdapter } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { demoCredentials } from '@broker-kit/core/adapter/memory-data.ts';
import {
  axeMatrix,
  errorAlert,
  expectEveryErrorCode,
  expectNoAxeViolations,
  field,
  fieldError,
  itHasNoAxeViolationsThroughFlow,
  mountAuthScreen,
  mountScreen,
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
    const adapter = new MemoryAdapter();
    const request = vi.spyOn(adapter, 'requestPasswordReset');
    const screen = await mountReset(adapter);
    await typeInto(screen, 'email', 'demo@example.com');
    const release = adapter.hold('requestPasswordReset');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('submitting');
    expect(screen.querySelector('bk-button[type="submit"]')!.hasAttribute('loading')).toBe(true);
    await submit(screen);
    release();
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

const newPassword = 'Fresh-reset-42';
const minute = 60_000;

/** An adapter on a clock the test moves, with a reset link mailed to the demo user. */
async function adapterWithLink(options: ConstructorParameters<typeof MemoryAdapter>[0] = {}) {
  const clock = { now: Date.parse('2026-03-01T12:00:00Z') };
  const adapter = new MemoryAdapter({ now: () => clock.now, ...options });
  await adapter.requestPasswordReset({ email: demoCredentials.email });
  return { adapter, clock, token: adapter.lastPasswordResetToken(demoCredentials.email)! };
}

/** The screen opened from a reset link: the host (the hosted shell) sets the token as a property. */
function mountChoose(adapter: BackendAdapter, token: string, setting: ScreenSetting = {}, navigate = vi.fn()) {
  return mountScreen<BkPasswordReset>(
    'bk-password-reset',
    (i18n) =>
      html`<bk-password-reset
        .i18n=${i18n}
        .adapter=${adapter}
        .navigate=${navigate}
        .token=${token}
        theme=${setting.theme ?? 'light'}
      ></bk-password-reset>`,
    setting,
  );
}

async function fillNew(screen: HTMLElement, next = newPassword, confirm = next) {
  await typeInto(screen, 'newPassword', next);
  await typeInto(screen, 'confirmPassword', confirm);
}

/** The screen's light DOM as markup: attributes and text, where a token or password must not appear. */
const markup = (screen: HTMLElement) => new XMLSerializer().serializeToString(screen);

const alertOf = (screen: HTMLElement, variant: string) => screen.querySelector(`bk-alert[variant="${variant}"]`);

describe('bk-password-reset with a reset link', () => {
  for (const setting of axeMatrix) {
    it(`has no axe violations choosing, with errors, done and with a dead link: ${setting.language} ${setting.theme} ${setting.width}px`, async () => {
      const { adapter, token } = await adapterWithLink();
      const screen = await mountChoose(adapter, token, setting);
      await expectNoAxeViolations(screen);
      await submit(screen);
      await expectNoAxeViolations(screen);
      await fillNew(screen);
      await submit(screen);
      await untilState(screen, 'success');
      await expectNoAxeViolations(screen);

      const dead = await mountChoose(adapter, token, setting);
      await fillNew(dead);
      await submit(dead);
      await untilState(dead, 'error');
      expect(dead.getAttribute('step')).toBe('link-invalid');
      await expectNoAxeViolations(dead);
    });
  }

  it('asks for a new password and its confirmation in a post form, with strength feedback', async () => {
    const { adapter, token } = await adapterWithLink();
    const screen = await mountChoose(adapter, token);
    expect(screen.getAttribute('step')).toBe('choose');
    expect(screen.querySelector('bk-screen')!.getAttribute('heading')).toBe('Choose a new password');
    expect(screen.querySelector('form')!.method).toBe('post');
    expect(['newPassword', 'confirmPassword'].map((name) => field(screen, name).autocomplete)).toEqual([
      'new-password',
      'new-password',
    ]);
    expect(screen.querySelector('[name="email"]')).toBeNull();
    await typeInto(screen, 'newPassword', 'Abcdefgh-1234-xyz');
    expect(screen.querySelector('.bk-auth-strength')!.getAttribute('data-level')).toBe('strong');
    expect(screen.querySelector('.bk-auth-strength [aria-live="polite"]')!.textContent).toBe(
      'Password strength: strong',
    );
    // The token is never part of the page.
    expect(markup(screen)).not.toContain(token);
  });

  it('checks the signup rules and the confirmation before any call', async () => {
    const { adapter, token } = await adapterWithLink();
    const complete = vi.spyOn(adapter, 'completePasswordReset');
    const screen = await mountChoose(adapter, token);
    await fillNew(screen, 'short1', 'other');
    expect(fieldError(screen, 'newPassword')).toBe('Use at least 8 characters.');
    expect(fieldError(screen, 'confirmPassword')).toBe('The passwords do not match.');
    await typeInto(screen, 'newPassword', 'lettersonly');
    expect(fieldError(screen, 'newPassword')).toBe('Add at least one number.');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('invalid');
    expect(document.activeElement).toBe(field(screen, 'newPassword'));
    expect(complete).not.toHaveBeenCalled();
  });

  it('sets the new password once through the adapter, forgets it and offers to log in', async () => {
    const { adapter, token } = await adapterWithLink();
    const complete = vi.spyOn(adapter, 'completePasswordReset');
    const navigate = vi.fn();
    const screen = await mountChoose(adapter, token, {}, navigate);
    await fillNew(screen);
    const release = adapter.hold('completePasswordReset');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('submitting');
    await submit(screen);
    release();
    await untilState(screen, 'success');
    expect(complete).toHaveBeenCalledTimes(1);
    expect(complete.mock.calls[0]![0]).toEqual({ token, newPassword });
    const done = alertOf(screen, 'success')!;
    expect(done.getAttribute('heading')).toBe('Password changed');
    expect(screen.querySelector('form')).toBeNull();
    expect(markup(screen)).not.toContain(newPassword);
    await userEvent.click(done.querySelector('bk-button')!);
    expect(navigate).toHaveBeenCalledWith('/auth/login?lang=en&theme=light');
    await expect(
      adapter.login({ email: demoCredentials.email, password: newPassword, keepLoggedIn: false }),
    ).resolves.toMatchObject({ status: 'complete' });
  });

  it('explains an expired link and asks for a new one from the same screen', async () => {
    const { adapter, clock, token } = await adapterWithLink();
    clock.now += 31 * minute;
    const request = vi.spyOn(adapter, 'requestPasswordReset');
    const screen = await mountChoose(adapter, token);
    await fillNew(screen);
    await submit(screen);
    await untilState(screen, 'error');
    expect(screen.getAttribute('step')).toBe('link-invalid');
    const warning = alertOf(screen, 'warning')!;
    expect(warning.getAttribute('heading')).toBe('This link has expired');
    expect(warning.textContent).toContain('Reset links are valid for a limited time.');
    expect(screen.querySelector('form')).toBeNull();
    await userEvent.click(warning.querySelector('bk-button')!);
    await untilState(screen, 'idle');
    expect(screen.getAttribute('step')).toBe('request');
    expect(document.activeElement).toBe(field(screen, 'email'));
    await typeInto(screen, 'email', demoCredentials.email);
    await submit(screen);
    await untilState(screen, 'success');
    expect(request).toHaveBeenCalledWith({ email: demoCredentials.email, language: 'en' }, expect.anything());
  });

  it('explains a link that was used or replaced', async () => {
    const { adapter, token } = await adapterWithLink();
    await adapter.requestPasswordReset({ email: demoCredentials.email });
    const screen = await mountChoose(adapter, token);
    await fillNew(screen);
    await submit(screen);
    await untilState(screen, 'error');
    const warning = alertOf(screen, 'warning')!;
    expect(warning.getAttribute('heading')).toBe('This link no longer works');
    expect(warning.textContent).toContain('It has already been used, or a newer link has replaced it.');
    expect(screen.querySelector('a.bk-auth-link')!.textContent).toBe('Back to log in');
  });

  it('shows a password the server refused under its field, and keeps the link for another try', async () => {
    const { adapter, token } = await adapterWithLink();
    vi.spyOn(adapter, 'completePasswordReset').mockRejectedValueOnce(
      new BrokerKitError('VALIDATION_FAILED', 'weak', { fields: { newPassword: 'weak' } }),
    );
    const screen = await mountChoose(adapter, token);
    await fillNew(screen);
    await submit(screen);
    await untilState(screen, 'error');
    expect(screen.getAttribute('step')).toBe('choose');
    expect(fieldError(screen, 'newPassword')).toBe('Use at least one letter and one number.');
    await fillNew(screen, 'Another-reset-77');
    await submit(screen);
    await untilState(screen, 'success');
  });

  it('keeps both passwords through a network failure and sends them again', async () => {
    const { adapter, token } = await adapterWithLink();
    const screen = await mountChoose(adapter, token);
    await fillNew(screen);
    adapter.setOnline(false);
    await submit(screen);
    await untilState(screen, 'error');
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('No connection');
    expect([field(screen, 'newPassword').value, field(screen, 'confirmPassword').value]).toEqual([
      newPassword,
      newPassword,
    ]);
    adapter.setOnline(true);
    await userEvent.click(recoveryButton(screen));
    await untilState(screen, 'success');
  });

  it('shows every other error code with its localized recovery and keeps both passwords', async () => {
    const { adapter, token } = await adapterWithLink();
    const screen = await mountChoose(adapter, token);
    await fillNew(screen);
    const codes = errorCodes.filter((code) => !['INVALID_OT_TOKEN', 'TOKEN_EXPIRED'].includes(code));
    await expectEveryErrorCode(screen, (code) => adapter.failNext(code), codes, {
      newPassword,
      confirmPassword: newPassword,
    });
  });

  it('speaks the language of the link, right to left in Arabic', async () => {
    const { adapter, token } = await adapterWithLink();
    const screen = await mountChoose(adapter, token, { language: 'ar' });
    expect(screen.querySelector('bk-screen')!.getAttribute('heading')).toBe('اختر كلمة مرور جديدة');
    await fillNew(screen);
    await submit(screen);
    await untilState(screen, 'success');
    expect(alertOf(screen, 'success')!.getAttribute('heading')).toBe('تم تغيير كلمة المرور');
  });
});
