// Property tests of the error contract: any body a backend (or an attacker in the middle) sends becomes one of
// the kit's codes, never an exception and never a code a screen has no text for.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BrokerKitError, errorCodes, errorStatus, errorTitles, toErrorCode, type ErrorCode } from './errors.ts';
import { hostileStrings } from './testing/hostile.ts';
import { anyUnicodeString } from './testing/arbitraries.ts';

const anyString = fc.oneof(fc.string(), anyUnicodeString, fc.constantFrom(...hostileStrings));
const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

describe('toErrorCode (property)', () => {
  it('answers a known code unchanged and UNKNOWN_ERROR for anything else', () => {
    for (const code of errorCodes) expect(toErrorCode(code)).toBe(code);
    for (const key of [...prototypeKeys, ...hostileStrings]) expect(toErrorCode(key)).toBe('UNKNOWN_ERROR');
    fc.assert(
      fc.property(fc.oneof(fc.anything(), anyString), (value) => {
        const code = toErrorCode(value);
        expect(errorCodes).toContain(code);
        expect(code === value).toBe(typeof value === 'string' && errorCodes.includes(value as ErrorCode));
      }),
      { numRuns: 500 },
    );
  });

  it('is case-sensitive: a code in another case or with spaces is not a known code', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...errorCodes),
        fc.constantFrom('toLowerCase', 'trim-pad', 'fullwidth'),
        (code, how) => {
          const variant =
            how === 'toLowerCase'
              ? code.toLowerCase()
              : how === 'trim-pad'
                ? ` ${code}`
                : code.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
          expect(toErrorCode(variant)).toBe('UNKNOWN_ERROR');
        },
      ),
    );
  });
});

const wireBody = fc.record(
  {
    error: anyString,
    message: anyString,
    code: fc.oneof(fc.constantFrom(...errorCodes), anyString),
    fields: fc.dictionary(fc.oneof(fc.string(), fc.constantFrom(...prototypeKeys)), anyString, { maxKeys: 4 }),
    retryAfter: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
  },
  { requiredKeys: ['error', 'message', 'code'] },
);

describe('BrokerKitError.fromBody (property)', () => {
  it('never throws; answers a known code, a status, and only string fields', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.anything(),
          wireBody,
          anyString,
          fc.json().map((text) => JSON.parse(text) as unknown),
        ),
        fc.integer({ min: 0, max: 599 }),
        (body, status) => {
          const error = BrokerKitError.fromBody(body, status);
          expect(error).toBeInstanceOf(BrokerKitError);
          expect(errorCodes).toContain(error.code);
          expect(error.status).toBe(status);
          expect(Object.getPrototypeOf(error.fields)).toBe(Object.prototype);
          for (const value of Object.values(error.fields)) expect(typeof value).toBe('string');
          if (error.retryAfter !== undefined) expect(Number.isFinite(error.retryAfter)).toBe(true);
          // The wire body it would send again is itself valid and maps back to the same code.
          expect(BrokerKitError.fromBody(JSON.parse(JSON.stringify(error.toBody())), status).code).toBe(error.code);
        },
      ),
      { numRuns: 500 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('maps a body that is not an error body to SERVER_ERROR at 5xx and UNKNOWN_ERROR below', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant(null),
          fc.string(),
          fc.integer(),
          fc.array(fc.anything()),
          fc.record({ code: fc.string() }),
        ),
        fc.integer({ min: 0, max: 599 }),
        (body, status) => {
          expect(BrokerKitError.fromBody(body, status).code).toBe(status >= 500 ? 'SERVER_ERROR' : 'UNKNOWN_ERROR');
        },
      ),
    );
  });

  it('round-trips every code with its message, fields and retryAfter through the JSON wire body', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...errorCodes),
        fc.string(),
        // A field named `__proto__` is dropped on the way in (never assigned as a prototype): see the test below.
        fc.dictionary(
          fc.string({ minLength: 1 }).filter((name) => name !== '__proto__'),
          fc.string(),
          { maxKeys: 3 },
        ),
        fc.option(fc.integer({ min: 0, max: 86_400 }), { nil: undefined }),
        (code, message, fields, retryAfter) => {
          const sent = new BrokerKitError(code, message, { fields, retryAfter });
          const wire = JSON.parse(JSON.stringify(sent.toBody())) as unknown;
          const received = BrokerKitError.fromBody(wire, errorStatus[code]);
          expect(received.code).toBe(code);
          expect(received.message).toBe(message);
          expect(received.fields).toEqual(fields);
          expect(received.retryAfter).toBe(retryAfter);
          expect(received.status).toBe(errorStatus[code]);
          expect((wire as { error: string }).error).toBe(errorTitles[code]);
        },
      ),
    );
  });

  it('never lets a prototype-named field become a prototype or pollute Object.prototype', () => {
    const body = JSON.parse(
      '{"error":"x","message":"m","code":"VALIDATION_FAILED","fields":{"__proto__":"polluted","constructor":"c"}}',
    ) as unknown;
    const error = BrokerKitError.fromBody(body, 422);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(Object.getPrototypeOf(error.fields)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const nested = JSON.parse('{"error":"x","message":"m","code":"X","fields":{"__proto__":{"polluted":"yes"}}}');
    expect(BrokerKitError.fromBody(nested, 400).code).toBe('UNKNOWN_ERROR');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
