import { afterEach, describe, expect, it } from 'vitest';
import { takeTokenFromUrl } from './url.ts';

const original = location.pathname + location.search + location.hash;
afterEach(() => history.replaceState(null, '', original));

describe('takeTokenFromUrl', () => {
  it('returns the token once and removes it from the address bar, keeping other params, hash and state', () => {
    history.replaceState({ step: 2 }, '', '/inapp/deposit?lang=de&token=abc123XYZ&account=7#amount');
    expect(takeTokenFromUrl(window)).toBe('abc123XYZ');
    expect(location.pathname + location.search + location.hash).toBe('/inapp/deposit?lang=de&account=7#amount');
    expect(history.state).toEqual({ step: 2 });
    expect(takeTokenFromUrl(window)).toBeUndefined();
  });

  it('removes repeated tokens and returns none of them', () => {
    history.replaceState(null, '', '/inapp/kyc?token=aaaaaaaa&token=bbbbbbbb');
    expect(takeTokenFromUrl(window)).toBeUndefined();
    expect(location.search).toBe('');
  });

  it('removes the token when the path starts with two slashes, which a relative URL would read as a host', () => {
    history.replaceState(null, '', `${location.origin}//evil.test/inapp/deposit?lang=de&token=abc123XYZ`);
    expect(takeTokenFromUrl(window)).toBe('abc123XYZ');
    expect(location.href).toBe(`${location.origin}//evil.test/inapp/deposit?lang=de`);
  });

  it('answers undefined without touching history when there is no token', () => {
    history.replaceState(null, '', '/inapp/chat?lang=fr');
    const length = history.length;
    expect(takeTokenFromUrl(window)).toBeUndefined();
    expect(location.search).toBe('?lang=fr');
    expect(history.length).toBe(length);
  });
});
