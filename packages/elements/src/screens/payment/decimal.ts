/** Compares two non-negative decimal strings ("1250.5", "99") exactly: money is never a binary float here. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const [aWhole = '0', aFraction = ''] = a.split('.');
  const [bWhole = '0', bFraction = ''] = b.split('.');
  const wholeA = aWhole.replace(/^0+/, '');
  const wholeB = bWhole.replace(/^0+/, '');
  if (wholeA.length !== wholeB.length) return wholeA.length < wholeB.length ? -1 : 1;
  if (wholeA !== wholeB) return wholeA < wholeB ? -1 : 1;
  const length = Math.max(aFraction.length, bFraction.length);
  const fractionA = aFraction.padEnd(length, '0');
  const fractionB = bFraction.padEnd(length, '0');
  if (fractionA === fractionB) return 0;
  return fractionA < fractionB ? -1 : 1;
}

/** Whether a string is a positive decimal amount the contract accepts (up to 12 digits, 8 decimals). */
export function isAmount(value: string): boolean {
  return /^\d{1,12}(\.\d{1,8})?$/.test(value) && compareDecimal(value, '0') > 0;
}
