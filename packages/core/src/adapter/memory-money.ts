// Decimal amounts as exact integers of 1e-8: money is never a binary float.
const scale = 8;
const unit = 10n ** BigInt(scale);

/** "1250.5" → 125050000000n. The input already matched amountSchema. */
export function toUnits(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * unit + BigInt(fraction.padEnd(scale, '0').slice(0, scale));
}

/** 125050000000n → "1250.50": at least two decimals, no trailing zeros beyond them. */
export function fromUnits(units: bigint): string {
  const whole = units / unit;
  const fraction = (units % unit).toString().padStart(scale, '0').replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${fraction}`;
}
