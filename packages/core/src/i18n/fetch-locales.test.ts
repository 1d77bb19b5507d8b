import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchLocales } from './fetch-locales.ts';
import { createI18nWith } from './setup.ts';

const base = 'https://screens.example/assets/locales/abc123/';

/** The platform's fetch, answering from the translation files on disk (or with `status` for every URL). */
function serveLocales(status?: number) {
  const requested: string[] = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    requested.push(url);
    expect(init?.credentials).toBe('omit');
    if (status) return new Response('', { status });
    const path = url.startsWith(base) ? url.slice(base.length) : '';
    try {
      return Response.json(JSON.parse(readFileSync(new URL(`./locales/${path}`, import.meta.url), 'utf8')));
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
  return requested;
}

afterEach(() => vi.unstubAllGlobals());

describe('fetchLocales', () => {
  it('reads <base><language>/<namespace>.json once, however many instances read it', async () => {
    const requested = serveLocales();
    const load = fetchLocales(base);
    const [de, again] = await Promise.all([load('de', 'common'), load('de', 'common')]);
    expect(de).toBe(again);
    expect(requested).toEqual([`${base}de/common.json`]);
    expect(typeof de.retry).toBe('string');
  });

  it('reads a file that does not exist as empty, and rejects other failures so a later read tries again', async () => {
    serveLocales();
    expect(await fetchLocales(base)('en', 'no-such-namespace')).toEqual({});
    const requested = serveLocales(503);
    const load = fetchLocales(base);
    await expect(load('en', 'common')).rejects.toThrow('en/common: HTTP 503');
    await expect(load('en', 'common')).rejects.toThrow('HTTP 503');
    expect(requested).toHaveLength(2);
  });

  it('gives i18next the language, the broker default and English behind it, loading only those', async () => {
    const requested = serveLocales();
    const i18n = await createI18nWith(fetchLocales(base), {
      language: 'ja',
      defaultLanguage: 'fr',
      namespaces: ['common', 'errors'],
    });
    expect(i18n.language).toBe('ja');
    expect(i18n.t('common:retry')).toBe(i18n.getResource('ja', 'common', 'retry'));
    expect(requested.map((url) => url.slice(base.length)).sort()).toEqual([
      'en/common.json',
      'en/errors.json',
      'fr/common.json',
      'fr/errors.json',
      'ja/common.json',
      'ja/errors.json',
    ]);
    await i18n.loadNamespaces('auth');
    expect(i18n.t('auth:login.submit')).toBe(i18n.getResource('ja', 'auth', 'login.submit'));
  });
});
