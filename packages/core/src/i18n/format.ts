// Dates, countries, lists, money and names in the screen's language, through Intl: one rule per kind of value, so
// every screen shows them alike. A value these cannot read is shown as given, never thrown on.
import type { Language } from './languages.ts';

/** The Intl locale of a screen language: Serbian screens are written in Latin script, so Intl must be too. */
export function intlLocale(language: Language | string): string {
  return language === 'sr' ? 'sr-Latn' : language;
}

/** A calendar date (`YYYY-MM-DD`, no time of day, no time zone) as the language writes it: "4 December 2026". */
export function formatDate(isoDate: string, language: Language | string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return isoDate;
  return new Intl.DateTimeFormat(intlLocale(language), { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A country's name for an ISO 3166-1 alpha-2 code ("DE" → "Deutschland" in German); the code when unknown. */
export function countryName(code: string, language: Language | string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  const region = code.toUpperCase();
  const name = new Intl.DisplayNames([intlLocale(language), 'en'], { type: 'region', fallback: 'code' }).of(region);
  return name ?? region;
}

/** Items joined as the language joins them: "PNG, JPEG or PDF", "PNG、JPEG、または PDF". */
export function formatList(
  items: readonly string[],
  language: Language | string,
  type: 'conjunction' | 'disjunction' = 'conjunction',
): string {
  return new Intl.ListFormat(intlLocale(language), { type, style: 'long' }).format(items);
}

/** The most fraction digits Intl.NumberFormat accepts. */
const maxFractionDigits = 100;

/**
 * An amount (a decimal string, kept exact) in the currency's own style for the language: "25,00 €", "US$25.00",
 * "¥2,500". The currency's usual decimals at least, more when the amount has them. Without a valid ISO 4217 code,
 * the number alone.
 */
export function formatMoney(amount: string, currency: string | undefined, language: Language | string): string {
  if (!/^-?\d+(\.\d+)?$/.test(amount)) return amount;
  const decimals = amount.split('.')[1]?.length ?? 0;
  if (decimals > maxFractionDigits) return currency ? `${amount} ${currency}` : amount;
  const locale = intlLocale(language);
  const style: Intl.NumberFormatOptions =
    currency && /^[A-Z]{3}$/.test(currency) ? { style: 'currency', currency } : { style: 'decimal' };
  const usual = new Intl.NumberFormat(locale, style).resolvedOptions().minimumFractionDigits ?? 0;
  const format = new Intl.NumberFormat(locale, {
    ...style,
    minimumFractionDigits: usual,
    maximumFractionDigits: Math.max(usual, decimals),
  });
  // A decimal string keeps full precision in Intl (a Number would round large amounts).
  return format.format(amount as unknown as number);
}

/** Languages that write the family name first. */
const familyNameFirst: readonly string[] = ['hu', 'ja', 'ko', 'zh'];

/** A person's full name in the order of the language: "Ada Lovelace", in Japanese "Lovelace Ada". */
export function formatPersonName(firstName: string, lastName: string, language: Language | string): string {
  const parts = familyNameFirst.includes(language) ? [lastName, firstName] : [firstName, lastName];
  return parts
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
}
