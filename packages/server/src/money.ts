// Money as decimal strings on the wire and exact integers (1e-8 units) in arithmetic: never binary floats.
const scale = 100_000_000n;

export function toUnits(amount: string): bigint {
  const [whole = '0', fraction = ''] = amount.split('.');
  return BigInt(whole) * scale + BigInt(fraction.padEnd(8, '0').slice(0, 8));
}

export function fromUnits(units: bigint): string {
  const whole = units / scale;
  const fraction = (units % scale).toString().padStart(8, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}
