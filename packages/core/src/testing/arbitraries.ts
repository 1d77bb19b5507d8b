import fc from 'fast-check';

/**
 * Strings of any code points, lone surrogates and controls included. fast-check's own `unit: 'binary'` strings
 * take about 20 ms each to generate here, which makes a property of a few hundred runs take seconds.
 */
export const anyUnicodeString = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 24 })
  .map((points) => String.fromCodePoint(...points));
