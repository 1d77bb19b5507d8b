interface LocaleSymbols {
  group: string;
  decimal: string;
  digits: Map<string, string>;
}

const symbolCache = new Map<string, LocaleSymbols>();

/** A locale Intl accepts, else 'en' (a bad `locale` attribute must not throw). */
export function safeLocale(locale: string | undefined): string {
  if (!locale) return 'en';
  try {
    return Intl.NumberFormat.supportedLocalesOf([locale])[0] ?? 'en';
  } catch {
    return 'en';
  }
}

function symbols(locale: string): LocaleSymbols {
  let cached = symbolCache.get(locale);
  if (cached) return cached;
  const format = new Intl.NumberFormat(locale, { useGrouping: true });
  const parts = format.formatToParts(11111.1);
  const digits = new Map<string, string>();
  for (let digit = 0; digit <= 9; digit++) digits.set(format.format(digit), String(digit));
  cached = {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
    digits,
  };
  symbolCache.set(locale, cached);
  return cached;
}

/**
 * Loads the locale's number data before the first amount is shown. A page's first Intl number formatter costs
 * tens of milliseconds on a slow phone; a screen calls this while it waits for the network, not while it renders.
 */
export function prepareAmountFormat(locale: string): void {
  symbols(safeLocale(locale));
}

/**
 * Reads an amount typed the way the locale writes numbers ("1.234,5" in de, "1,234.5" in en) into a
 * normalized decimal string ("1234.5"). '' for empty input, null when it is not a non-negative amount.
 */
export function parseAmount(text: string, locale: string): string | null {
  const { group, decimal, digits } = symbols(safeLocale(locale));
  let normalized = '';
  for (const char of text.trim()) {
    if (/[0-9]/.test(char)) normalized += char;
    else if (digits.has(char)) normalized += digits.get(char);
    else if (char === decimal) normalized += '.';
    else if (char === group || /\s/.test(char) || (group.trim() === '' && char === '\u202f')) continue;
    else return null;
  }
  if (normalized === '') return '';
  if (!/^\d*\.?\d*$/.test(normalized) || normalized === '.') return null;
  let [whole = '', fraction = ''] = normalized.split('.');
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  fraction = fraction.replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

/** The most fraction digits Intl.NumberFormat accepts. */
const maxIntlFractionDigits = 100;

/** Formats a normalized amount for display in the locale, with the currency's usual fraction digits. */
export function formatAmount(value: string, locale: string, currency?: string): string {
  if (value === '' || !/^\d+(\.\d+)?$/.test(value)) return value;
  const [whole = '', fraction = ''] = value.split('.');
  if (fraction.length > maxIntlFractionDigits) {
    // Intl throws past 100 decimals: the whole part through Intl, then the decimals digit by digit, so that what
    // the field shows still reads back as the same amount.
    const { decimal, digits: shownDigits } = symbols(safeLocale(locale));
    const shown = new Map([...shownDigits].map(([glyph, digit]) => [digit, glyph]));
    return `${formatAmount(whole, locale)}${decimal}${[...fraction].map((digit) => shown.get(digit) ?? digit).join('')}`;
  }
  const digits = currencyDigits(currency);
  const format = new Intl.NumberFormat(safeLocale(locale), {
    minimumFractionDigits: digits ?? 0,
    maximumFractionDigits: Math.max(digits ?? 0, fraction.length),
  });
  // A decimal string keeps full precision in Intl (a Number would round large amounts).
  return format.format(value as unknown as number);
}

function validCurrency(currency: string | undefined): currency is string {
  return !!currency && /^[A-Z]{3}$/.test(currency);
}

function currencyDigits(currency: string | undefined): number | undefined {
  if (!validCurrency(currency)) return undefined;
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}

/** The currency's symbol in the locale ("€", "US$"), or '' for a missing or malformed code. */
export function currencySymbol(currency: string | undefined, locale: string): string {
  if (!validCurrency(currency)) return '';
  const parts = new Intl.NumberFormat(safeLocale(locale), { style: 'currency', currency }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? currency;
}
