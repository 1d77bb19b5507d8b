import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findSensitive, maskSensitive, maskSensitiveValues, passesIbanChecksum, passesLuhn } from './sensitive.ts';

/** The check digit that makes `body` pass Luhn. */
function luhnComplete(body: string): string {
  for (let digit = 0; digit <= 9; digit++) if (passesLuhn(body + digit)) return body + digit;
  throw new Error('unreachable');
}

/** An IBAN for a country and an account, with its check digits computed. */
function ibanOf(country: string, account: string): string {
  for (let check = 2; check <= 98; check++) {
    const iban = `${country}${String(check).padStart(2, '0')}${account}`;
    if (passesIbanChecksum(iban)) return iban;
  }
  throw new Error('unreachable');
}

describe('sensitive numbers in free text', () => {
  it('knows the checksums: Luhn for cards, mod 97 for IBANs', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('378282246310005')).toBe(true);
    expect(passesIbanChecksum('DE89370400440532013000')).toBe(true);
    expect(passesIbanChecksum('de89370400440532013000')).toBe(true);
    expect(passesIbanChecksum('GB82WEST12345698765432')).toBe(true);
    expect(passesIbanChecksum('DE89370400440532013001')).toBe(false);
    expect(passesIbanChecksum('DE8937040044')).toBe(false);
  });

  it('masks cards as typed (spaces, hyphens, none) and keeps the last four', () => {
    expect(maskSensitive('my card is 4111 1111 1111 1111, thanks')).toBe('my card is **** **** **** 1111, thanks');
    expect(maskSensitive('4111-1111-1111-1111')).toBe('****-****-****-1111');
    expect(maskSensitive('card:4111111111111111 exp 12/25')).toBe('card:************1111 exp 12/25');
    expect(maskSensitive('4111 1111 1111 1111 12 25')).toBe('**** **** **** 1111 12 25');
    expect(maskSensitive('amex 3782 822463 10005')).toBe('amex **** ****** *0005');
  });

  it('masks IBANs grouped or compact, any case, keeping the country and the last four', () => {
    expect(maskSensitive('IBAN DE89 3704 0044 0532 0130 00 please')).toBe('IBAN DE** **** **** **** **30 00 please');
    expect(maskSensitive('to gb82west12345698765432.')).toBe('to gb****************5432.');
  });

  it('leaves numbers alone that fail the checksum or are no whole number', () => {
    for (const text of [
      'order 4111 1111 1111 1112',
      'ref 41111111111111111111111',
      'call +44 20 7946 0958',
      'DE89 3704 0044 0532 0130 02',
      'amount 1250.50 USD on 2025-12-04',
    ])
      expect(maskSensitive(text)).toBe(text);
  });

  it('masks every string of a stored value, at any depth', () => {
    const value = {
      bank: { iban: 'DE89370400440532013000', note: 'x' },
      cards: ['4111111111111111'],
      amount: 12,
      ok: true,
      none: null,
    };
    expect(maskSensitiveValues(value)).toEqual({
      bank: { iban: 'DE****************3000', note: 'x' },
      cards: ['************1111'],
      amount: 12,
      ok: true,
      none: null,
    });
  });

  const separator = fc.constantFrom(' ', '', '-');
  const card = fc
    .tuple(fc.integer({ min: 12, max: 18 }), fc.infiniteStream(fc.integer({ min: 0, max: 9 })))
    .map(([length, digits]) => luhnComplete([...digits.take(length)].join('')));
  const iban = fc
    .tuple(
      fc.constantFrom(['DE', 18], ['GB', 18], ['FR', 23], ['NL', 14], ['NO', 11], ['LC', 28]),
      fc.stringMatching(/^[0-9A-Z]{28}$/),
    )
    .map(([[country, length], account]) => ibanOf(country as string, account.slice(0, length as number)));
  const prose = fc.stringMatching(/^[a-z ,.!?]{0,20}$/);

  it('property: any valid card or IBAN between words is masked, the text keeps its length, masking is idempotent', () => {
    fc.assert(
      fc.property(prose, fc.oneof(card, iban), separator, prose, (before, number, sep, after) => {
        const grouped = number.match(/.{1,4}/g)!.join(sep);
        const text = `${before} ${grouped} ${after}`;
        const masked = maskSensitive(text);
        expect(masked).toHaveLength(text.length);
        const maskedNumber = masked.slice(before.length + 1, before.length + 1 + grouped.length).replace(/[ -]/g, '');
        expect(maskedNumber).not.toBe(number);
        expect(maskedNumber.endsWith(number.slice(-4))).toBe(true);
        expect(maskedNumber.slice(0, -4)).toMatch(/^([A-Z]{2})?\**$/);
        expect(findSensitive(masked)).toEqual([]);
        expect(maskSensitive(masked)).toBe(masked);
      }),
    );
  });

  it('property: any text is answered, same length, unchanged when it holds no digit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const masked = maskSensitive(text);
        expect(masked).toHaveLength(text.length);
        if (!/\d/.test(text)) expect(masked).toBe(text);
      }),
    );
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => void maskSensitive(text)));
  });

  it('a 100 KB text of digits and spaces is scanned in one pass', () => {
    const text = '1234 '.repeat(20_000);
    expect(maskSensitive(text)).toHaveLength(text.length);
  });
});
