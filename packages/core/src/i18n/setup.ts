import i18next, { type BackendModule, type i18n } from 'i18next';
import { isLanguage, languages, resolveLanguage, type Language } from './languages.ts';

/** Reads one translation file: `<language>/<namespace>.json`. Resolves `{}` for a file that does not exist. */
export type LocaleLoader = (language: Language, namespace: string) => Promise<Record<string, unknown>>;

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
 * Creates a new i18next instance (never the global one) that reads its files through `load`, with the requested
 * language and namespaces loaded. Falls back key by key to the broker's default language, then English.
 */
export async function createI18nWith(
  load: LocaleLoader,
  { language, defaultLanguage = 'en', namespaces = defaultNamespaces }: I18nOptions = {},
): Promise<i18n> {
  const brokerDefault = resolveLanguage(defaultLanguage, 'en');
  const lng = resolveLanguage(language, brokerDefault);
  const fallbackLng: Language[] = brokerDefault === 'en' ? ['en'] : [brokerDefault, 'en'];
  const backend = {
    type: 'backend',
    init() {},
    read: (language: string, namespace: string) =>
      isLanguage(language) ? load(language, namespace) : Promise.resolve({}),
  } as BackendModule;
  const instance = i18next.createInstance();
  await instance.use(backend).init({
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
