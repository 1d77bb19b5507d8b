import type { FieldProblem } from './problems.ts';

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

// Arithmetic on amounts: exact integers of 1e-8 (fees and rates may be finer than a currency's minor unit),
// written back with at least the currency's minor units. Never a binary float.
const scale = 8;
const unit = 10n ** BigInt(scale);

/** The crypto currencies brokers offer, which ISO 4217 (and so Intl) does not know. */
const cryptoMinorUnits: Record<string, number> = { BTC: 8, ETH: 8, USDT: 2 };

/** How many decimals an amount of this currency has (ISO 4217 via Intl; 2 for a code nothing knows). */
export function minorUnits(currency: string | undefined): number {
  if (currency === undefined) return 2;
  const code = currency.toUpperCase();
  return cryptoMinorUnits[code] ?? minorDigits(code) ?? 2;
}

/** "1250.5" → 125050000000n. The input matched `amountSchema` (digits, at most 8 decimals). */
export function toUnits(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * unit + BigInt(fraction.padEnd(scale, '0').slice(0, scale));
}

/**
 * 125050000000n → "1250.50" for USD, "1250.5" would never be written: at least the currency's minor units,
 * more only when the amount has them (a fee of 0.125 stays exact). Negative amounts keep their sign.
 */
export function fromUnits(units: bigint, currency?: string): string {
  const sign = units < 0n ? '-' : '';
  const absolute = units < 0n ? -units : units;
  const whole = absolute / unit;
  const digits = minorUnits(currency);
  const fraction = (absolute % unit).toString().padStart(scale, '0').replace(/0+$/, '').padEnd(digits, '0');
  return fraction === '' ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

/** An amount a user asks to move: positive, and no finer than the currency's minor unit. */
export function amountProblem(amount: string, currency: string): FieldProblem | undefined {
  if (!/^\d{1,12}(\.\d{1,8})?$/.test(amount)) return { reason: 'invalid' };
  if (toUnits(amount) <= 0n) return { reason: 'too_small', limit: '0' };
  const decimals = amount.split('.')[1]?.length ?? 0;
  if (decimals > minorUnits(currency)) return { reason: 'precision' };
  return undefined;
}
