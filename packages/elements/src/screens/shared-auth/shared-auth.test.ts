import { describe, expect, it } from 'vitest';
import { languages } from '@broker-kit/core';
import { checkEmail, checkName, checkNewPassword, passwordStrength } from './validation.ts';
import { countryCodes, countryOptions } from './countries.ts';
import { withQuery } from './urls.ts';

const locales = import.meta.glob<Record<string, unknown>>('../../../../core/src/i18n/locales/*/auth.json', {
  eager: true,
  import: 'default',
});

function flatten(value: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (typeof item === 'string') out[prefix + key] = item;
    else Object.assign(out, flatten(item, `${prefix}${key}.`));
  }
  return out;
}

const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const bases = (texts: Record<string, string>) => [...new Set(Object.keys(texts).map(base))].sort();
const placeholders = (text: string) => (text.match(/{{\w+}}/g) ?? []).sort();

describe('auth translations', () => {
  const english = flatten(locales['../../../../core/src/i18n/locales/en/auth.json']);

  it('exist for all 23 languages with every English key and the same placeholders', () => {
    expect(Object.keys(english).length).toBeGreaterThan(80);
    for (const language of languages) {
      const file = locales[`../../../../core/src/i18n/locales/${language}/auth.json`];
      expect(file, language).toBeDefined();
      const { _review, ...texts } = flatten(file);
      if (language !== 'en') expect(_review, language).toBe('machine translation, to be reviewed');
      // Plural forms differ per language (CLDR); core's locales test checks each language has its own.
      expect(bases(texts), language).toEqual(bases(english));
      for (const [key, text] of Object.entries(texts)) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(
          placeholders(english[key] ?? english[`${base(key)}_other`]!),
        );
      }
    }
  });

  it('never name the platform identity product', () => {
    for (const file of Object.values(locales)) expect(JSON.stringify(file)).not.toMatch(/ctrader\s*id|ctid/i);
  });
});

describe('client checks', () => {
  it('accept ordinary emails and reject malformed ones', () => {
    for (const ok of ['a@b.co', 'first.last+tag@sub.example.org', 'x@xn--bcher-kva.de'])
      expect(checkEmail(ok), ok).toBeUndefined();
    for (const bad of [
      '',
      'a',
      'a@b',
      'a@b.c',
      'a b@c.de',
      'a@@b.de',
      'a..b@c.de',
      '"><svg>@x.de',
      `${'a'.repeat(250)}@x.de`,
    ])
      expect(checkEmail(bad), bad).toBeDefined();
  });

  it('password rules: 8 to 64 characters, a letter and a digit, not the email, no outer spaces', () => {
    expect(checkNewPassword('abcdefg1')).toBeUndefined();
    expect(checkNewPassword('Пароль12')).toBeUndefined();
    expect(checkNewPassword('abc1')?.key).toBe('passwordTooShort');
    expect(checkNewPassword('a1'.repeat(33))?.key).toBe('tooLong');
    expect(checkNewPassword('12345678')?.key).toBe('passwordNeedsLetter');
    expect(checkNewPassword('abcdefgh')?.key).toBe('passwordNeedsDigit');
    expect(checkNewPassword(' abcdefg1')?.key).toBe('passwordSpaces');
    expect(checkNewPassword('me1@x.io', { email: 'ME1@x.io' })?.key).toBe('passwordIsEmail');
  });

  it('names: letters of any script, rejecting markup, digits and control characters', () => {
    for (const ok of ['Zoë', "O'Neil", 'Jean-Luc', 'محمد', '李', 'Anne Marie'])
      expect(checkName(ok), ok).toBeUndefined();
    for (const bad of ['', '<b>', 'R2D2', 'a\u0000b', '-x', 'x'.repeat(51)]) expect(checkName(bad), bad).toBeDefined();
  });

  it('rates password strength from weak to strong', () => {
    expect(passwordStrength('')).toBe('empty');
    expect(passwordStrength('password1')).toBe('weak');
    expect(passwordStrength('abcdefg1')).toBe('fair');
    expect(passwordStrength('Tr0ub4dour&3-horse')).toBe('strong');
  });
});

describe('countries and URLs', () => {
  it('names every country in the screen language, sorted for it', () => {
    const german = countryOptions('de');
    expect(german).toHaveLength(countryCodes.length);
    expect(german.find((item) => item.value === 'DE')?.label).toBe('Deutschland');
    const arabic = countryOptions('ar');
    expect(arabic.find((item) => item.value === 'EG')?.label).toBe('مصر');
  });

  it('appends query parameters, skipping empty ones and keeping a fragment', () => {
    expect(withQuery('/account/create', { userId: 7, lang: 'en', theme: undefined })).toBe(
      '/account/create?userId=7&lang=en',
    );
    expect(withQuery('/x?a=1#top', { b: 'c d' })).toBe('/x?a=1&b=c+d#top');
  });
});
