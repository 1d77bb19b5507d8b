import { describe, expect, it } from 'vitest';
import { countryName, formatDate, formatList, formatMoney, formatPersonName, intlLocale } from './format.ts';
import { languages } from './languages.ts';

describe('formatting in the screen language', () => {
  it('writes calendar dates as the language does, never as ISO, and leaves what is not a date alone', () => {
    expect(formatDate('1990-02-28', 'en')).toBe('February 28, 1990');
    expect(formatDate('1990-02-28', 'de')).toBe('28. Februar 1990');
    expect(formatDate('1990-02-28', 'ja')).toBe('1990年2月28日');
    expect(formatDate('1990-02-28', 'sr')).toBe('28. februar 1990.');
    for (const language of languages) expect(formatDate('1990-02-28', language), language).not.toContain('1990-02-28');
    for (const odd of ['1990-02-30', '28/02/1990', '', '<b>1990-02-28</b>']) expect(formatDate(odd, 'en')).toBe(odd);
  });

  it('names countries in the language (Serbian in Latin script), and shows an unknown value as given', () => {
    expect(countryName('DE', 'de')).toBe('Deutschland');
    expect(countryName('de', 'fr')).toBe('Allemagne');
    expect(countryName('DE', 'sr')).toBe('Nemačka');
    for (const language of languages) expect(countryName('GB', language), language).not.toBe('GB');
    expect(countryName('not a code', 'en')).toBe('not a code');
  });

  it('gives money one style, the currency’s own, keeping every decimal of the amount', () => {
    expect(formatMoney('25', 'USD', 'en')).toBe('$25.00');
    expect(formatMoney('25', 'EUR', 'de')).toBe('25,00\u00a0€');
    expect(formatMoney('2500', 'JPY', 'ja')).toBe('￥2,500');
    expect(formatMoney('1234567890123456789.125', 'USD', 'en')).toBe('$1,234,567,890,123,456,789.125');
    expect(formatMoney('25', undefined, 'fr')).toBe('25');
    expect(formatMoney('25', 'not-a-code', 'en')).toBe('25');
    expect(formatMoney('abc', 'USD', 'en')).toBe('abc');
  });

  it('joins lists and orders names as the language does', () => {
    expect(formatList(['PNG', 'JPEG', 'PDF'], 'en', 'disjunction')).toBe('PNG, JPEG, or PDF');
    expect(formatList(['PNG', 'JPEG', 'PDF'], 'de', 'disjunction')).toBe('PNG, JPEG oder PDF');
    expect(formatPersonName('Ada', 'Lovelace', 'en')).toBe('Ada Lovelace');
    expect(formatPersonName('Taro', 'Yamada', 'ja')).toBe('Yamada Taro');
    expect(formatPersonName('Ada', '', 'hu')).toBe('Ada');
    expect(intlLocale('sr')).toBe('sr-Latn');
  });
});
