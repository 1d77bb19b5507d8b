// Property tests of the URL helpers: what the kit navigates to stays on the configured origin, and the token
// read from the address bar leaves it, whatever the URL holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.ts';
import { slugPattern } from './params.ts';
import { hostilePaths, hostileSchemes, hostileStrings, lookAlikeOrigins } from './testing/hostile.ts';
import { anyUnicodeString } from './testing/arbitraries.ts';
import { buildReturnUrl, isExactOrigin, isRedirectUrl, takeTokenFromUrl, type InAppResult } from './url.ts';

const anyString = fc.oneof(
  fc.string(),
  anyUnicodeString,
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(...hostileStrings),
);
const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

describe('isRedirectUrl (property)', () => {
  it('accepts only https (or http on the loopback), with no credentials and no control or format characters', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, fc.anything()), (value) => {
        if (!isRedirectUrl(value)) return;
        expect(typeof value).toBe('string');
        const text = value as string;
        expect(text.length).toBeLessThanOrEqual(2048);
        expect(text).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}]/u);
        const url = new URL(text);
        expect(url.username + url.password).toBe('');
        expect(url.protocol === 'https:' || (url.protocol === 'http:' && loopback.has(url.hostname))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every script or embedding scheme and the protocol-relative spellings', () => {
    for (const value of [...hostileSchemes, '//evil.test', '\\\\evil.test', '/\\evil.test', ...hostilePaths])
      expect(isRedirectUrl(value), value).toBe(false);
    for (const value of [
      'https://broker.example@evil.test',
      'https://broker.example:x@evil.test',
      'http://broker.example',
    ])
      expect(isRedirectUrl(value), value).toBe(false);
  });
});

describe('isExactOrigin (property)', () => {
  it('accepts a value only when it is its own origin: no path, query, credentials, trailing slash or non-canonical host', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyString,
          fc.webUrl().map((url) => new URL(url).origin),
        ),
        (value) => {
          if (!isExactOrigin(value)) return;
          expect(isRedirectUrl(value)).toBe(true);
          expect(new URL(value).origin).toBe(value);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('tells the broker origin from its look-alikes', () => {
    expect(isExactOrigin('https://broker.example')).toBe(true);
    const accepted = lookAlikeOrigins.filter((value) => isExactOrigin(value));
    // Each accepted look-alike is some other site's exact origin, spelled canonically: never equal to the broker's.
    for (const value of accepted) {
      expect(value).not.toBe('https://broker.example');
      expect(new URL(value).origin).toBe(value);
    }
    for (const value of [
      'https://broker.example@evil.test',
      'https://br\u043Eker.example',
      'https://ｂｒｏｋｅｒ.example',
      'https://evil.test#@broker.example',
      'https://broker.example/',
      'HTTPS://broker.example',
      '//evil.test',
      'https:evil.test',
    ])
      expect(isExactOrigin(value), value).toBe(false);
  });
});

const result = fc.record({
  action: fc.oneof(fc.stringMatching(slugPattern), anyString),
  status: fc.oneof(fc.constantFrom('success', 'failure', 'cancelled'), anyString),
  reference: fc.option(fc.oneof(fc.stringMatching(slugPattern), anyString), { nil: undefined }),
}) as fc.Arbitrary<InAppResult>;

describe('buildReturnUrl (property)', () => {
  const configured = fc.oneof(
    fc.constantFrom(
      'https://broker.example/back',
      'https://broker.example/back?x=1#done',
      'http://localhost:5173/return',
      'https://broker.example',
    ),
    fc.webUrl({ validSchemes: ['https'], withQueryParameters: true, withFragments: true }),
  );

  it('never leaves the configured origin and path, whatever the result holds: no open redirect', () => {
    fc.assert(
      fc.property(configured, result, (returnUrl, outcome) => {
        let built: string;
        try {
          built = buildReturnUrl(returnUrl, outcome);
        } catch (error) {
          expect(error instanceof TypeError || error instanceof ConfigError).toBe(true);
          return;
        }
        const url = new URL(built);
        const base = new URL(returnUrl);
        expect(url.origin).toBe(base.origin);
        expect(url.pathname).toBe(base.pathname);
        expect(url.hash).toBe(base.hash);
        expect(url.searchParams.get('action')).toBe(outcome.action);
        expect(slugPattern.test(outcome.action)).toBe(true);
        expect(['success', 'failure', 'cancelled']).toContain(url.searchParams.get('status'));
        const reference = url.searchParams.get('reference');
        if (reference !== null) expect(reference).toMatch(slugPattern);
        // The configured query survives; the result adds only its three names.
        for (const [name, value] of base.searchParams)
          if (!['action', 'status', 'reference'].includes(name)) expect(url.searchParams.getAll(name)).toContain(value);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every configured URL that is not a redirect URL with a ConfigError, never builds one', () => {
    fc.assert(
      fc.property(anyString, (returnUrl) => {
        const outcome: InAppResult = { action: 'deposit', status: 'success' };
        if (isRedirectUrl(returnUrl)) {
          expect(new URL(buildReturnUrl(returnUrl, outcome)).origin).toBe(new URL(returnUrl).origin);
        } else {
          expect(() => buildReturnUrl(returnUrl, outcome)).toThrow(ConfigError);
        }
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * A window whose history behaves like a browser's: replaceState resolves its URL against the current one and
 * throws a SecurityError when that lands on another origin (the spec's rule), so a token can only be removed by a
 * same-origin URL.
 */
function fakeWindow(href: string, options: { refuse?: boolean } = {}) {
  const calls: string[] = [];
  const win = {
    location: { href },
    history: {
      state: { step: 3 } as unknown,
      replaceState(state: unknown, _unused: string, url: string) {
        if (options.refuse) throw new DOMException('sandboxed', 'SecurityError');
        const next = new URL(url, win.location.href);
        if (next.origin !== new URL(win.location.href).origin) throw new DOMException('other origin', 'SecurityError');
        calls.push(url);
        win.location.href = next.href;
        win.history.state = state;
      },
    },
  };
  return { win: win as unknown as Pick<Window, 'location' | 'history'>, calls, current: () => win.location.href };
}

const pathSegment = fc.oneof(fc.webSegment(), fc.constantFrom('', '.', '..', '%2e', 'evil.test', '\\', 'inapp'));
const addressBar = fc
  .tuple(
    fc.array(pathSegment, { maxLength: 4 }),
    fc.array(
      fc.tuple(
        fc.constantFrom('token', 'lang', 'account', 'Token', 'token[]', '__proto__'),
        anyString.map((v) => v.slice(0, 200)),
      ),
      { maxLength: 4 },
    ),
    fc.option(fc.webFragments(), { nil: undefined }),
  )
  .map(([segments, params, hash]) => {
    const search = new URLSearchParams(params).toString();
    return `https://broker.example/${segments.join('/')}${search ? `?${search}` : ''}${hash ? `#${hash}` : ''}`;
  });

describe('takeTokenFromUrl (property)', () => {
  it('returns exactly the one non-empty token, and leaves none in the address bar, on the same origin', () => {
    fc.assert(
      fc.property(addressBar, (href) => {
        const before = new URL(href);
        const tokens = before.searchParams.getAll('token');
        const { win, calls, current } = fakeWindow(href);
        const taken = takeTokenFromUrl(win);
        expect(taken).toBe(tokens.length === 1 && tokens[0] !== '' ? tokens[0] : undefined);
        const after = new URL(current());
        expect(after.origin).toBe(before.origin);
        expect(after.searchParams.has('token')).toBe(false);
        expect(calls).toHaveLength(tokens.length > 0 ? 1 : 0);
        // Everything else is kept: the path, the other parameters in order, the hash and the history state.
        expect(after.pathname).toBe(before.pathname);
        expect(after.hash).toBe(before.hash);
        expect([...after.searchParams]).toEqual([...before.searchParams].filter(([name]) => name !== 'token'));
        expect(win.history.state).toEqual({ step: 3 });
      }),
      { numRuns: 500 },
    );
  });

  it('removes the token even when the path starts with two slashes (no protocol-relative replaceState)', () => {
    for (const path of ['//evil.test/inapp/deposit', '/.//evil.test/x', '//']) {
      const { win, current } = fakeWindow(`https://broker.example${path}?lang=de&token=abcdef123`);
      expect(takeTokenFromUrl(win)).toBe('abcdef123');
      expect(current()).not.toContain('abcdef123');
      expect(new URL(current()).origin).toBe('https://broker.example');
    }
  });

  it('never throws: an unparsable location, a refused replaceState, hostile and huge values', () => {
    fc.assert(
      fc.property(anyString, fc.boolean(), (href, refuse) => {
        const { win } = fakeWindow(href, { refuse });
        expect(() => takeTokenFromUrl(win)).not.toThrow();
      }),
      { numRuns: 300 },
    );
    for (const value of hostileStrings) {
      const href = `https://broker.example/inapp/kyc?${new URLSearchParams({ token: value })}`;
      const { win, current } = fakeWindow(href);
      const sent = new URL(href).searchParams.get('token'); // lone surrogates arrive as U+FFFD
      expect(takeTokenFromUrl(win)).toBe(sent === '' ? undefined : sent);
      expect(new URL(current()).searchParams.has('token')).toBe(false);
    }
  });
});
