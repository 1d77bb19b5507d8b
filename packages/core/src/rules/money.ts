// Money rules: an amount is a decimal string in the account currency, held as an integer of that currency's
// minor units (ISO 4217 exponent, from Intl). An amount finer than the currency allows is refused, never rounded.

const digitsCache = new Map<string, number>();

/** The ISO 4217 exponent of a currency (USD 2, JPY 0, KWD 3); undefined for a code Intl does not know. */
export function minorDigits(currency: string): number | undefined {
  if (!/^[A-Z]{3}$/.test(currency)) return undefined;
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
    } catch {
      return undefined;
    }
    if (digits === undefined) return undefined;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Why an amount is refused, as the field error code the screens localize. */
export type AmountProblem = 'invalid' | 'precision';

export type MinorResult = { ok: true; minor: bigint } | { ok: false; problem: AmountProblem };

/** "1250.5" USD → 125050n. More decimals than the currency has (even zeros past them) is `precision`. */
export function toMinor(amount: string, currency: string): MinorResult {
  const digits = minorDigits(currency);
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(amount);
  if (digits === undefined || !match) return { ok: false, problem: 'invalid' };
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > digits) return { ok: false, problem: 'precision' };
  return { ok: true, minor: BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0') };
}

/** 125050n USD → "1250.50": exactly the currency's decimals, as the platform's preciseAmount expects. */
export function fromMinor(minor: bigint, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === undefined) throw new RangeError(`unknown currency ${currency}`);
  const sign = minor < 0n ? '-' : '';
  const absolute = minor < 0n ? -minor : minor;
  if (digits === 0) return `${sign}${absolute}`;
  const unit = 10n ** BigInt(digits);
  return `${sign}${absolute / unit}.${(absolute % unit).toString().padStart(digits, '0')}`;
}
