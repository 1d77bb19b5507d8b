// Property tests of the `lang` parser: whatever the URL, the browser or the backend says, the kit loads one of its
// 23 locale files or the fallback; the value never reaches a file path, markup or CSS as typed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileStrings } from '../testing/hostile.ts';
import { anyUnicodeString } from '../testing/arbitraries.ts';
import { languages, matchLanguage, resolveLanguage, type Language } from './languages.ts';

const separator = fc.constantFrom('-', '_');
const subtag = fc.stringMatching(/^[A-Za-z0-9]{2,8}$/);
/** `pt-BR`, `zh_Hans_CN`, `SR-latn`: a language of the 23 in any case, with up to three subtags. */
const regionalTag = fc
  .tuple(fc.constantFrom(...languages), fc.array(fc.tuple(separator, subtag), { maxLength: 3 }), fc.boolean())
  .map(([language, rest, upper]) => ({
    language,
    tag: (upper ? language.toUpperCase() : language) + rest.map(([sep, part]) => sep + part).join(''),
  }));

describe('resolveLanguage and matchLanguage (property)', () => {
  it('answer one of the 23 languages or the fallback, for any value at all', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything(), fc.string(), anyUnicodeString, fc.constantFrom(...hostileStrings)),
        fc.constantFrom(...languages),
        (value, fallback) => {
          const matched = matchLanguage(value);
          if (matched !== undefined) expect(languages).toContain(matched);
          expect(resolveLanguage(value, fallback)).toBe(matched ?? fallback);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('map a regional or differently cased tag to its language', () => {
    fc.assert(
      fc.property(regionalTag, ({ language, tag }) => {
        expect(matchLanguage(tag)).toBe(language);
        expect(matchLanguage(` ${tag}\t`)).toBe(language);
      }),
      { numRuns: 500 },
    );
  });

  it('are idempotent: a resolved language resolves to itself', () => {
    fc.assert(
      fc.property(fc.string(), fc.constantFrom(...languages), (value, fallback) => {
        const once: Language = resolveLanguage(value, fallback);
        expect(resolveLanguage(once, 'en')).toBe(once);
      }),
    );
  });

  it('refuse every hostile value, and a known language wrapped in markup, paths or look-alike letters', () => {
    for (const value of hostileStrings)
      expect(matchLanguage(value), JSON.stringify(value.slice(0, 40))).toBeUndefined();
    fc.assert(
      fc.property(
        fc.constantFrom(...languages),
        fc.constantFrom('../', './', '/', '<', '"', "'", ';', '%2F', '\u0000', '\u202E', '\u200B', '{', '}', '.'),
        fc.boolean(),
        (language, junk, before) => {
          expect(matchLanguage(before ? junk + language : language + junk)).toBeUndefined();
        },
      ),
    );
    // Full-width letters look like the code but are other characters.
    for (const language of languages) {
      const wide = [...language].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
      expect(matchLanguage(wide)).toBeUndefined();
    }
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(resolveLanguage(key, 'de')).toBe('de');
  });

  it('refuse a subtag longer than BCP 47 allows or more than three of them, and over-long values', () => {
    expect(matchLanguage('en-abcdefghi')).toBeUndefined();
    expect(matchLanguage('en-aa-bb-cc-dd')).toBeUndefined();
    expect(matchLanguage(`en-${'a'.repeat(40)}`)).toBeUndefined();
    expect(matchLanguage('en-aa-bb-cc')).toBe('en');
  });
});
