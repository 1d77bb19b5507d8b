import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import { BrokerKitError } from '../errors.ts';
import {
  ageOn,
  amountProblem,
  assertKycAddress,
  assertKycComplete,
  assertKycEditable,
  assertKycPersonal,
  assertPaymentAllowed,
  assertTransactionMove,
  canMoveKyc,
  countryProblem,
  dateOfBirthProblem,
  emailProblem,
  FieldCheck,
  fromUnits,
  isIsoDate,
  kycStatusAfterEdit,
  minorUnits,
  missingDocuments,
  nameProblem,
  normalizeEmail,
  notYourAccount,
  passwordProblem,
  textProblem,
  toUnits,
} from './index.ts';

const code = (work: () => unknown): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(BrokerKitError);
    return (error as BrokerKitError).code;
  }
};
const fields = (work: () => unknown): Record<string, string> => {
  try {
    work();
  } catch (error) {
    if (error instanceof BrokerKitError) return error.fields;
  }
  throw new Error('expected VALIDATION_FAILED');
};

describe('passwords', () => {
  it('accepts 8 to 64 characters with a letter and a digit', () => {
    expect(passwordProblem('Demo-1234')).toBeUndefined();
    expect(passwordProblem('a1'.repeat(32))).toBeUndefined();
  });
  it('names the rule a password breaks', () => {
    expect(passwordProblem('')).toEqual({ reason: 'required' });
    expect(passwordProblem('abc1')).toEqual({ reason: 'too_short', limit: 8 });
    expect(passwordProblem('a1'.repeat(32) + 'x')).toEqual({ reason: 'too_long', limit: 64 });
    expect(passwordProblem('abcdefgh')).toEqual({ reason: 'weak', detail: 'digit' });
    expect(passwordProblem('12345678')).toEqual({ reason: 'weak', detail: 'letter' });
    expect(passwordProblem(' Demo-1234')).toEqual({ reason: 'weak', detail: 'spaces' });
    expect(passwordProblem('Ada@Example.com1', { email: ' ada@example.com1 ' })).toEqual({
      reason: 'weak',
      detail: 'email',
    });
  });
  it('counts letters and digits of any script', () => {
    expect(passwordProblem('пароль١٢٣')).toBeUndefined();
  });
});

describe('e-mail addresses', () => {
  it('accepts practical addresses and normalizes their spelling', () => {
    expect(emailProblem('Ada.Lovelace+kit@Example.co.uk')).toBeUndefined();
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });
  it.each(['not-an-email', 'a@b', 'a@b.c', 'a..b@example.com', 'a b@example.com', '<svg>@x.com', 'a@-x.com'])(
    'refuses %s',
    (value) => expect(emailProblem(value)).toEqual({ reason: 'invalid' }),
  );
  it('requires a value and caps the length', () => {
    expect(emailProblem('  ')).toEqual({ reason: 'required' });
    expect(emailProblem(`${'a'.repeat(64)}@${'b'.repeat(200)}.com`)).toEqual({ reason: 'too_long', limit: 254 });
  });
  it('never throws', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect([undefined, 'required', 'too_long', 'invalid']).toContain(emailProblem(value)?.reason);
      }),
    );
  });
});

describe('names, countries and text', () => {
  it('accepts names of any script with hyphens and apostrophes', () => {
    for (const name of ['Jo', "O'Brien", 'Anne-Marie', 'José', '李', 'Zoë  St. John'])
      expect(nameProblem(name)).toBeUndefined();
  });
  it('refuses empty, long and markup names', () => {
    expect(nameProblem(' ')).toEqual({ reason: 'required' });
    expect(nameProblem('x'.repeat(51))).toEqual({ reason: 'too_long', limit: 50 });
    expect(nameProblem('"><svg onload=alert(1)>')).toEqual({ reason: 'invalid' });
    expect(nameProblem('Ada1')).toEqual({ reason: 'invalid' });
  });
  it('takes two upper-case letters as a country', () => {
    expect(countryProblem('GB')).toBeUndefined();
    expect(countryProblem('gb')).toEqual({ reason: 'invalid' });
    expect(countryProblem('')).toEqual({ reason: 'required' });
  });
  it('caps free text and knows optional fields', () => {
    expect(textProblem('x'.repeat(21), 20)).toEqual({ reason: 'too_long', limit: 20 });
    expect(textProblem(undefined, 20, false)).toBeUndefined();
    expect(textProblem(' ', 20)).toEqual({ reason: 'required' });
  });
});

describe('dates and ages', () => {
  const now = Date.UTC(2026, 5, 15);
  it('knows real calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-2-1')).toBe(false);
  });
  it('counts whole years, the birthday included', () => {
    expect(ageOn('2008-06-15', now)).toBe(18);
    expect(ageOn('2008-06-16', now)).toBe(17);
  });
  it('takes adults only, and no one born before a plausible age', () => {
    expect(dateOfBirthProblem('1990-04-12', now)).toBeUndefined();
    expect(dateOfBirthProblem('2015-01-01', now)).toEqual({ reason: 'invalid', detail: 'age', limit: 18 });
    expect(dateOfBirthProblem('1890-01-01', now)).toEqual({ reason: 'invalid', detail: 'age', limit: 120 });
    expect(dateOfBirthProblem('2030-01-01', now)?.reason).toBe('invalid');
    expect(dateOfBirthProblem('yesterday', now)).toEqual({ reason: 'invalid' });
    expect(dateOfBirthProblem('', now)).toEqual({ reason: 'required' });
  });
});

describe('money', () => {
  it('writes amounts with the currency minor units, one way for every backend', () => {
    expect(fromUnits(toUnits('1260.5'), 'USD')).toBe('1260.50');
    expect(fromUnits(toUnits('1260.5'))).toBe('1260.50');
    expect(fromUnits(toUnits('1260'), 'JPY')).toBe('1260');
    expect(fromUnits(toUnits('0.125'), 'USD')).toBe('0.125');
    expect(fromUnits(toUnits('1.5'), 'KWD')).toBe('1.500');
    expect(fromUnits(toUnits('0.00000001'), 'BTC')).toBe('0.00000001');
    expect(fromUnits(-toUnits('2.5'), 'EUR')).toBe('-2.50');
  });
  it('round-trips every amount exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }), (units) => {
        expect(toUnits(fromUnits(units, 'USD'))).toBe(units);
      }),
    );
  });
  it('knows minor units, 2 by default', () => {
    expect(minorUnits('JPY')).toBe(0);
    expect(minorUnits('usd')).toBe(2);
    expect(minorUnits('XYZ')).toBe(2);
    expect(minorUnits(undefined)).toBe(2);
    expect(minorUnits('__proto__')).toBe(2);
  });
  it('refuses zero, malformed amounts and decimals finer than the currency', () => {
    expect(amountProblem('10.50', 'USD')).toBeUndefined();
    expect(amountProblem('0', 'USD')?.reason).toBe('too_small');
    expect(amountProblem('1e3', 'USD')?.reason).toBe('invalid');
    expect(amountProblem('10.505', 'USD')).toEqual({ reason: 'precision' });
    expect(amountProblem('10.5', 'JPY')).toEqual({ reason: 'precision' });
  });
});

describe('payments', () => {
  const method = { min: '10', max: '100' };
  it('answers LIMIT_EXCEEDED outside the limits and INSUFFICIENT_FUNDS above the balance', () => {
    const allowed = (direction: 'deposit' | 'withdraw', amount: string, available = '50') =>
      code(() => assertPaymentAllowed({ direction, amount, method, available }));
    expect(allowed('deposit', '10')).toBeUndefined();
    expect(allowed('deposit', '100.01')).toBe('LIMIT_EXCEEDED');
    expect(allowed('withdraw', '9.99')).toBe('LIMIT_EXCEEDED');
    expect(allowed('withdraw', '50')).toBeUndefined();
    expect(allowed('withdraw', '50.01')).toBe('INSUFFICIENT_FUNDS');
    expect(allowed('deposit', '60')).toBeUndefined();
  });
  it('settles a pending transaction once', () => {
    expect(code(() => assertTransactionMove('pending', 'completed'))).toBeUndefined();
    expect(code(() => assertTransactionMove('completed', 'failed'))).toBe('INVALID_REQUEST');
    expect(code(() => assertTransactionMove('failed', 'completed'))).toBe('INVALID_REQUEST');
  });
  it("answers someone else's account like a missing one", () => {
    expect(notYourAccount().code).toBe('CH_INSUFFICIENT_PERMISSIONS');
  });
});

describe('KYC', () => {
  const now = Date.UTC(2026, 0, 1);
  it('takes any identity document for a passport', () => {
    const required = ['passport', 'proof_of_address'] as const;
    expect(missingDocuments(required, [{ documentType: 'national_id' }])).toEqual(['proof_of_address']);
    expect(
      missingDocuments(required, [{ documentType: 'driving_licence' }, { documentType: 'proof_of_address' }]),
    ).toEqual([]);
    expect(missingDocuments(required, [{ documentType: 'selfie' }])).toEqual(['passport', 'proof_of_address']);
    expect(missingDocuments(['national_id'], [{ documentType: 'passport' }])).toEqual(['national_id']);
  });
  it('edits a case until it is submitted, and again after a rejection', () => {
    expect(kycStatusAfterEdit('not_started')).toBe('in_progress');
    expect(kycStatusAfterEdit('rejected')).toBe('in_progress');
    expect(kycStatusAfterEdit('resubmission_requested')).toBe('in_progress');
    expect(code(() => assertKycEditable('pending'))).toBe('DUPLICATE_SUBMISSION');
    expect(code(() => assertKycEditable('approved'))).toBe('DUPLICATE_SUBMISSION');
    expect(canMoveKyc('pending', 'approved')).toBe(true);
    expect(canMoveKyc('not_started', 'approved')).toBe(false);
  });
  it('checks the personal and address steps field by field', () => {
    expect(
      fields(() =>
        assertKycPersonal({ firstName: '', lastName: 'Doe', dateOfBirth: '2015-03-01', nationality: 'gb' }, now),
      ),
    ).toEqual({ firstName: 'required', dateOfBirth: 'invalid', nationality: 'invalid' });
    expect(
      code(() =>
        assertKycPersonal({ firstName: 'Jo', lastName: 'Doe', dateOfBirth: '1990-03-01', nationality: 'GB' }, now),
      ),
    ).toBeUndefined();
    expect(
      fields(() => assertKycAddress({ line1: 'x'.repeat(201), city: 'Leeds', postalCode: '', country: 'GB' })),
    ).toEqual({ line1: 'too_long', postalCode: 'required' });
  });
  it('names every gap of a submission and refuses a submitted case', () => {
    const base = { requiredDocuments: ['passport', 'proof_of_address'] as const, documents: [] };
    expect(fields(() => assertKycComplete({ ...base, status: 'in_progress' }))).toEqual({
      personal: 'required',
      address: 'required',
      passport: 'required',
      proof_of_address: 'required',
    });
    expect(code(() => assertKycComplete({ ...base, status: 'pending' }))).toBe('DUPLICATE_SUBMISSION');
  });
});

describe('FieldCheck', () => {
  it('keeps the first problem of a field and throws VALIDATION_FAILED with all fields', () => {
    const check = new FieldCheck().add('a', 'required').add('a', 'invalid').add('b', { reason: 'too_long' });
    expect(check.problems).toEqual({ a: 'required', b: 'too_long' });
    expect(code(() => check.assert())).toBe('VALIDATION_FAILED');
    expect(new FieldCheck().add('a', undefined).ok).toBe(true);
  });
});
