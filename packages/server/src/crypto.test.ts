// SECURITY 1, 4, 10, 14 at the unit level: token shape, constant-time comparison, scrypt, TTL bounds.
import { describe, expect, it } from 'vitest';
import { hashPassword, hashToken, newToken, secretsEqual, verifyPassword } from './crypto.ts';
import { parseBrokerConfig } from './config.ts';

describe('crypto', () => {
  it('makes 43-character base64url tokens of 32 random bytes and hashes them with SHA-256', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(newToken()));
    // FIPS 180-2's test vector: the digest is SHA-256 itself, not some other hash of the right length.
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('compares secrets of any length without throwing, and never matches an empty secret', () => {
    expect(secretsEqual('s3cret', 's3cret')).toBe(true);
    expect(secretsEqual('s3cre', 's3cret')).toBe(false);
    expect(secretsEqual('s3cret-and-more', 's3cret')).toBe(false);
    expect(secretsEqual('', '')).toBe(false);
  });

  it('hashes passwords with salted scrypt and verifies them', async () => {
    const cost = { N: 1024, r: 8, p: 1 };
    const one = await hashPassword('pässword', cost);
    const two = await hashPassword('pässword', cost);
    expect(one).not.toBe(two);
    expect(await verifyPassword('pässword', one)).toBe(true);
    expect(await verifyPassword('pa\u0308ssword', one)).toBe(true); // NFKC: the same password typed differently
    expect(await verifyPassword('password', one)).toBe(false);
    expect(await verifyPassword('pässword', 'md5$abc')).toBe(false);
  });
});

describe('configuration', () => {
  const base = {
    identityMode: 'sso',
    backendBaseUrl: '/',
    successUrl: 'https://crm.example/callback/success',
    brand: { name: 'B' },
  };

  it('takes the token lifetime from core, 1 to 15 minutes, default 5', () => {
    expect(parseBrokerConfig(base, 4000).tokenTtlMs).toBe(300_000);
    expect(parseBrokerConfig({ ...base, tokenTtlSeconds: 60 }, 4000).tokenTtlMs).toBe(60_000);
    expect(() => parseBrokerConfig({ ...base, tokenTtlSeconds: 30 }, 4000)).toThrow(/tokenTtlSeconds/);
    expect(() => parseBrokerConfig({ ...base, tokenTtlSeconds: 901 }, 4000)).toThrow(/tokenTtlSeconds/);
  });

  it('maps feature modules to route groups and refuses SSO-only modules under handoff', () => {
    expect(parseBrokerConfig({ ...base, modules: ['action-chat'] }, 4000).modules).toEqual(['action', 'chat']);
    expect(() => parseBrokerConfig({ ...base, identityMode: 'ot-handoff', modules: ['ribbons'] }, 4000)).toThrow();
    expect(() => parseBrokerConfig({ ...base, server: { platformPaths: { createUser: 5 } } }, 4000)).toThrow(
      /server configuration/,
    );
  });
});
