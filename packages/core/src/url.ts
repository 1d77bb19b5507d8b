import { ConfigError } from './errors.ts';
import { slugPattern, tokenPattern } from './params.ts';

// Controls, format characters (bidi overrides, zero-width) and lone surrogates: never part of a URL we accept.
const unsafeCharacters = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function parseAbsolute(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.length > 2048 || unsafeCharacters.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/**
 * A URL the kit may navigate to after a flow: https, or http on the local machine (development).
 * No credentials in it. Used to validate the configured success and return URLs.
 */
export function isRedirectUrl(value: unknown): boolean {
  const url = parseAbsolute(value);
  if (!url || url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname));
}

/** An exact origin (`https://broker.example`, no path, query or trailing slash); http only on loopback. */
export function isExactOrigin(value: unknown): boolean {
  const url = parseAbsolute(value);
  return !!url && url.origin === value && isRedirectUrl(value);
}

function redirectTarget(configured: string, field: string): URL {
  if (!isRedirectUrl(configured))
    throw new ConfigError([{ path: field, message: 'must be an https URL (http only on localhost)' }]);
  return new URL(configured);
}

/**
 * The success redirect of SSO: exactly the configured success URL (its own query and hash kept) plus
 * `token=<OT token>`. Takes no other destination, so no caller input can turn it into an open redirect.
 */
export function buildSuccessUrl(successUrl: string, token: string): string {
  const url = redirectTarget(successUrl, 'successUrl');
  if (typeof token !== 'string' || !tokenPattern.test(token)) throw new TypeError('buildSuccessUrl: malformed token');
  url.searchParams.set('token', token);
  return url.href;
}

export interface InAppResult {
  action: string;
  status: 'success' | 'failure' | 'cancelled';
  /** A transaction or case reference; dropped unless it is a plain slug. */
  reference?: string;
}

/** The configured return URL of an in-app screen plus `action`, `status` and `reference` of its result. */
export function buildReturnUrl(returnUrl: string, result: InAppResult): string {
  const url = redirectTarget(returnUrl, 'returnUrl');
  if (!slugPattern.test(result.action)) throw new TypeError('buildReturnUrl: malformed action');
  if (!['success', 'failure', 'cancelled'].includes(result.status)) throw new TypeError('buildReturnUrl: bad status');
  url.searchParams.set('action', result.action);
  url.searchParams.set('status', result.status);
  if (result.reference !== undefined && slugPattern.test(result.reference))
    url.searchParams.set('reference', result.reference);
  return url.href;
}

/**
 * Whether a link may be rendered: an absolute https URL, or a relative one that stays on `base`'s origin.
 * Rejects `javascript:`, `data:`, protocol-relative `//host`, backslash tricks and control characters.
 */
export function isSafeLink(url: unknown, base: string | URL): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 2048 || unsafeCharacters.test(url)) return false;
  try {
    const baseUrl = new URL(base);
    // A scheme makes it absolute: only https. Otherwise it must resolve on the page's own origin.
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return new URL(url).protocol === 'https:';
    if (/^[\\/]{2}|^\/\\/.test(url.trimStart())) return false;
    return new URL(url, baseUrl).origin === baseUrl.origin;
  } catch {
    return false;
  }
}

/** The part of a browser's `window` takeTokenFromUrl uses; core itself touches no page (a test passes its own). */
export interface UrlWindow {
  location: { readonly href: string };
  history: { readonly state: unknown; replaceState(data: unknown, unused: string, url?: string | URL | null): void };
}

/**
 * Reads the `token` query parameter once and removes it from the address bar (history.replaceState),
 * keeping the other parameters, the hash and the history state. Returns the value when there is exactly
 * one, else undefined (missing, or repeated and so ambiguous). The token is never logged.
 */
export function takeTokenFromUrl(win: UrlWindow): string | undefined {
  let url: URL;
  try {
    url = new URL(win.location.href);
  } catch {
    return undefined;
  }
  const values = url.searchParams.getAll('token');
  if (values.length === 0) return undefined;
  url.searchParams.delete('token');
  try {
    // The absolute URL: a path starting with `//` (`https://host//x?token=…`) would read as another host, and the
    // browser would refuse it, leaving the token in the address bar.
    win.history.replaceState(win.history.state, '', url.href);
  } catch {
    // A sandboxed or opaque document may refuse replaceState; the token is still read only once by the caller.
  }
  return values.length === 1 && values[0] !== '' ? values[0] : undefined;
}
