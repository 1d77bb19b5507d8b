// The script-tag build (`cdn/broker-kit.js`): one ES module that registers each bk-* tag the first time the page
// uses it, and reads the texts from `locales/` beside it. Built by scripts/packages.mjs, not part of the npm entry.
import { ContextProvider, ContextRoot } from '@lit/context';
import { HttpAdapter, createI18nWith, fetchLocales, type BackendAdapter, type I18nOptions } from '@broker-kit/core';
import type { i18n } from 'i18next';
import { adapterContext, i18nContext } from '../context.ts';

const definitions = import.meta.glob('../{primitives,screens}/*/define.ts');
/** `bk-<folder>` → the module that registers it. */
const loaders = new Map(Object.entries(definitions).map(([path, load]) => [`bk-${path.split('/')[2]}`, load]));

/** The folder of the translation files, beside this module. */
export const localesUrl = new URL(/* @vite-ignore */ './locales/', import.meta.url).href;

/** Registers every bk-* tag below `root` that is not defined yet. */
function defineUsed(root: ParentNode): void {
  for (const element of root.querySelectorAll(':not(:defined)')) {
    const tag = element.localName;
    void loaders.get(tag)?.();
  }
}

export interface BrokerKitOptions extends I18nOptions {
  /** The broker's backend: an absolute URL, or '' for the page's own origin. */
  backendUrl: string;
}

/**
 * Gives every screen on the page an HTTP adapter and an i18n instance (through context on `host`), so plain
 * markup such as `<bk-login></bk-login>` works without setting properties.
 */
export async function configure(
  { backendUrl, ...i18nOptions }: BrokerKitOptions,
  host: HTMLElement = document.documentElement,
): Promise<{ adapter: BackendAdapter; i18n: i18n }> {
  const adapter = new HttpAdapter({ baseUrl: backendUrl });
  const i18n = await createI18nWith(fetchLocales(localesUrl), i18nOptions);
  new ContextProvider(host, { context: adapterContext, initialValue: adapter });
  new ContextProvider(host, { context: i18nContext, initialValue: i18n });
  return { adapter, i18n };
}

// Screens connected before `configure` resolves get their context when the provider appears.
new ContextRoot().attach(document.documentElement);
defineUsed(document);
new MutationObserver(() => defineUsed(document)).observe(document.documentElement, { childList: true, subtree: true });
