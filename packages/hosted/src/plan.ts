// What the shell will do for a URL under a configuration: which screen, with which parameters, or why not.
// Pure (no DOM, no network), so every decision is tested on its own.
import { matchRoute, parseRouteParams, themeSchema, type Route, type Theme } from '@broker-kit/core/params.ts';
import type { BrokerConfig } from '@broker-kit/core/config.ts';
import { compatibilityTable } from '@broker-kit/core/identity.ts';
import { resolveLanguage, type Language } from '@broker-kit/core/i18n/languages.ts';
import { screens, type ScreenEntry } from './screens.ts';
import type { Refusal } from './refusal.ts';

/** Routes beyond core's table read the look parameters (lang, theme, source, account) of a kin route. */
const kinRoutes: Record<string, Route> = {
  '/account/password-reset': '/account/create',
  '/account/password': '/account/create',
  '/account/email': '/account/create',
  '/inapp/ribbons': '/inapp/chat',
  '/web': '/inapp/chat',
};

export function normalizePath(pathname: string): string {
  return pathname.toLowerCase().replace(/\/+$/, '');
}

export function screenFor(path: string): ScreenEntry | undefined {
  return Object.hasOwn(screens, path) ? screens[path] : undefined;
}

/** The allowlisted theme of a query, or undefined (the page's own colour scheme). */
export function themeOf(search: URLSearchParams): Theme | undefined {
  return themeSchema.safeParse(search.get('theme') ?? '').data;
}

export function languageOf(search: URLSearchParams, config?: Pick<BrokerConfig, 'defaultLanguage'>): Language {
  return resolveLanguage(search.get('lang'), config?.defaultLanguage ?? 'en');
}

/** The route's parsed query values (never the token, which travels apart), for the screen's properties. */
export function screenParams(path: string, search: URLSearchParams, config: BrokerConfig): Record<string, unknown> {
  const route = matchRoute(path) ?? (Object.hasOwn(kinRoutes, path) ? kinRoutes[path] : undefined);
  if (!route) return {};
  const { params } = parseRouteParams(route, search, { defaultLanguage: config.defaultLanguage });
  const values: Record<string, unknown> = { ...params };
  delete values.token;
  return values;
}

/** Why this route may not open under this configuration, if it may not. */
export function refusalFor(entry: ScreenEntry | undefined, config: BrokerConfig): Refusal | undefined {
  if (!entry) return { reason: 'notFound' };
  if (!entry.module) return undefined;
  if (compatibilityTable[entry.module][config.identityMode] === 'not-compatible')
    return { reason: 'incompatible', module: entry.module };
  if (!config.modules.includes(entry.module)) return { reason: 'disabled', module: entry.module };
  return undefined;
}
