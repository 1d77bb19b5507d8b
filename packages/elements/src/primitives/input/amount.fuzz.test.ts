// Property tests of the amount parser: what a user types in any of the kit's locales becomes a canonical decimal
// string, '' or null, never an exception, and what the field shows reads back as the same amount.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languages } from '@broker-kit/core';
import { anyUnicodeString, hostileStrings } from '@broker-kit/core/testing';
import { amountProblem } from '@broker-kit/core/rules/money.ts';
import { formatAmount, parseAmount } from './amount.ts';

/** The 23 languages, regional variants with other separators or digits, and locales Intl does not know. */
const locales = [...languages, 'de-CH', 'fr-CH', 'en-IN', 'ar-EG', 'ar-u-nu-arab', 'fa', 'hi-IN-u-nu-deva'];
const badLocales = ['', 'xx-invalid-locale-tag', '__proto__', 'constructor', 'en_US', '../../etc', 'a'.repeat(300)];
const canonical = /^(0|[1-9]\d*)(\.\d*[1-9])?$/;

const decimal = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.option(fc.stringMatching(/^\d{1,8}$/), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? String(whole) : `${whole}.${fraction}`));
const normalize = (value: string) => {
  const [whole = '0', fraction = ''] = value.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${BigInt(whole)}${trimmed ? `.${trimmed}` : ''}`;
};

describe('parseAmount (property)', () => {
  it("never throws and answers '', null or a canonical non-negative decimal, in any locale", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          anyUnicodeString,
          fc.stringMatching(/^[\d.,\s\u00a0\u202f'’]{0,30}$/),
          fc.constantFrom(...hostileStrings),
        ),
        fc.constantFrom(...locales, ...badLocales),
        (text, locale) => {
          const amount = parseAmount(text, locale);
          if (amount === null || amount === '') return;
          expect(amount).toMatch(canonical);
          expect(parseAmount(amount, 'en')).toBe(amount); // canonical output reads back unchanged
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads back what formatAmount shows, in every locale and currency: a round trip', () => {
    fc.assert(
      fc.property(
        decimal,
        fc.constantFrom(...locales),
        fc.constantFrom(undefined, 'USD', 'EUR', 'JPY', 'KWD', 'xx'),
        (value, locale, currency) => {
          const shown = formatAmount(value, locale, currency);
          expect(parseAmount(shown, locale), `${value} shown as ${JSON.stringify(shown)} in ${locale}`).toBe(
            normalize(value),
          );
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('shows any amount it reads without throwing: the field formats what was typed on blur', () => {
    fc.assert(
      fc.property(
        // Any number of typed decimals: the field keeps what was typed, and Intl allows at most 100.
        fc
          .tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 150 }), fc.nat())
          .map(([whole, digits, seed]) => `${whole}.${String(seed).padStart(digits, '7').slice(0, digits)}`),
        fc.constantFrom(...locales),
        fc.constantFrom(undefined, 'USD', 'JPY'),
        (typed, locale, currency) => {
          const amount = parseAmount(typed, 'en');
          expect(amount).not.toBeNull();
          const shown = formatAmount(amount!, locale, currency);
          expect(parseAmount(shown, locale)).toBe(amount);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('falls back to English separators for a locale Intl refuses', () => {
    for (const locale of badLocales) {
      for (const text of ['1,234.5', '1.234,5', '١٢٣', '1 234,5'])
        expect(parseAmount(text, locale)).toBe(parseAmount(text, 'en'));
      expect(parseAmount('1,234.5', locale)).toBe('1234.5');
    }
  });

  it('refuses signs, exponents, letters, markup and a second decimal separator', () => {
    fc.assert(
      fc.property(
        decimal,
        fc.constantFrom('-', '+', 'e3', 'E', 'x', '<', '\u0000', '\u202E', '%', ' 1.2.3'),
        (value, junk) => {
          expect(parseAmount(`${value}${junk}`, 'en')).toBeNull();
        },
      ),
    );
  });
});

describe('amountProblem (property)', () => {
  it('accepts exactly the positive decimals of up to 12 whole and 8 fraction digits (BTC: 8 minor units)', () => {
    fc.assert(
      fc.property(fc.oneof(decimal, fc.string(), fc.constantFrom(...hostileStrings)), (value) => {
        const shape = /^\d{1,12}(\.\d{1,8})?$/.test(value);
        expect(amountProblem(value, 'BTC') === undefined).toBe(shape && /[1-9]/.test(value));
      }),
      { numRuns: 500 },
    );
  });
});
