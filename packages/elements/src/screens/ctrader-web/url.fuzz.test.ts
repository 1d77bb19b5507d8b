// Property tests of platformBaseUrl: the framed platform is https (plain http only on the local machine), carries
// no credentials, and is never the page's own origin, where `allow-scripts allow-same-origin` would let it lift
// its own sandbox.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyUnicodeString, hostileSchemes, hostileStrings, lookAlikeOrigins } from '@broker-kit/core/testing';
import { defaultPlatformWebUrl, platformBaseUrl } from './url.ts';

const pageOrigins = ['https://broker.example', 'http://localhost:5173', 'http://127.0.0.1:4000'];
const anyString = fc.oneof(
  fc.string(),
  anyUnicodeString,
  fc.webUrl({ validSchemes: ['https', 'http', 'ftp', 'javascript', 'data'], withQueryParameters: true }),
  fc.constantFrom(...hostileStrings),
  fc
    .constantFrom(...pageOrigins)
    .chain((origin) =>
      fc.constantFrom(origin, `${origin}/app`, `${origin.toUpperCase()}/x`, `${origin}:443/`, `${origin}./`),
    ),
);

describe('platformBaseUrl (property)', () => {
  it('answers an https (or loopback http) URL of another origin, with no credentials, or nothing', () => {
    fc.assert(
      fc.property(fc.option(anyString, { nil: undefined }), fc.constantFrom(...pageOrigins), (value, pageOrigin) => {
        const url = platformBaseUrl(value, pageOrigin);
        if (!url) return;
        const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
        expect(url.protocol === 'https:' || (url.protocol === 'http:' && local)).toBe(true);
        expect(url.username + url.password).toBe('');
        expect(url.origin).not.toBe(pageOrigin);
        expect(url.origin).not.toBe(new URL(pageOrigin).origin);
      }),
      { numRuns: 1000 },
    );
  });

  it('falls back to the default platform only for a missing or empty value', () => {
    expect(platformBaseUrl(undefined, pageOrigins[0]!)?.href).toBe(defaultPlatformWebUrl);
    expect(platformBaseUrl('', pageOrigins[0]!)?.href).toBe(defaultPlatformWebUrl);
    fc.assert(
      fc.property(fc.constantFrom(...hostileSchemes, ' ', 'not a url'), (value) => {
        expect(platformBaseUrl(value, pageOrigins[0]!)).toBeUndefined();
      }),
    );
  });

  it('refuses the page origin in any spelling, and a look-alike that carries credentials', () => {
    for (const pageOrigin of pageOrigins) {
      for (const value of [pageOrigin, `${pageOrigin}/`, `${pageOrigin}/deep/path?x=1`, pageOrigin.toUpperCase()])
        expect(platformBaseUrl(value, pageOrigin), value).toBeUndefined();
    }
    expect(platformBaseUrl('https://broker.example:443/app', 'https://broker.example')).toBeUndefined();
    const withCredentials = lookAlikeOrigins.filter((item) => URL.canParse(item) && new URL(item).username !== '');
    expect(withCredentials.length).toBeGreaterThanOrEqual(3);
    for (const value of withCredentials)
      expect(platformBaseUrl(value, 'https://broker.example'), value).toBeUndefined();
  });
});
