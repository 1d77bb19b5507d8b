import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sampled, screenTimingSchema } from './screen-timing.ts';

describe('screen timing reports', () => {
  it('samples by rate: 0 never, 1 always, else when the draw falls below the rate', () => {
    expect(sampled(0, () => 0)).toBe(false);
    expect(sampled(1, () => 0.999)).toBe(true);
    expect(sampled(0.1, () => 0.05)).toBe(true);
    expect(sampled(0.1, () => 0.1)).toBe(false);
  });

  it('takes a route path, a known language, bounded timings and known codes, nothing else', () => {
    const valid = { route: '/inapp/deposit', lang: 'ar', firstControlMs: 1, usableMs: 2, errors: ['TIMEOUT'] };
    expect(screenTimingSchema.safeParse(valid).success).toBe(true);
    for (const bad of [
      { ...valid, route: 'https://evil.example/inapp/deposit' },
      { ...valid, route: '/inapp/deposit?token=x' },
      { ...valid, lang: 'xx' },
      { ...valid, usableMs: Number.NaN },
      { ...valid, usableMs: 120_001 },
      { ...valid, errors: Array(11).fill('TIMEOUT') },
      { ...valid, userId: 1 },
    ])
      expect(screenTimingSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(fc.property(fc.anything(), (value) => void screenTimingSchema.safeParse(value)));
  });
});
