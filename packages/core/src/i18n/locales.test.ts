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
