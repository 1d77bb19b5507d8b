import { createHash, hash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** 32 bytes from the CSPRNG, base64url: 256 bits, 43 characters (SECURITY 1). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Shape of a token this server issues: exactly 43 base64url characters. */
export const ownTokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** Tokens are stored and looked up only by this digest (SECURITY 2). One-shot `hash`: a third of a Hash object's cost. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

/** Compares two secrets in constant time: both sides are hashed first so lengths always match (SECURITY 10). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

export interface ScryptCost {
  /** CPU/memory cost, a power of two. 2^15 with r=8 uses 32 MiB per hash. */
  N: number;
  r: number;
  p: number;
}
export const defaultScryptCost: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, 32, { ...cost, maxmem: 128 * cost.N * cost.r * 2 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`: the cost travels with the hash, so it can be raised later. */
export async function hashPassword(password: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(N), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}
