/** The platform's 23 languages (ISO 639-1). */
export const languages = [
  'ar',
  'cs',
  'de',
  'el',
  'en',
  'es',
  'fr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'ms',
  'pl',
  'pt',
  'ru',
  'sk',
  'sl',
  'sr',
  'th',
  'tr',
  'vi',
  'zh',
] as const;
export type Language = (typeof languages)[number];

export const rtlLanguages: readonly Language[] = ['ar'];

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

export function directionOf(language: Language): 'ltr' | 'rtl' {
  return rtlLanguages.includes(language) ? 'rtl' : 'ltr';
}

// A BCP 47-ish tag: primary language plus optional region/script subtags (`pt-BR`, `zh_CN`, `zh-Hans-CN`).
const languageTag = /^([a-z]{2})(?:[-_][a-z0-9]{2,8}){0,3}$/i;

/**
 * The allowlisted language a `lang` value names, else `fallback`. Case-insensitive; a regional variant maps
 * to its language (`pt-BR` → `pt`); anything else, including non-strings, gives the fallback.
 */
export function resolveLanguage(value: unknown, fallback: Language): Language {
  return matchLanguage(value) ?? fallback;
}

/** Like `resolveLanguage`, but `undefined` when the value names none of the 23 languages. */
export function matchLanguage(value: unknown): Language | undefined {
  if (typeof value !== 'string' || value.length > 35) return undefined;
  const primary = languageTag.exec(value.trim())?.[1]?.toLowerCase();
  return isLanguage(primary) ? primary : undefined;
}
