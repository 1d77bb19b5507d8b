import type { Language } from '@broker-kit/core';

export const defaultPlatformWebUrl = 'https://app.ctrader.com/';

/**
 * The base address of the platform's web app, or undefined when it may not be framed: it must be https
 * (plain http only for localhost development) and must not be the page's own origin, because a
 * same-origin frame with `allow-scripts allow-same-origin` could lift its own sandbox.
 */
export function platformBaseUrl(value: string | undefined, pageOrigin: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value || defaultPlatformWebUrl);
  } catch {
    return undefined;
  }
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && local))) return undefined;
  if (url.username || url.password || url.origin === pageOrigin) return undefined;
  return url;
}

/** The frame's address: `source=web&token=…&lang=…&acc=…` and the theme, on the configured base. */
export function platformWebSrc(
  base: URL,
  params: { token: string; lang: Language; account?: number; theme?: 'light' | 'dark' },
): string {
  const url = new URL(base.href);
  url.searchParams.set('source', 'web');
  url.searchParams.set('token', params.token);
  url.searchParams.set('lang', params.lang);
  if (params.account !== undefined) url.searchParams.set('acc', String(params.account));
  if (params.theme) url.searchParams.set('theme', params.theme);
  return url.href;
}
