import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concepts, glossary, type Concept } from './glossary.ts';

const root = new URL('./locales/', import.meta.url);
const namespaces = readdirSync(new URL('en/', root)).map((file) => file.replace(/\.json$/, ''));
const pluralSuffix = /_(zero|one|two|few|many|other)$/;

function texts(language: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (value: Record<string, unknown>, prefix: string) => {
    for (const [key, child] of Object.entries(value)) {
      if (key === '_review') continue;
      if (typeof child === 'string') out.set(prefix + key, child);
      else walk(child as Record<string, unknown>, `${prefix}${key}.`);
    }
  };
  for (const namespace of namespaces)
    walk(JSON.parse(readFileSync(new URL(`${language}/${namespace}.json`, root), 'utf8')), `${namespace}:`);
  return out;
}

const english = texts('en');
const englishOf = (key: string) => english.get(key) ?? english.get(key.replace(pluralSuffix, '_other')) ?? '';

describe.each(Object.entries(glossary))('glossary of %s', (language, { terms, avoid, exceptions = {} }) => {
  const translated = texts(language);

  it.each(Object.keys(concepts) as Concept[])('names %s with its one term wherever English names it', (concept) => {
    const named = [...translated].filter(([key]) => concepts[concept].test(englishOf(key)));
    expect(named.length, `no English text names ${concept}`).toBeGreaterThan(0);
    for (const [key, text] of named) expect(text, `${language} ${key}`).toMatch(terms[concept]);
  });

  it('uses none of the variants it has rejected', () => {
    for (const [key, text] of translated) {
      if (key in exceptions) continue;
      for (const variant of avoid) expect(text, `${language} ${key}`).not.toMatch(variant);
    }
  });
});
