// Property tests of the ribbon rules' parsers: rules set from outside become valid rules or are counted as
// invalid, and an action link is https elsewhere or a path on this page's origin, never a script or another host.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ribbonSchema, ribbonScopes } from '@broker-kit/core';
import {
  anyUnicodeString,
  hostilePaths,
  hostileSchemes,
  hostileStrings,
  lookAlikeOrigins,
} from '@broker-kit/core/testing';
import { parseRibbons, safeExternalUrl, safeInAppPath } from './rules.ts';

const anyString = fc.oneof(
  fc.string(),
  anyUnicodeString,
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webPath().map((path) => `/${path}`),
  fc.constantFrom(...hostileStrings),
);
const origin = 'https://broker.example';

const ruleLike = fc.record(
  {
    id: fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor')),
    color: fc.oneof(fc.stringMatching(/^#[0-9a-fA-F]{6}$/), anyString),
    title: fc.oneof(fc.string({ maxLength: 200 }), anyString),
    enabled: fc.oneof(fc.boolean(), fc.anything()),
    closable: fc.oneof(fc.boolean(), fc.anything()),
    scope: fc.oneof(fc.constantFrom(...ribbonScopes), anyString),
    target: fc.oneof(fc.string(), fc.anything()),
    action: fc.oneof(fc.record({ urlExternal: anyString }), fc.record({ urlinApp: anyString }), fc.anything()),
  },
  { requiredKeys: [] },
);

describe('parseRibbons (property)', () => {
  it('keeps only rules that pass the schema and counts the rest, for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(fc.oneof(ruleLike, fc.anything()), { maxLength: 6 }), fc.anything(), anyString),
        (input) => {
          const { rules, invalid } = parseRibbons(input);
          const length = Array.isArray(input) ? input.length : 0;
          expect(rules.length + invalid).toBe(length);
          for (const rule of rules) {
            expect(ribbonSchema.safeParse(rule).success).toBe(true);
            expect(rule.color).toMatch(/^#[0-9a-fA-F]{6}$/);
            expect(ribbonScopes).toContain(rule.scope);
            expect(Object.getPrototypeOf(rule)).toBe(Object.prototype);
            for (const key of Object.keys(rule))
              expect(['id', 'color', 'title', 'enabled', 'closable', 'scope', 'target', 'action']).toContain(key);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('copies no prototype-polluting key out of JSON', () => {
    const rule = { id: 'r1', color: '#112233', title: 'Hi', enabled: true, closable: false, scope: 'user' };
    const text = `[${JSON.stringify(rule).slice(0, -1)},"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}]`;
    const { rules, invalid } = parseRibbons(JSON.parse(text));
    expect(invalid).toBe(0);
    expect(rules[0]).toEqual(rule);
    expect(Object.hasOwn(rules[0]!, '__proto__')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('safeExternalUrl (property)', () => {
  it('answers an https URL (normalised) or nothing, for any value', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const safe = safeExternalUrl(value);
        if (safe === undefined) return;
        const url = new URL(safe);
        expect(url.protocol).toBe('https:');
        expect(url.href).toBe(safe);
        expect(safe).not.toMatch(/[\p{Cc}\s]/u);
        expect(safeExternalUrl(safe)).toBe(safe); // idempotent
      }),
      { numRuns: 500 },
    );
  });

  it('refuses every script, embedding or relative spelling', () => {
    for (const value of [...hostileSchemes, ...hostilePaths, '//evil.test', '\\\\evil.test', 'http://broker.example'])
      expect(safeExternalUrl(value), value).toBeUndefined();
  });
});

describe('safeInAppPath (property)', () => {
  it('answers a path that resolves on the page origin, never a protocol-relative one: no open redirect', () => {
    fc.assert(
      fc.property(anyString, (value) => {
        const path = safeInAppPath(value, origin);
        if (path === undefined) return;
        expect(path.startsWith('/')).toBe(true);
        expect(path.startsWith('//')).toBe(false);
        expect(path).not.toContain('\\');
        // Resolved against any page of the origin, as a browser does with the link's href.
        for (const page of [`${origin}/`, `${origin}/inapp/ribbons?x=1`, `${origin}//deep/page`])
          expect(new URL(path, page).origin).toBe(origin);
        expect(safeInAppPath(path, origin)).toBe(path); // idempotent
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses look-alike origins, script schemes, absolute URLs and paths that normalise to another host', () => {
    for (const value of [...lookAlikeOrigins, ...hostileSchemes, `${origin}/inapp/deposit`])
      expect(safeInAppPath(value, origin), value).toBeUndefined();
    for (const value of ['/.//evil.test', '/..//evil.test/x', '/a/..//evil.test', '/%2e//evil.test', '/./\\evil.test'])
      expect(safeInAppPath(value, origin), value).toBeUndefined();
    // Encoded slashes stay part of a path on this origin: kept, and harmless.
    expect(safeInAppPath('/%2F%2Fevil.test', origin)).toBe('/%2F%2Fevil.test');
    expect(new URL('/%2F%2Fevil.test', origin).origin).toBe(origin);
  });

  it('keeps an ordinary in-app path with its query and hash', () => {
    fc.assert(
      fc.property(fc.webPath({ size: 'small' }), fc.webQueryParameters(), fc.webFragments(), (path, query, hash) => {
        const value = `/${path.replace(/^\/+/, '')}${query ? `?${query}` : ''}${hash ? `#${hash}` : ''}`;
        const expected = new URL(value, origin);
        const safe = safeInAppPath(value, origin);
        if (expected.pathname.startsWith('//')) return; // normalised into another host's shape: refused above
        expect(safe).toBe(`${expected.pathname}${expected.search}${expected.hash}`);
      }),
    );
  });
});
