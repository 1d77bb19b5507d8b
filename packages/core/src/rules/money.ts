// Money as decimal strings on the wire and exact integers of 1e-8 in arithmetic: never a binary float.
import type { FieldProblem } from './problems.ts';

const scale = 8;
const unit = 10n ** BigInt(scale);

/** ISO 4217 minor units where they are not 2 (and the crypto currencies brokers offer). */
const minorUnitExceptions: Record<string, number> = {
  BHD: 3,
  CLP: 0,
  IQD: 3,
  ISK: 0,
  JOD: 3,
  JPY: 0,
  KRW: 0,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  VND: 0,
  BTC: 8,
  ETH: 8,
  USDT: 2,
};

/** How many decimals an amount of this currency has (2 for a code this table does not list). */
export function minorUnits(currency: string | undefined): number {
  return (currency === undefined ? undefined : minorUnitExceptions[currency.toUpperCase()]) ?? 2;
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
  if (decimals > minorUnits(currency)) return { reason: 'invalid', detail: 'decimals' };
  return undefined;
}
