/// <reference types="vite/client" />
import i18next, { type BackendModule, type i18n } from 'i18next';
import { isLanguage, languages, resolveLanguage, type Language } from './languages.ts';

type Loaders = Record<string, () => Promise<Record<string, unknown>>>;
let loaders: Loaders | undefined;

/**
 * One lazy chunk per language and namespace: a screen loads only the files it reads. Built on first use, so that
 * importing core outside a Vite build (the server under Node) does not evaluate `import.meta.glob`.
 */
function localeLoaders(): Loaders {
  loaders ??= import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { import: 'default' });
  return loaders;
}

/** Serves `locales/<language>/<namespace>.json`; a file that does not exist reads as empty (fallbacks apply). */
const localeBackend: BackendModule = {
  type: 'backend',
  callbackApi: false,
  init() {},
  read(language: string, namespace: string) {
    const load = isLanguage(language) ? localeLoaders()[`./locales/${language}/${namespace}.json`] : undefined;
    return load ? load() : Promise.resolve({});
  },
} as BackendModule;

export const defaultNamespaces = ['common', 'errors'] as const;

export interface I18nOptions {
  /** The requested language, e.g. the `lang` query parameter; anything not allowlisted gives `defaultLanguage`. */
  language?: string | null;
  /** The broker's default language; falls back to English when it is not one of the 23. */
  defaultLanguage?: string;
  /** Namespaces to load up front; others load when a component asks for them. */
  namespaces?: readonly string[];
}

/**
 * Creates a new i18next instance (never the global one), with the requested language and namespaces loaded.
 * Falls back key by key to the broker's default language, then English.
 */
export async function createI18n({
  language,
  defaultLanguage = 'en',
  namespaces = defaultNamespaces,
}: I18nOptions = {}): Promise<i18n> {
  const brokerDefault = resolveLanguage(defaultLanguage, 'en');
  const lng = resolveLanguage(language, brokerDefault);
  const fallbackLng: Language[] = brokerDefault === 'en' ? ['en'] : [brokerDefault, 'en'];
  const instance = i18next.createInstance();
  await instance.use(localeBackend).init({
    lng,
    fallbackLng,
    supportedLngs: [...languages],
    load: 'languageOnly',
    ns: [...namespaces],
    defaultNS: namespaces[0] ?? 'common',
    returnNull: false,
    // Lit escapes every text binding; escaping here too would show `&#39;` to the user.
    interpolation: { escapeValue: false },
  });
  return instance;
}
