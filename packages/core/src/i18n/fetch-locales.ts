import type { LocaleLoader } from './setup.ts';

/**
 * Reads translation files as JSON from `<baseUrl><language>/<namespace>.json` (a build copies `locales/` there):
 * no table of chunks in the page's code, one small file per language and namespace. Each file is fetched once per
 * loader, however many i18n instances share it. A 404 reads as an empty file (fallbacks apply); any other
 * failure rejects, so i18next reports it, and a later read tries again.
 */
export function fetchLocales(baseUrl: string): LocaleLoader {
  const files = new Map<string, Promise<Record<string, unknown>>>();
  return (language, namespace) => {
    const url = `${baseUrl}${language}/${encodeURIComponent(namespace)}.json`;
    let file = files.get(url);
    if (!file) {
      file = fetch(url, { credentials: 'omit' }).then((response) => {
        if (response.status === 404) return {};
        if (!response.ok) throw new Error(`${language}/${namespace}: HTTP ${response.status}`);
        return response.json() as Promise<Record<string, unknown>>;
      });
      file.catch(() => files.delete(url));
      files.set(url, file);
    }
    return file;
  };
}
