// The hosted shell: on every webview's critical path, so it does little, once, and in parallel where it can.
// URL → route and parameters (core) → token taken out of the address bar → broker configuration, the screen's
// code and its texts, all at once → module check → lang/dir, theme → the one screen the route needs, with an
// HttpAdapter to the broker backend.
import type { i18n } from 'i18next';
import { buildReturnUrl, takeTokenFromUrl } from '@broker-kit/core/url.ts';
import { parseBrokerConfig, type BrokerConfig } from '@broker-kit/core/config.ts';
import { createI18nWith, defaultNamespaces, type I18nOptions } from '@broker-kit/core/i18n/setup.ts';
import { fetchLocales } from '@broker-kit/core/i18n/fetch-locales.ts';
import { directionOf, resolveLanguage, type Language } from '@broker-kit/core/i18n/languages.ts';
import { HttpAdapter } from '@broker-kit/core/adapter/http.ts';
import type { BackendAdapter } from '@broker-kit/core/adapter/adapter.ts';
import { inAppActions } from '@broker-kit/core/adapter/schemas.ts';
import { PendingValidation } from '@broker-kit/elements/controllers/pending-validation.ts';
import { ScreenTimingReporter } from '@broker-kit/elements/controllers/screen-timing.ts';
import { sampled } from '@broker-kit/core/adapter/screen-timing.ts';
import { loadScreen } from './screens.ts';
import { languageOf, normalizePath, refusalFor, screenFor, screenParams, themeOf } from './plan.ts';
import type { Refusal } from './refusal.ts';
import './shell.css';

const loadLocale = fetchLocales(import.meta.env.BK_LOCALES_URL);
const createI18n = (options: I18nOptions) => createI18nWith(loadLocale, options);
const configUrl = document.querySelector<HTMLMetaElement>('meta[name="bk-config"]')?.content || '/broker-config.json';

async function loadConfig(): Promise<BrokerConfig> {
  const response = await fetch(configUrl, { credentials: 'omit', cache: 'no-cache' });
  if (!response.ok) throw new Error(`broker configuration: HTTP ${response.status}`);
  return parseBrokerConfig(await response.json());
}

/** `<html lang dir>` from the allowlisted language, the theme class from the allowlisted theme. */
function applyLook(language: Language, theme: string | undefined) {
  const root = document.documentElement;
  root.lang = language;
  root.dir = directionOf(language);
  if (theme) root.classList.add(`bk-theme-${theme}`);
}

async function showRefusal(root: HTMLElement, refusal: Refusal, i18n: i18n, close?: () => void) {
  const { renderRefusal } = await import('./refusal.ts');
  await renderRefusal(root, refusal, i18n, close);
}

/** The one-time token's validation for an in-app route, started before its screen exists (the screen adopts it). */
function startValidation(path: string, token: string | undefined, account: unknown, adapter: BackendAdapter) {
  const action = inAppActions.find((candidate) => path === `/inapp/${candidate}`);
  const value = token?.trim();
  if (!action || !value) return undefined;
  return new PendingValidation(adapter, {
    token: value,
    action,
    account: typeof account === 'number' ? account : undefined,
  });
}

async function start() {
  const root = document.getElementById('app')!;
  const path = normalizePath(location.pathname);
  const entry = screenFor(path);
  const search = new URLSearchParams(location.search);
  // Read once, then gone from the address bar (and so from history, bookmarks and Referer headers).
  const token = takeTokenFromUrl(window);
  search.delete('token');
  const theme = themeOf(search);

  // The screen's code, the configuration and the texts load side by side. The texts start in the URL's language
  // with English behind it; a broker whose default language is another one gets its own instance once the
  // configuration says so (it reuses the files already fetched).
  const namespaces = [...defaultNamespaces, ...(entry?.namespaces ?? [])];
  const i18nForUrl = createI18n({ language: languageOf(search), namespaces });
  // i18next starts reading its files from a zero-delay timer; evaluating the (preloaded) screen code after that
  // timer, not before it, lets the texts download while the screen's modules run.
  const afterI18nStarts = new Promise((resolve) => setTimeout(resolve, 0));
  const screenReady = entry ? afterI18nStarts.then(() => loadScreen(entry)) : Promise.resolve(false);
  let config: BrokerConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    console.error('Broker Kit could not read its configuration:', error instanceof Error ? error.message : error);
    const i18n = await i18nForUrl;
    applyLook(languageOf(search), theme);
    return showRefusal(root, { reason: 'config' }, i18n);
  }
  // The backend's address is all the validation needs: its round trip runs while the texts and the screen's code
  // load. Not on a route the configuration refuses (a validation spends the token).
  const backend = new HttpAdapter({ baseUrl: config.backendBaseUrl });
  const language = languageOf(search, config);
  // A sampled load reports its own timings; the reporter's adapter notes the errors met on the way.
  const timing =
    entry && config.screenTimings.enabled && sampled(config.screenTimings.sampleRate)
      ? new ScreenTimingReporter(backend, { route: path, lang: language })
      : undefined;
  const adapter = timing?.adapter ?? backend;
  const params = screenParams(path, search, config);
  const validation = refusalFor(entry, config) ? undefined : startValidation(path, token, params.account, adapter);
  const i18n =
    resolveLanguage(config.defaultLanguage, 'en') === 'en'
      ? await i18nForUrl
      : await createI18n({ language, defaultLanguage: config.defaultLanguage, namespaces });
  applyLook(language, theme);
  if (config.brand.themeUrl) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = config.brand.themeUrl;
    document.head.append(link);
  }

  const returnUrl = config.returnUrl;
  const close =
    returnUrl && path.startsWith('/inapp/')
      ? () => location.assign(buildReturnUrl(returnUrl, { action: path.slice('/inapp/'.length), status: 'cancelled' }))
      : undefined;
  const refusal = refusalFor(entry, config);
  if (refusal || !entry) return showRefusal(root, refusal ?? { reason: 'notFound' }, i18n, close);
  if (!(await screenReady)) return showRefusal(root, { reason: 'unavailable' }, i18n, close);

  const screen = document.createElement(entry.tag);
  Object.assign(screen, params, {
    adapter,
    i18n,
    token,
    ...(validation && { validation }),
    theme,
    successUrl: config.successUrl,
    returnUrl,
    brandName: config.brand.name,
    logoSrc: config.brand.logoUrl,
    platformWebUrl: config.platformWebUrl,
  });
  root.replaceChildren(screen);
  void timing?.watch(screen);
}

void start();
