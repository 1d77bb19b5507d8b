// Property tests of parseStringRecord: a draft read back from sessionStorage (which any script on the origin or
// the user can edit) yields only the expected string fields, or nothing, and never touches a prototype.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { anyUnicodeString, hostileStrings } from '@broker-kit/core/testing';
import { SubmissionDraft, parseStringRecord } from './idempotency.ts';

const prototypeKeys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const fieldName = fc.oneof(fc.constantFrom('amount', 'methodId', 'line1', ...prototypeKeys), fc.string());
const fieldValue = fc.oneof(fc.string(), anyUnicodeString, fc.constantFrom(...hostileStrings), fc.anything());

afterEach(() => sessionStorage.clear());

describe('parseStringRecord (property)', () => {
  it('answers undefined for a non-object, else only the asked fields that hold strings of up to 1000 characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.dictionary(fieldName, fieldValue), fc.anything(), fc.constantFrom(...hostileStrings)),
        fc.uniqueArray(fieldName, { maxLength: 6 }),
        (value, fields) => {
          const record = parseStringRecord(value, fields);
          if (typeof value !== 'object' || value === null) {
            expect(record).toBeUndefined();
            return;
          }
          expect(record).toBeDefined();
          expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
          for (const [key, item] of Object.entries(record!)) {
            expect(fields).toContain(key);
            expect(typeof item).toBe('string');
            expect(item.length).toBeLessThanOrEqual(1000);
            expect(item).toBe((value as Record<string, unknown>)[key]);
          }
        },
      ),
      { numRuns: 500 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('round-trips a draft through JSON, as sessionStorage keeps it', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('amount', 'methodId', 'line1', 'city'), fc.string({ maxLength: 1000 })),
        (draft) => {
          const fields = ['amount', 'methodId', 'line1', 'city'];
          expect(parseStringRecord(JSON.parse(JSON.stringify(draft)), fields)).toEqual(draft);
        },
      ),
    );
  });

  it('ignores prototype-polluting keys written into storage', () => {
    const fields = ['__proto__', 'constructor', 'polluted', 'amount'];
    sessionStorage.setItem(
      'bk-fuzz',
      '{"draft":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"amount":"12"},' +
        '"intent":{"key":"__proto__","fingerprint":"x"}}',
    );
    const draft = new SubmissionDraft('bk-fuzz', (value) => parseStringRecord(value, fields));
    expect(draft.draft).toEqual({ amount: '12' });
    expect(draft.pendingKey).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('survives any text in storage: a draft or nothing, never an exception', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.constantFrom(...hostileStrings)), (text) => {
        sessionStorage.setItem('bk-fuzz', text);
        const draft = new SubmissionDraft('bk-fuzz', (value) => parseStringRecord(value, ['amount']));
        const value = draft.draft;
        if (value !== undefined) for (const item of Object.values(value)) expect(typeof item).toBe('string');
        expect(draft.pendingKey === undefined || /^[0-9a-f-]{36}$/.test(draft.pendingKey)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
