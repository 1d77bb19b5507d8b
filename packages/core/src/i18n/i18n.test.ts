import { describe, expect, it } from 'vitest';
import { checkCompatibility, featureModules, identityModes } from '../identity.ts';
import { createI18n, directionOf, languages, resolveLanguage } from './index.ts';

describe('resolveLanguage', () => {
  it('accepts the 23 codes in any case and regional variants', () => {
    for (const code of languages) expect(resolveLanguage(code.toUpperCase(), 'en')).toBe(code);
    expect(resolveLanguage('pt-BR', 'en')).toBe('pt');
    expect(resolveLanguage('zh-CN', 'en')).toBe('zh');
    expect(resolveLanguage('zh_Hans_CN', 'en')).toBe('zh');
  });

  it('falls back on anything else', () => {
    for (const bad of [
      '',
      'xx',
      'eng',
      'en-',
      '../en',
      'en;',
      'e n',
      'ｅｎ',
      'en\u0000',
      '__proto__',
      null,
      42,
      ['en'],
    ])
      expect(resolveLanguage(bad, 'de')).toBe('de');
  });
});

describe('createI18n', () => {
  it('creates a separate instance per call with the requested language', async () => {
    const [de, fr] = await Promise.all([createI18n({ language: 'de' }), createI18n({ language: 'fr' })]);
    expect(de).not.toBe(fr);
    expect(de.language).toBe('de');
    expect(fr.language).toBe('fr');
    expect(de.t('common:retry')).not.toBe(fr.t('common:retry'));
  });

  it('falls back to the broker default for an unsupported lang, and to English for a missing key', async () => {
    const i18n = await createI18n({ language: 'xx', defaultLanguage: 'es' });
    expect(i18n.language).toBe('es');
    expect(i18n.options.fallbackLng).toEqual(['es', 'en']);
    expect(i18n.t('errors:TIMEOUT.action')).toBe(i18n.getResource('es', 'errors', 'TIMEOUT.action'));
  });

  it('loads only the languages in use', async () => {
    const i18n = await createI18n({ language: 'ja' });
    expect(i18n.hasResourceBundle('ja', 'common')).toBe(true);
    expect(i18n.hasResourceBundle('en', 'common')).toBe(true);
    expect(i18n.hasResourceBundle('de', 'common')).toBe(false);
  });

  it('gives rtl for Arabic only', async () => {
    const ar = await createI18n({ language: 'ar' });
    expect(ar.dir()).toBe('rtl');
    expect(directionOf('ar')).toBe('rtl');
    for (const code of languages.filter((l) => l !== 'ar')) expect(directionOf(code)).toBe('ltr');
  });

  it('loads another namespace on demand and never returns null', async () => {
    const i18n = await createI18n({ language: 'en', namespaces: ['common'] });
    expect(i18n.hasLoadedNamespace('errors')).toBe(false);
    await i18n.loadNamespaces('errors');
    expect(i18n.t('errors:TIMEOUT.action')).toBe('Try again');
    expect(i18n.t('common:does.not.exist')).toBe('does.not.exist');
  });

  it('has a whole translated sentence for every compatibility verdict, in every language', async () => {
    const verdicts = identityModes.flatMap((mode) => {
      const { errors, warnings } = checkCompatibility(mode, [...featureModules]);
      return [...errors, ...warnings, ...checkCompatibility(mode, []).warnings];
    });
    expect(verdicts.length).toBeGreaterThan(2);
    for (const language of languages) {
      const i18n = await createI18n({ language, namespaces: ['errors'] });
      for (const { key, params } of verdicts) {
        const path = key.slice('errors:'.length);
        const text = i18n.getResource(language, 'errors', path);
        expect(typeof text, `${language}:${key}`).toBe('string');
        expect(i18n.t(key, params), `${language}:${key}`).toBe(text);
      }
    }
  });
});

describe('createI18n texts (the broker’s own wording)', () => {
  it('overrides the named keys before the first read and keeps every other shipped text', async () => {
    const shipped = await createI18n({ language: 'en', namespaces: ['auth'] });
    const i18n = await createI18n({
      language: 'en',
      namespaces: ['auth'],
      texts: { en: { auth: { login: { title: 'Sign in to Acme' } } } },
    });
    expect(i18n.t('auth:login.title')).toBe('Sign in to Acme');
    expect(shipped.t('auth:login.title')).not.toBe('Sign in to Acme');
    expect(i18n.t('auth:login.submit')).toBe(shipped.t('auth:login.submit'));
  });

  it('applies to a namespace that loads later, and only in its own language', async () => {
    const texts = {
      en: { auth: { login: { title: 'Sign in' } } },
      de: { auth: { login: { title: 'Anmelden bei Acme' } } },
    };
    const [en, fr] = await Promise.all([createI18n({ language: 'en', texts }), createI18n({ language: 'fr', texts })]);
    await Promise.all([en.loadNamespaces('auth'), fr.loadNamespaces('auth')]);
    expect(en.t('auth:login.title')).toBe('Sign in');
    expect(fr.t('auth:login.title')).not.toMatch(/Sign in|Acme/);
  });

  it('ignores what is not text and never touches prototypes', async () => {
    const texts = JSON.parse(
      '{"en":{"common":{"retry":42,"__proto__":{"polluted":"yes"},"constructor":{"x":"y"},"nested":["a"]}}}',
    ) as never;
    const i18n = await createI18n({ language: 'en', texts });
    const shipped = await createI18n({ language: 'en' });
    expect(i18n.t('common:retry')).toBe(shipped.t('common:retry'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
