import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { languages } from './i18n/languages.ts';
import { matchRoute, parseRouteParams, routeParams, routes, sources, themes, type Route } from './params.ts';
import { anyUnicodeString } from './testing/arbitraries.ts';
import { hostileQueries, hostileStrings } from './testing/hostile.ts';

const printableNoMarkup = /^[^\p{C}<>"'`\\]{1,128}$/u;

/** Whether every parsed value is an allowlisted value, a value matching its strict pattern, or the fallback. */
function expectAllowlisted(route: Route, params: Record<string, unknown>) {
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    switch (name) {
      case 'lang':
        expect(languages).toContain(value);
        break;
      case 'source':
        expect(sources).toContain(value);
        break;
      case 'theme':
        expect(themes).toContain(value);
        break;
      case 'firstLogin':
        expect(typeof value).toBe('boolean');
        break;
      case 'token':
        expect(value).toMatch(/^[A-Za-z0-9._~-]{6,512}$/);
        break;
      case 'account':
      case 'userId':
        expect(Number.isSafeInteger(value) && (value as number) > 0).toBe(true);
        break;
      case 'actionType':
      case 'kycType':
        expect(value).toMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
        break;
      default:
        expect(value).toMatch(printableNoMarkup);
    }
  }
  expect(Object.keys(params).sort()).toEqual(Object.keys(routeParams[route]).sort());
}

describe('parseRouteParams', () => {
  it('parses the seed examples', () => {
    expect(parseRouteParams('/inapp/deposit', '?token=abc123&account=67890&lang=en')).toEqual({
      route: '/inapp/deposit',
      params: { token: 'abc123', account: 67890, lang: 'en', source: undefined, theme: undefined },
      issues: [],
    });
    expect(parseRouteParams('/inapp/kyc', 'token=xyz789&lang=es&source=Mobile').params).toMatchObject({
      token: 'xyz789',
      lang: 'es',
      source: 'Mobile',
    });
    expect(parseRouteParams('/inapp/chat', 'token=def456&theme=dark').params.theme).toBe('dark');
  });

  it('matches enums case-insensitively and falls back on unknown values', () => {
    const login = parseRouteParams('/auth/login', 'source=web&theme=DARK&lang=PT-br&firstLogin=TRUE');
    expect(login.params).toMatchObject({ source: 'Web', theme: 'dark', lang: 'pt', firstLogin: true });
    const bad = parseRouteParams('/auth/login', 'source=toaster&theme=ｄａｒｋ&lang=xx&firstLogin=maybe', {
      defaultLanguage: 'de',
    });
    expect(bad.params).toMatchObject({ source: undefined, theme: undefined, lang: 'de', firstLogin: false });
    expect(bad.issues).toEqual([
      { param: 'firstLogin', problem: 'invalid' },
      { param: 'lang', problem: 'invalid' },
      { param: 'source', problem: 'invalid' },
      { param: 'theme', problem: 'invalid' },
    ]);
  });

  it('reports a missing token as a state, not an exception', () => {
    for (const search of ['', '?', 'token=', 'token[]=abcdefgh', 'Token=abcdefgh']) {
      const result = parseRouteParams('/inapp/deposit', search);
      expect(result.params.token).toBeUndefined();
      expect(result.issues).toContainEqual({ param: 'token', problem: 'missing' });
      expect(result.issues).toContainEqual({ param: 'account', problem: 'missing' });
    }
  });

  it('rejects repeated parameters as ambiguous instead of picking one', () => {
    const result = parseRouteParams('/inapp/chat', 'token=abcdefgh&token=ijklmnop&lang=en&lang=fr');
    expect(result.params.token).toBeUndefined();
    expect(result.params.lang).toBe('en');
    expect(result.issues).toEqual([
      { param: 'token', problem: 'ambiguous' },
      { param: 'lang', problem: 'ambiguous' },
    ]);
  });

  it('enforces token length bounds and charset', () => {
    const ok = (token: string) => parseRouteParams('/callback/success', `token=${token}`);
    expect(ok('a'.repeat(6)).params.token).toBe('aaaaaa');
    expect(ok('a'.repeat(5)).params.token).toBeUndefined();
    expect(ok('a'.repeat(512)).params.token).toHaveLength(512);
    expect(ok('a'.repeat(513)).issues).toEqual([{ param: 'token', problem: 'invalid' }]);
    expect(ok('abc%2Bdef').params.token).toBeUndefined();
    expect(ok('abc+def').params.token).toBeUndefined();
  });

  it('requires integer accounts and slugs', () => {
    expect(parseRouteParams('/inapp/withdraw', 'token=abcdefgh&account=1.5').issues).toEqual([
      { param: 'account', problem: 'invalid' },
    ]);
    expect(parseRouteParams('/inapp/withdraw', 'token=abcdefgh&account=0012').params.account).toBeUndefined();
    expect(parseRouteParams('/inapp/action', 'token=abcdefgh&actionType=update-address').params.actionType).toBe(
      'update-address',
    );
    expect(parseRouteParams('/inapp/action', 'token=abcdefgh&actionType=../x').issues).toEqual([
      { param: 'actionType', problem: 'invalid' },
    ]);
  });

  it('keeps attribution text but rejects markup, bidi and zero-width characters', () => {
    const search = new URLSearchParams({ partnerId: 'partner 42', utm_source: 'news\u202Eletter', gclid: 'a\u200Bb' });
    const result = parseRouteParams('/auth/login', search);
    expect(result.params).toMatchObject({ partnerId: 'partner 42', utm_source: undefined, gclid: undefined });
  });

  it.each(routes)('never throws and outputs only allowlisted values or fallbacks on %s', (route) => {
    const names = Object.keys(routeParams[route]);
    for (const name of names) {
      for (const query of hostileQueries(name)) {
        const result = parseRouteParams(route, query);
        expectAllowlisted(route, result.params);
      }
    }
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(...names, '__proto__', 'x'),
          fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), anyUnicodeString, fc.constantFrom(...hostileStrings)),
        ),
        fc.string(),
        (entries, raw) => {
          const search = new URLSearchParams(Object.entries(entries));
          expectAllowlisted(route, parseRouteParams(route, search).params);
          expectAllowlisted(route, parseRouteParams(route, raw).params);
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });

  it('survives inputs that are not strings', () => {
    expect(() => parseRouteParams('/inapp/kyc', undefined as unknown as string)).not.toThrow();
    expect(parseRouteParams('/inapp/kyc', 42 as unknown as string).issues).toEqual([
      { param: 'token', problem: 'missing' },
    ]);
  });
});

describe('matchRoute', () => {
  it('finds every route, ignoring case and a trailing slash', () => {
    for (const route of routes) {
      expect(matchRoute(route)).toBe(route);
      expect(matchRoute(`${route.toUpperCase()}/`)).toBe(route);
    }
  });

  it('answers undefined for anything else', () => {
    for (const path of ['/', '/inapp', '/inapp/steal', '/auth/login/../../x', '//auth/login', ...hostileStrings])
      expect(matchRoute(path)).toBeUndefined();
    fc.assert(fc.property(fc.string(), (path) => matchRoute(path) === undefined || routes.includes(matchRoute(path)!)));
  });
});
