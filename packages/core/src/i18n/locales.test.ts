import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { languages } from './languages.ts';

const root = new URL('./locales/', import.meta.url);
const namespaces = readdirSync(new URL('en/', root)).map((file) => file.replace(/\.json$/, ''));
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function read(language: string, namespace: string): Record<string, unknown> | undefined {
  const file = new URL(`${language}/${namespace}.json`, root);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

function flatten(value: Record<string, unknown>, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, child] of Object.entries(value)) {
    if (child && typeof child === 'object' && !Array.isArray(child))
      for (const [k, v] of flatten(child as Record<string, unknown>, `${prefix}${key}.`)) out.set(k, v);
    else out.set(prefix + key, child);
  }
  return out;
}

/** The keys a language must have: English's, with each plural expanded to that language's plural forms. */
function expectedKeys(english: Map<string, unknown>, language: string): Map<string, string> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const keys = new Map<string, string>();
  for (const [key, text] of english) {
    if (key === '_review') continue;
    if (pluralSuffix.test(key)) {
      const base = key.replace(pluralSuffix, '');
      const source = String(english.get(`${base}_other`) ?? text);
      for (const category of categories) keys.set(`${base}_${category}`, source);
    } else keys.set(key, String(text));
  }
  return keys;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{[^}]+\}\}|\$t\([^)]*\)/g)].map((m) => m[0]).sort();

describe.each(namespaces)('translations of namespace %s', (namespace) => {
  const english = flatten(read('en', namespace) ?? {});

  it('English has no empty text', () => {
    for (const [key, text] of english) expect(typeof text === 'string' && text.trim() !== '', key).toBe(true);
  });

  it.each(languages.filter((language) => language !== 'en'))(
    '%s has every key of English, no more, none empty',
    (language) => {
      const data = read(language, namespace);
      expect(data, `locales/${language}/${namespace}.json is missing`).toBeDefined();
      const actual = flatten(data!);
      expect(actual.get('_review')).toBe('machine translation, to be reviewed');
      actual.delete('_review');
      const expected = expectedKeys(english, language);
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, source] of expected) {
        const text = actual.get(key);
        expect(typeof text === 'string' && text.trim() !== '', `${language}:${key} is empty`).toBe(true);
        expect(placeholders(String(text)), `${language}:${key} placeholders`).toEqual(placeholders(source));
      }
    },
  );
});

// "{{count}} characters", "{{min}} to {{max}} characters", "{{count}} new messages": a number that counts a noun.
const countsANoun = /\{\{\w+\}\}(?: to \{\{\w+\}\})? (?:new )?(?!(?:is|has|was|does)\b)[a-z]+s\b/;

describe.each(namespaces)('grammar of namespace %s', (namespace) => {
  const english = flatten(read('en', namespace) ?? {});

  it('pluralises every text that counts something, by the `count` value', () => {
    const counting = [...english].filter(([, text]) => countsANoun.test(String(text)));
    for (const [key] of counting) expect(key, `${namespace}:${key} counts a noun`).toMatch(pluralSuffix);
  });

  it.each(languages.filter((language) => new Intl.PluralRules(language).resolvedOptions().pluralCategories.length > 2))(
    '%s words the forms of each plural differently (not one form copied into all)',
    (language) => {
      const actual = flatten(read(language, namespace) ?? {});
      const bases = new Set(
        [...english.keys()].filter((key) => pluralSuffix.test(key)).map((key) => key.replace(pluralSuffix, '')),
      );
      for (const base of bases) {
        const forms = [...actual].filter(([key]) => key.replace(pluralSuffix, '') === base && pluralSuffix.test(key));
        expect(new Set(forms.map(([, text]) => text)).size, `${language}:${namespace}:${base}`).toBeGreaterThan(1);
      }
    },
  );

  it.each(languages)('%s builds no sentence from translated fragments', (language) => {
    for (const [key, text] of flatten(read(language, namespace) ?? {})) {
      // A key chosen at run time (`$t(common:modules.{{module}})`) or a module name spliced in cannot agree in case.
      expect(String(text), `${language}:${namespace}:${key}`).not.toMatch(/\$t\([^)]*\{\{|\{\{(module|mode)\}\}/);
    }
  });
});
