import { describe, expect, it } from 'vitest';
import { parseBrokerConfig, type BrokerConfigInput } from '@broker-kit/core/config.ts';
import { languageOf, normalizePath, refusalFor, screenFor, screenParams, themeOf } from './plan.ts';

const config = (overrides: Partial<BrokerConfigInput> = {}) =>
  parseBrokerConfig({
    identityMode: 'ot-handoff',
    modules: ['deposit-withdrawal', 'kyc', 'action-chat', 'invite'],
    backendBaseUrl: '/',
    successUrl: 'https://broker.example/callback/success',
    brand: { name: 'Example' },
    ...overrides,
  });

describe('route plan', () => {
  it('finds each screen by path, ignoring case and a trailing slash', () => {
    expect(screenFor(normalizePath('/InApp/Deposit/'))?.tag).toBe('bk-deposit');
    expect(screenFor(normalizePath('/auth/login'))?.tag).toBe('bk-login');
    expect(screenFor(normalizePath('/web'))?.tag).toBe('bk-ctrader-web');
    expect(screenFor(normalizePath('/__proto__'))).toBeUndefined();
    expect(screenFor(normalizePath('/constructor'))).toBeUndefined();
  });

  it('refuses SSO-only modules under handoff, disabled modules, and unknown paths', () => {
    const handoff = config();
    expect(refusalFor(screenFor('/web'), handoff)).toEqual({ reason: 'incompatible', module: 'embedded-web' });
    expect(refusalFor(screenFor('/inapp/ribbons'), handoff)).toEqual({ reason: 'incompatible', module: 'ribbons' });
    expect(refusalFor(screenFor('/inapp/deposit'), handoff)).toBeUndefined();
    expect(refusalFor(screenFor('/auth/login'), handoff)).toBeUndefined();
    expect(refusalFor(undefined, handoff)).toEqual({ reason: 'notFound' });
    const kycOnly = config({ modules: ['kyc'] });
    expect(refusalFor(screenFor('/inapp/chat'), kycOnly)).toEqual({ reason: 'disabled', module: 'action-chat' });
  });

  it('opens the same in-app screens after moving to SSO, and the SSO-only ones once enabled', () => {
    const sso = config({ identityMode: 'sso' });
    for (const path of [
      '/inapp/deposit',
      '/inapp/withdraw',
      '/inapp/kyc',
      '/inapp/action',
      '/inapp/chat',
      '/inapp/invite',
    ])
      expect(refusalFor(screenFor(path), sso), path).toBeUndefined();
    expect(refusalFor(screenFor('/web'), sso)).toEqual({ reason: 'disabled', module: 'embedded-web' });
    const full = config({ identityMode: 'sso', modules: ['embedded-web', 'ribbons'] });
    expect(refusalFor(screenFor('/web'), full)).toBeUndefined();
  });

  it('passes parsed values to the screen and never the token', () => {
    const search = new URLSearchParams('token=abcdefgh&account=67890&lang=AR&theme=DARK&source=web&kycType=poa');
    expect(screenParams('/inapp/kyc', search, config())).toEqual({
      account: 67890,
      kycType: 'poa',
      lang: 'ar',
      theme: 'dark',
      source: 'Web',
    });
    expect(screenParams('/web', new URLSearchParams('account=12&token=abcdefgh'), config())).not.toHaveProperty(
      'token',
    );
    expect(screenParams('/nowhere', search, config())).toEqual({});
  });

  it('falls back on hostile look values', () => {
    const hostile = new URLSearchParams('lang=../../etc/passwd&theme=dark;}body{background:red');
    expect(themeOf(hostile)).toBeUndefined();
    expect(languageOf(hostile, config({ defaultLanguage: 'de' }))).toBe('de');
    expect(languageOf(new URLSearchParams('lang=pt-BR'))).toBe('pt');
    expect(themeOf(new URLSearchParams('theme=Light'))).toBe('light');
  });
});
