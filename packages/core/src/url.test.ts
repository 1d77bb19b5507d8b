import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReturnUrl, buildSuccessUrl, isSafeLink } from './url.ts';
import { hostileStrings } from './testing/hostile.ts';

const base = 'https://broker.example/inapp/deposit?token=x';

describe('buildSuccessUrl', () => {
  it('appends the token to exactly the configured URL, keeping its query and hash', () => {
    expect(buildSuccessUrl('https://broker.example/callback/success?via=app#done', 'abc123')).toBe(
      'https://broker.example/callback/success?via=app&token=abc123#done',
    );
    expect(buildSuccessUrl('http://localhost:8080/ok', 'abc123')).toBe('http://localhost:8080/ok?token=abc123');
  });

  it('refuses non-http(s) URLs, plain http off localhost and malformed tokens', () => {
    for (const url of [
      'javascript:alert(1)',
      'data:text/html,x',
      'http://broker.example/',
      '//evil.example',
      'ftp://x/',
    ])
      expect(() => buildSuccessUrl(url, 'abc123')).toThrow(/successUrl/);
    for (const token of ['', 'a', 'abc&x=1', 'abc123#frag', 'x'.repeat(513)])
      expect(() => buildSuccessUrl('https://broker.example/ok', token)).toThrow();
  });

  it('never leaves the configured origin and path, whatever the token', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...hostileStrings)), (token) => {
        try {
          const url = new URL(buildSuccessUrl('https://broker.example/ok', token));
          return (
            url.origin === 'https://broker.example' && url.pathname === '/ok' && url.searchParams.get('token') === token
          );
        } catch {
          return true;
        }
      }),
    );
  });
});

describe('buildReturnUrl', () => {
  it('adds the result to the configured return URL', () => {
    expect(
      buildReturnUrl('https://broker.example/back?x=1', { action: 'deposit', status: 'success', reference: 'tx-42' }),
    ).toBe('https://broker.example/back?x=1&action=deposit&status=success&reference=tx-42');
    expect(
      buildReturnUrl('https://broker.example/back', { action: 'kyc', status: 'cancelled', reference: '<b>' }),
    ).toBe('https://broker.example/back?action=kyc&status=cancelled');
    expect(() => buildReturnUrl('javascript:alert(1)', { action: 'kyc', status: 'success' })).toThrow(/returnUrl/);
  });
});

describe('isSafeLink', () => {
  it('allows https and same-origin relative links', () => {
    for (const url of ['https://help.example/faq', '/terms', 'terms.html', '?page=2', '#top', '../privacy'])
      expect(isSafeLink(url, base)).toBe(true);
  });

  it('rejects script, data, plain http, protocol-relative and control-character links', () => {
    for (const url of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      'http://broker.example/',
      '//evil.example/',
      '\\\\evil.example',
      '/\\evil.example',
      '\\/evil.example',
      'https://evil.example/\u202Egpj.exe',
      'https://evi\u200Bl.example/',
      '',
    ])
      expect(isSafeLink(url, base), url).toBe(false);
  });

  it('never throws, and every accepted link is https or on the base origin', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom(...hostileStrings)), (url) => {
        if (!isSafeLink(url, base)) return true;
        const resolved = new URL(url, base);
        return resolved.protocol === 'https:' && (resolved.origin === 'https://broker.example' || /^https:/i.test(url));
      }),
      { numRuns: 500 },
    );
  });
});
