// The kit's own translation files, read as the screens read them, so a test in another language expects the
// text a user of that language sees (the files change under review; the tests follow them).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const localesDir = fileURLToPath(new URL('../../packages/core/src/i18n/locales/', import.meta.url));
const files = new Map<string, Record<string, unknown>>();

function namespace(lang: string, ns: string): Record<string, unknown> {
  const name = `${lang}/${ns}`;
  let texts = files.get(name);
  if (!texts) files.set(name, (texts = JSON.parse(readFileSync(`${localesDir}${name}.json`, 'utf8'))));
  return texts!;
}

function lookup(lang: string, key: string): string | undefined {
  const [ns, path] = key.split(':') as [string, string];
  let value: unknown = namespace(lang, ns);
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return typeof value === 'string' ? value : undefined;
}

/** The text of `ns:dotted.key` in `lang` with `{{name}}` filled in (plural keys by their `_other` form). */
export function text(lang: string, key: string, values: Record<string, string | number> = {}): string {
  const template = lookup(lang, key) ?? lookup(lang, `${key}_other`);
  if (template === undefined) throw new Error(`no text ${key} in ${lang}`);
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => String(values[name] ?? whole));
}

export const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The text of `ns:dotted.key` in `lang` as a pattern: `{{name}}` stands for any value (a formatted amount, a
 * count), every plural form of the key is accepted.
 */
export function pattern(lang: string, key: string, { exact = false } = {}): RegExp {
  const forms = ['', '_zero', '_one', '_two', '_few', '_many', '_other']
    .map((suffix) => lookup(lang, `${key}${suffix}`))
    .filter((form): form is string => form !== undefined);
  if (forms.length === 0) throw new Error(`no text ${key} in ${lang}`);
  const sources = forms.map((form) =>
    form
      .split(/\{\{\s*\w+\s*\}\}/)
      .map(escapeRegExp)
      .join('.+?'),
  );
  const body = sources.length === 1 ? sources[0]! : `(?:${sources.join('|')})`;
  return new RegExp(exact ? `^${body}$` : body);
}
