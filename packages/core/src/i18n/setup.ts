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
  /**
   * The broker's own wording, by language and namespace: `{ en: { auth: { login: { title: 'Sign in' } } } }`.
   * Merged key by key over each file as it loads, so it applies before the first render and to namespaces that
   * load later; keys it does not name keep the shipped text.
   */
  texts?: TextOverrides;
}

/** Partial translation objects: `<language> → <namespace> → nested keys → text`. */
export type TextOverrides = Partial<Record<Language, Record<string, TextTree>>>;
export interface TextTree {
  [key: string]: string | TextTree;
}

const isTree = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `base` with `override`'s strings laid over it, key by key; anything but strings and objects is ignored. */
export function mergeTexts(base: Record<string, unknown>, override: unknown): Record<string, unknown> {
  if (!isTree(override)) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (typeof value === 'string') merged[key] = value;
    else if (isTree(value)) merged[key] = mergeTexts(isTree(base[key]) ? base[key] : {}, value);
  }
  return merged;
}

/**
 * Creates a new i18next instance (never the global one) that reads its files through `load`, with the requested
 * language and namespaces loaded. Falls back key by key to the broker's default language, then English.
 */
export async function createI18nWith(
  load: LocaleLoader,
  { language, defaultLanguage = 'en', namespaces = defaultNamespaces, texts }: I18nOptions = {},
): Promise<i18n> {
  const brokerDefault = resolveLanguage(defaultLanguage, 'en');
  const lng = resolveLanguage(language, brokerDefault);
  const fallbackLng: Language[] = brokerDefault === 'en' ? ['en'] : [brokerDefault, 'en'];
  const backend = {
    type: 'backend',
    init() {},
    read: async (language: string, namespace: string) => {
      if (!isLanguage(language)) return {};
      const file = await load(language, namespace);
      return texts?.[language]?.[namespace] ? mergeTexts(file, texts[language][namespace]) : file;
    },
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
