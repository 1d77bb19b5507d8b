// The hosted shell: on every webview's critical path, so it does little, once, and in parallel where it can.
// URL → route and parameters (core) → token taken out of the address bar → broker configuration → module
// check → i18n, lang/dir, theme → the one screen the route needs, with an HttpAdapter to the broker backend.
import type { i18n } from 'i18next';
import { buildReturnUrl, takeTokenFromUrl } from '@broker-kit/core/url.ts';
import { parseBrokerConfig, type BrokerConfig } from '@broker-kit/core/config.ts';
import { createI18n } from '@broker-kit/core/i18n/i18n.ts';
import { directionOf, type Language } from '@broker-kit/core/i18n/languages.ts';
import { HttpAdapter } from '@broker-kit/core/adapter/http.ts';
import { loadScreen } from './screens.ts';
import { languageOf, normalizePath, refusalFor, screenFor, screenParams, themeOf } from './plan.ts';
import type { Refusal } from './refusal.ts';
import './shell.css';

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

async function start() {
  const root = document.getElementById('app')!;
  const path = normalizePath(location.pathname);
  const entry = screenFor(path);
  const search = new URLSearchParams(location.search);
  // Read once, then gone from the address bar (and so from history, bookmarks and Referer headers).
  const token = takeTokenFromUrl();
  search.delete('token');
  const theme = themeOf(search);

  // The screen's code and the configuration load side by side.
  const screenReady = entry ? loadScreen(entry) : Promise.resolve(false);
  let config: BrokerConfig;
  try {
    config = await loadConfig();
  } catch (error) {
    console.error('Broker Kit could not read its configuration:', error instanceof Error ? error.message : error);
    const language = languageOf(search);
    applyLook(language, theme);
    return showRefusal(root, { reason: 'config' }, await createI18n({ language }));
  }
  const language = languageOf(search, config);
  const i18n = await createI18n({ language, defaultLanguage: config.defaultLanguage });
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
  Object.assign(screen, screenParams(path, search, config), {
    adapter: new HttpAdapter({ baseUrl: config.backendBaseUrl }),
    i18n,
    token,
    theme,
    successUrl: config.successUrl,
    returnUrl,
    brandName: config.brand.name,
    logoSrc: config.brand.logoUrl,
    platformWebUrl: config.platformWebUrl,
  });
  root.replaceChildren(screen);
}

void start();
