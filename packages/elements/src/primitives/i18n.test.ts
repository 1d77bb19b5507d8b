/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { html } from 'lit';
import { createI18n, languages } from '@broker-kit/core';
import './input/define.ts';
import { mount } from './testing.ts';

const files = import.meta.glob<Record<string, unknown>>('../../../core/src/i18n/locales/*/primitives.json', {
  eager: true,
  import: 'default',
});

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value };
  return Object.assign(
    {},
    ...Object.entries(value as Record<string, unknown>).map(([key, child]) =>
      flatten(child, prefix ? `${prefix}.${key}` : key),
    ),
  );
}

const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');
const bases = (texts: Record<string, string>) => [...new Set(Object.keys(texts).map(base))].sort();
const placeholders = (text: string) => (text.match(/\{\{\w+\}\}/g) ?? []).sort();

describe('primitives translations', () => {
  const english = flatten(files['../../../core/src/i18n/locales/en/primitives.json']);

  it('exist in all 23 languages with every English key and the same placeholders', () => {
    expect(languages).toHaveLength(23);
    for (const language of languages) {
      const file = files[`../../../core/src/i18n/locales/${language}/primitives.json`];
      expect(file, language).toBeDefined();
      const { _review, ...texts } = flatten(file);
      if (language !== 'en') expect(_review, language).toBe('machine translation, to be reviewed');
      // Plural forms differ per language (CLDR); core's locales test checks each language has its own.
      expect(bases(texts), language).toEqual(bases(english));
      for (const [key, text] of Object.entries(texts)) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
        expect(placeholders(text), `${language} ${key}`).toEqual(
          placeholders(english[key] ?? english[`${base(key)}_other`]!),
        );
      }
    }
  });

  it('reach the elements through createI18n', async () => {
    const i18n = await createI18n({ language: 'ja', namespaces: ['primitives'] });
    const host = await mount(html`<bk-input .i18n=${i18n} label="パスワード" type="password"></bk-input>`);
    expect(host.querySelector('[part~="toggle"]')!.getAttribute('aria-label')).toBe('パスワードを表示');
  });
});
