import type { i18n } from 'i18next';
import { createI18nWith, type I18nOptions, type LocaleLoader } from './setup.ts';
import { localeTable } from './locale-table.ts';

type Loaders = Record<string, () => Promise<Record<string, unknown>>>;
let loaders: Loaders | undefined;

/**
 * One lazy chunk per language and namespace: a screen loads only the files it reads. Built on first use, so that
 * importing core outside a Vite build (the server under Node) does not evaluate the table.
 */
export const bundledLocales: LocaleLoader = (language, namespace) => {
  loaders ??= localeTable();
  const load = loaders[`./locales/${language}/${namespace}.json`];
  return load ? load() : Promise.resolve({});
};

/**
 * Creates a new i18next instance (never the global one) whose files are bundled as lazy chunks, with the requested
 * language and namespaces loaded. Falls back key by key to the broker's default language, then English. A page
 * that serves the files as JSON uses `createI18nWith(fetchLocales(url), options)` instead.
 */
export function createI18n(options: I18nOptions = {}): Promise<i18n> {
  return createI18nWith(bundledLocales, options);
}
