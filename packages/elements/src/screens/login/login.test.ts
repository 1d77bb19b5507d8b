import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import { BrokerKitError, errorCodes, type BackendAdapter } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { demoCredentials, newUserCredentials } from '@broker-kit/core/adapter/memory-data.ts';
import type { BkSuccessEvent } from '../shared-auth/events.ts';
import {
  axeMatrix,
  errorAlert,
  expectEveryErrorCode,
  expectNoAxeViolations,
  field,
  fieldError,
  i18nFor,
  mountScreen,
  recoveryButton,
  settle,
  submit,
  typeInto,
  untilState,
  type ScreenSetting,
} from '../shared-auth/testing.ts';
import type { BkLogin } from './login.ts';
import { afterRender } from '../../primitives/testing.ts';
import './define.ts';

interface Options extends ScreenSetting {
  adapter?: BackendAdapter;
  firstLogin?: boolean;
  navigate?: (url: string) => void;
}

async function mountLogin({
  adapter = new MemoryAdapter(),
  firstLogin = false,
  navigate = vi.fn(),
  ...setting
}: Options = {}) {
  return mountScreen<BkLogin>(
    'bk-login',
    (i18n) =>
      html`<bk-login
        .i18n=${i18n}
        .adapter=${adapter}
        .navigate=${navigate}
        ?first-login=${firstLogin}
        success-url="https://broker.example/callback/success"
        theme=${setting.theme ?? 'light'}
        source="Android"
        partner-id="P-777"
        utm_source="newsletter"
        gclid="G-1"
      ></bk-login>`,
    setting,
  );
}

async function fillLogin(screen: BkLogin, email: string, password: string) {
  await typeInto(screen, 'email', email);
  await typeInto(screen, 'password', password);
}

async function fillSignup(screen: BkLogin, email = 'fresh@example.com') {
  await typeInto(screen, 'firstName', 'Zoë');
  await typeInto(screen, 'lastName', "O'Neil");
  await typeInto(screen, 'email', email);
  await typeInto(screen, 'password', 'Secret-2024x');
  const country = screen.querySelector('bk-select[name="country"]') as HTMLElement & { value: string };
  country.value = 'DE';
  country.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await userEvent.click(screen.querySelector('bk-checkbox[name="acceptTerms"]')!);
  await settle(screen);
}

describe('bk-login accessibility', () => {
  for (const setting of axeMatrix) {
    it(`has no axe violations (signup, field errors, server error, submitting, success): ${setting.language} ${setting.theme} ${setting.width}px`, async () => {
      const adapter = new MemoryAdapter();
      const screen = await mountLogin({ ...setting, adapter, firstLogin: true });
      expect(window.innerWidth).toBe(setting.width);
      await expectNoAxeViolations(screen);
      screen.switchTo('login');
      await submit(screen);
      expect(fieldError(screen, 'email')).not.toBe('');
      await expectNoAxeViolations(screen);
      await fillLogin(screen, demoCredentials.email, demoCredentials.password);
      adapter.failNext('SERVER_ERROR');
      await submit(screen);
      await untilState(screen, 'error');
      await expectNoAxeViolations(screen);
      const release = adapter.hold('login');
      await submit(screen);
      expect(screen.getAttribute('state')).toBe('submitting');
      await settle(screen);
      await expectNoAxeViolations(screen);
      release();
      await untilState(screen, 'success');
      await expectNoAxeViolations(screen);
    });
  }

  it('speaks Arabic right-to-left with the screen language', async () => {
    const screen = await mountLogin({ language: 'ar' });
    const frame = screen.querySelector('bk-screen')!;
    expect(frame.getAttribute('dir')).toBe('rtl');
    expect(frame.getAttribute('heading')).toBe((await i18nFor('ar')).t('auth:login.title'));
    expect(frame.getAttribute('heading')).not.toBe('Log in');
  });
});

describe('bk-login form (password managers)', () => {
  it('is a real post form whose native submit carries named values with standard autocomplete tokens', async () => {
    const screen = await mountLogin({ firstLogin: true });
    const form = screen.querySelector('form')!;
    expect(form.method).toBe('post');
    expect(screen.shadowRoot).toBeNull();
    const tokens = Object.fromEntries(
      ['firstName', 'lastName', 'email', 'password'].map((name) => [name, field(screen, name).autocomplete]),
    );
    expect(tokens).toEqual({
      firstName: 'given-name',
      lastName: 'family-name',
      email: 'email',
      password: 'new-password',
    });
    await fillSignup(screen);
    const carried = new Promise<FormData>((resolve) =>
      form.addEventListener('submit', (event) => resolve(new FormData(event.target as HTMLFormElement)), {
        once: true,
      }),
    );
    await userEvent.click(screen.querySelector('bk-button[type="submit"]')!);
    const data = await carried;
    expect(Object.fromEntries(data)).toMatchObject({
      firstName: 'Zoë',
      lastName: "O'Neil",
      email: 'fresh@example.com',
      password: 'Secret-2024x',
      country: 'DE',
      acceptTerms: 'true',
    });
  });

  it('uses username and current-password when logging in', async () => {
    const screen = await mountLogin();
    expect(field(screen, 'email').autocomplete).toBe('username');
    expect(field(screen, 'password').autocomplete).toBe('current-password');
    expect(field(screen, 'password').type).toBe('password');
  });
});

describe('bk-login states', () => {
  it('idle: no errors before the user does anything, and no focus taken from the page', async () => {
    const screen = await mountLogin();
    expect(screen.getAttribute('state')).toBe('idle');
    expect(fieldError(screen, 'email')).toBe('');
    expect(errorAlert(screen)).toBeNull();
    await afterRender(screen);
    expect(document.activeElement).toBe(document.body);
  });

  it('validating: a touched field shows a localized error, fixed as the user types, with no backend call', async () => {
    const adapter = new MemoryAdapter();
    const login = vi.spyOn(adapter, 'login');
    const screen = await mountLogin({ adapter, firstLogin: true });
    await typeInto(screen, 'email', 'not-an-email');
    expect(fieldError(screen, 'email')).toBe('Enter a valid email address, like name@example.com.');
    expect(fieldError(screen, 'password')).toBe('');
    await typeInto(screen, 'password', 'short');
    expect(fieldError(screen, 'password')).toBe('Use at least 8 characters.');
    await typeInto(screen, 'email', 'ok@example.com');
    expect(fieldError(screen, 'email')).toBe('');
    await typeInto(screen, 'firstName', '<svg onload=alert(1)>');
    expect(fieldError(screen, 'firstName')).toBe('Use letters, spaces, hyphens and apostrophes only.');
    expect(login).not.toHaveBeenCalled();
  });

  it('field errors on submit: every invalid field, focus on the first, nothing sent', async () => {
    const adapter = new MemoryAdapter();
    const signup = vi.spyOn(adapter, 'signup');
    const screen = await mountLogin({ adapter, firstLogin: true });
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('invalid');
    for (const name of ['firstName', 'lastName', 'email', 'password'])
      expect(fieldError(screen, name)).toBe('This field is required.');
    expect(fieldError(screen, 'country')).toBe('Select your country of residence.');
    expect(fieldError(screen, 'acceptTerms')).toBe('Accept the terms and conditions to continue.');
    expect(document.activeElement).toBe(field(screen, 'firstName'));
    expect(signup).not.toHaveBeenCalled();
  });

  it('rejects what the platform rejects: passwords without a digit, or equal to the email', async () => {
    const screen = await mountLogin({ firstLogin: true });
    await typeInto(screen, 'email', 'abcdefgh1@x.io');
    await typeInto(screen, 'password', 'onlyletters');
    expect(fieldError(screen, 'password')).toBe('Add at least one number.');
    await typeInto(screen, 'password', 'abcdefgh1@x.io');
    expect(fieldError(screen, 'password')).toBe('Do not use your email address as your password.');
  });

  it('announces password strength politely as the user types', async () => {
    const screen = await mountLogin({ firstLogin: true });
    const live = screen.querySelector('.bk-auth-strength [aria-live="polite"]')!;
    await typeInto(screen, 'password', 'abcdefgh');
    expect(live.textContent).toContain('Password strength: weak');
    await typeInto(screen, 'password', 'abcdefg1');
    expect(live.textContent).toContain('Password strength: fair');
    await typeInto(screen, 'password', 'Tr0ub4dour&3-horse');
    expect(live.textContent).toContain('Password strength: strong');
  });

  it('submitting: the button shows loading and a second submit sends nothing more', async () => {
    const adapter = new MemoryAdapter();
    const login = vi.spyOn(adapter, 'login');
    const screen = await mountLogin({ adapter });
    await fillLogin(screen, demoCredentials.email, demoCredentials.password);
    const release = adapter.hold('login');
    await submit(screen);
    expect(screen.getAttribute('state')).toBe('submitting');
    expect(screen.querySelector('bk-button[type="submit"]')!.hasAttribute('loading')).toBe(true);
    await submit(screen);
    await userEvent.click(screen.querySelector('bk-button[type="submit"]')!);
    release();
    await untilState(screen, 'success');
    expect(login).toHaveBeenCalledTimes(1);
  });

  it('success: fires bk-success with token and userId, then navigates to the success URL with the token', async () => {
    const adapter = new MemoryAdapter();
    const navigate = vi.fn();
    const screen = await mountLogin({ adapter, navigate });
    const events: BkSuccessEvent[] = [];
    screen.addEventListener('bk-success', (event) => events.push(event));
    await fillLogin(screen, demoCredentials.email, demoCredentials.password);
    await userEvent.click(screen.querySelector('bk-checkbox[name="keepLoggedIn"]')!);
    const login = vi.spyOn(adapter, 'login');
    await submit(screen);
    await untilState(screen, 'success');
    const { token, userId, redirectUrl } = events[0]!.detail;
    expect(userId).toBe(12345);
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(redirectUrl).toBe(`https://broker.example/callback/success?token=${token}`);
    expect(navigate).toHaveBeenCalledExactlyOnceWith(redirectUrl);
    expect(login.mock.calls[0]![0]).toMatchObject({
      email: demoCredentials.email,
      keepLoggedIn: true,
      attribution: { partnerId: 'P-777', utm_source: 'newsletter', gclid: 'G-1', source: 'Android' },
    });
    // Attribution travels to the backend only: never rendered.
    expect(screen.textContent).not.toContain('P-777');
    expect(screen.querySelector('[value="P-777"], [value="newsletter"]')).toBeNull();
  });

  it('success cancelled by the host: no navigation', async () => {
    const navigate = vi.fn();
    const screen = await mountLogin({ navigate });
    screen.addEventListener('bk-success', (event) => event.preventDefault());
    await fillLogin(screen, demoCredentials.email, demoCredentials.password);
    await submit(screen);
    await untilState(screen, 'success');
    expect(navigate).not.toHaveBeenCalled();
  });

  it('account required: goes to account creation with userId, lang, source and theme, never a token', async () => {
    const navigate = vi.fn();
    const screen = await mountLogin({ navigate, theme: 'dark' });
    await fillLogin(screen, newUserCredentials.email, newUserCredentials.password);
    await submit(screen);
    await untilState(screen, 'success');
    expect(navigate).toHaveBeenCalledTimes(1);
    const url = new URL(navigate.mock.calls[0]![0] as string, 'https://x.example');
    expect(url.pathname).toBe('/account/create');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      userId: String(url.searchParams.get('userId')),
      lang: 'en',
      source: 'Android',
      theme: 'dark',
    });
    expect(Number(url.searchParams.get('userId'))).toBeGreaterThan(0);
    expect(url.searchParams.has('token')).toBe(false);
  });

  it('signup completes through the adapter and leads to account creation for the new user', async () => {
    const adapter = new MemoryAdapter();
    const navigate = vi.fn();
    const signup = vi.spyOn(adapter, 'signup');
    const screen = await mountLogin({ adapter, navigate, firstLogin: true });
    await fillSignup(screen);
    await submit(screen);
    await untilState(screen, 'success');
    expect(signup.mock.calls[0]![0]).toMatchObject({
      firstName: 'Zoë',
      country: 'DE',
      acceptTerms: true,
      acceptAgreement: false,
      language: 'en',
      attribution: { partnerId: 'P-777' },
    });
    expect(navigate.mock.calls[0]![0]).toMatch(/^\/account\/create\?userId=\d+&lang=en/);
  });

  it('network failure: localized alert with retry, every field keeps its value, retry succeeds', async () => {
    const adapter = new MemoryAdapter();
    const navigate = vi.fn();
    const screen = await mountLogin({ adapter, navigate });
    await fillLogin(screen, demoCredentials.email, demoCredentials.password);
    adapter.failNext('NETWORK_ERROR');
    await submit(screen);
    await untilState(screen, 'error');
    const alert = errorAlert(screen)!;
    expect(alert.getAttribute('heading')).toBe('No connection');
    expect(alert.shadowRoot!.querySelector('[role="alert"]')).not.toBeNull();
    expect(field(screen, 'email').value).toBe(demoCredentials.email);
    expect(field(screen, 'password').value).toBe(demoCredentials.password);
    expect(recoveryButton(screen).textContent!.trim()).toBe('Try again');
    // Focus follows the answer to the alert (the busy button had lost it), so the recovery is the next stop.
    await expect.poll(() => document.activeElement).toBe(alert);
    await userEvent.click(recoveryButton(screen));
    await untilState(screen, 'success');
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('INVALID_CREDENTIALS: localized message, "Try again" returns to the password', async () => {
    const screen = await mountLogin();
    await fillLogin(screen, demoCredentials.email, 'Wrong-pass-1');
    await submit(screen);
    await untilState(screen, 'error');
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('Could not log in');
    await userEvent.click(recoveryButton(screen));
    await settle(screen);
    expect(errorAlert(screen)).toBeNull();
    expect(document.activeElement).toBe(field(screen, 'password'));
    expect(field(screen, 'email').value).toBe(demoCredentials.email);
  });

  it('EMAIL_TAKEN on signup: "Log in" switches to login with the email kept', async () => {
    const screen = await mountLogin({ firstLogin: true });
    await fillSignup(screen, demoCredentials.email);
    await submit(screen);
    await untilState(screen, 'error');
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('Email already registered');
    await userEvent.click(recoveryButton(screen));
    await settle(screen);
    expect(screen.mode).toBe('login');
    expect(field(screen, 'email').value).toBe(demoCredentials.email);
  });

  it('RATE_LIMITED: the retry waits for Retry-After, counting down', async () => {
    const adapter = new MemoryAdapter();
    vi.spyOn(adapter, 'login').mockRejectedValueOnce(
      new BrokerKitError('RATE_LIMITED', 'slow down', { retryAfter: 2 }),
    );
    const screen = await mountLogin({ adapter });
    await fillLogin(screen, demoCredentials.email, demoCredentials.password);
    await submit(screen);
    await untilState(screen, 'error');
    expect(errorAlert(screen)!.getAttribute('heading')).toBe('Too many attempts');
    expect(recoveryButton(screen).disabled).toBe(true);
    expect(recoveryButton(screen).textContent!.trim()).toBe('Try again in 2 seconds');
    await expect.poll(() => recoveryButton(screen).disabled).toBe(false);
    await userEvent.click(recoveryButton(screen));
    await untilState(screen, 'success');
  });

  it('VALIDATION_FAILED from the server: its fields show localized errors', async () => {
    const adapter = new MemoryAdapter();
    vi.spyOn(adapter, 'login').mockRejectedValueOnce(
      new BrokerKitError('VALIDATION_FAILED', 'bad', { fields: { email: 'invalid' } }),
    );
    const screen = await mountLogin({ adapter });
    await fillLogin(screen, demoCredentials.email, demoCredentials.password);
    await submit(screen);
    await untilState(screen, 'error');
    expect(fieldError(screen, 'email')).toBe('This value is not valid.');
    await typeInto(screen, 'email', 'other@example.com');
    expect(fieldError(screen, 'email')).toBe('');
  });

  it('SESSION_EXPIRED: "Log in again" reloads the login screen', async () => {
    const adapter = new MemoryAdapter();
    const navigate = vi.fn();
    const screen = await mountLogin({ adapter, navigate });
    await fillLogin(screen, demoCredentials.email, demoCredentials.password);
    adapter.failNext('SESSION_EXPIRED');
    await submit(screen);
    await untilState(screen, 'error');
    expect(recoveryButton(screen).textContent!.trim()).toBe('Log in again');
    await userEvent.click(recoveryButton(screen));
    expect(navigate).toHaveBeenCalledWith('/auth/login?lang=en&theme=light&source=Android');
  });

  it('every error code renders its localized title, message and recovery in role="alert"', async () => {
    const adapter = new MemoryAdapter();
    const screen = await mountLogin({ adapter });
    await fillLogin(screen, demoCredentials.email, 'Wrong-pass-1');
    await expectEveryErrorCode(screen, (code) => adapter.failNext(code), errorCodes, {
      email: demoCredentials.email,
      password: 'Wrong-pass-1',
    });
  });
});

describe('bk-login navigation controls', () => {
  it('switches between login and signup, and links to password reset', async () => {
    const navigate = vi.fn();
    const screen = await mountLogin({ navigate });
    expect(screen.querySelector('bk-screen')!.getAttribute('heading')).toBe('Log in');
    await userEvent.click(screen.querySelector('button.bk-auth-link')!);
    await settle(screen);
    expect(screen.querySelector('bk-screen')!.getAttribute('heading')).toBe('Create your account');
    await userEvent.click(screen.querySelector('button.bk-auth-link')!);
    await settle(screen);
    const reset = screen.querySelector<HTMLAnchorElement>('a.bk-auth-link')!;
    expect(reset.textContent!.trim()).toBe('Forgot your password?');
    await userEvent.click(reset);
    expect(navigate).toHaveBeenCalledWith('/account/password-reset?lang=en&theme=light&source=Android');
  });

  it("shows the broker's brand given by the host", async () => {
    const screen = await mountLogin();
    screen.brandName = 'Demo Broker';
    await settle(screen);
    expect(screen.querySelector('bk-screen')!.getAttribute('brand-name')).toBe('Demo Broker');
  });

  it('has no chat button, no pop-ups and never names the platform identity product', async () => {
    const screen = await mountLogin({ firstLogin: true });
    expect(screen.querySelector('[target="_blank"], iframe, dialog')).toBeNull();
    expect(screen.textContent!.toLowerCase()).not.toMatch(/chat|ctrader id|ctid/);
  });
});

describe('bk-login on a page with its own CSS', () => {
  // What a default app's stylesheet and a broker's client area typically carry. (The root font size is left
  // alone: the kit's sizes are in rem on purpose, so they follow it and the reader's own setting.)
  const pageCss = `
    :root { font-family: serif; line-height: 145%; letter-spacing: 0.18px; }
    body > div { text-align: center; }
    label { display: block; text-align: center; text-transform: uppercase; font-size: 30px; color: red; margin: 1em; }
    input { padding: 20px; border-radius: 0; width: 50%; font-size: 30px; background: yellow; border: 4px dashed red; }
    button { background: black; color: white; padding: 1em 2em; border-radius: 8px; font-size: 2em; }
    p { text-align: center; }`;
  const watched = [
    'text-align',
    'text-transform',
    'font-size',
    'letter-spacing',
    'color',
    'padding-inline-start',
    'border-top-style',
    'border-radius',
    'background-color',
    'inline-size',
    'margin-top',
  ];

  function looks(screen: BkLogin) {
    const parts = {
      label: screen.querySelector('bk-input label')!,
      input: screen.querySelector('bk-input input')!,
      toggle: screen.querySelector('bk-input [part~="toggle"]')!,
      hint: screen.querySelector('bk-input [part~="hint"]')!,
    };
    return Object.fromEntries(
      Object.entries(parts).map(([name, element]) => {
        const style = getComputedStyle(element);
        return [name, Object.fromEntries(watched.map((property) => [property, style.getPropertyValue(property)]))];
      }),
    );
  }

  it('keeps its labels, fields and buttons as the kit draws them', async () => {
    const plain = looks(await mountLogin());
    const style = document.createElement('style');
    style.textContent = pageCss;
    document.head.append(style);
    try {
      const styled = looks(await mountLogin());
      expect(styled).toEqual(plain);
    } finally {
      style.remove();
    }
  });
});
