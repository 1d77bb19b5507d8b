import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fromMinor, minorDigits, toMinor } from './money.ts';

describe('money rules', () => {
  it('reads the ISO 4217 exponent from Intl', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(minorDigits('usd')).toBeUndefined();
    expect(minorDigits('US')).toBeUndefined();
  });

  it('converts to minor units and refuses what is finer than the currency, never rounding', () => {
    expect(toMinor('1250.5', 'USD')).toEqual({ ok: true, minor: 125050n });
    expect(toMinor('10', 'USD')).toEqual({ ok: true, minor: 1000n });
    expect(toMinor('1000.505', 'USD')).toEqual({ ok: false, problem: 'precision' });
    expect(toMinor('1.10', 'JPY')).toEqual({ ok: false, problem: 'precision' });
    expect(toMinor('1.000', 'USD')).toEqual({ ok: false, problem: 'precision' });
    expect(toMinor('1.001', 'KWD')).toEqual({ ok: true, minor: 1001n });
    expect(toMinor('1e3', 'USD')).toEqual({ ok: false, problem: 'invalid' });
    expect(toMinor('-1', 'USD')).toEqual({ ok: false, problem: 'invalid' });
    expect(toMinor('1', 'XYZW')).toEqual({ ok: false, problem: 'invalid' });
  });

  it('writes exactly the currency decimals', () => {
    expect(fromMinor(125050n, 'USD')).toBe('1250.50');
    expect(fromMinor(7n, 'USD')).toBe('0.07');
    expect(fromMinor(500n, 'JPY')).toBe('500');
    expect(fromMinor(-1001n, 'KWD')).toBe('-1.001');
  });

  it('round-trips every amount the currency can hold', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.constantFrom('USD', 'EUR', 'JPY', 'KWD'),
        (minor, cur) => {
          const back = toMinor(fromMinor(minor, cur), cur);
          expect(back).toEqual({ ok: true, minor });
        },
      ),
    );
  });
});
