// SECURITY 1 and 10 checked at their source. Timing cannot be measured reliably in a test, and a token's shape
// says nothing about where its bits came from, so these tests watch node:crypto itself: every export is the real
// function, wrapped in a spy that a test can also steer. They fail if token generation stops taking its bytes from
// randomBytes (Math.random, a counter, a UUID), or if a secret comparison stops going through timingSafeEqual on
// fixed-length digests (`===`, a length check that returns early, timingSafeEqual on the raw strings). What they
// do not show: that randomBytes is a CSPRNG (that is Node's guarantee) or that the comparison's timing is flat on
// this machine (timingSafeEqual's guarantee); they pin the code to the two functions that give those guarantees.
import { afterEach, describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return {
    ...actual,
    randomBytes: vi.fn(actual.randomBytes),
    timingSafeEqual: vi.fn(actual.timingSafeEqual),
    scrypt: vi.fn(actual.scrypt),
  };
});

const crypto = await import('node:crypto');
const real = await vi.importActual<typeof import('node:crypto')>('node:crypto');
const { newToken, secretsEqual } = await import('./crypto.ts');
const { Client, adminToken, crmPassword, signupBody, ssoUser, startTestServer } = await import('./test/harness.ts');
const randomBytes = vi.mocked(crypto.randomBytes);
const timingSafeEqual = vi.mocked(crypto.timingSafeEqual);
const scrypt = vi.mocked(crypto.scrypt);

afterEach(() => {
  randomBytes.mockClear();
  timingSafeEqual.mockClear();
  scrypt.mockClear();
});

/** 32 bytes no CSPRNG would give, so a token made of them can be recognised. */
function marker(seed: number): Buffer {
  return Buffer.from(Array.from({ length: 32 }, (_, index) => (seed * 31 + index * 7) & 0xff));
}

describe('token generation draws 32 bytes from the CSPRNG (SECURITY 1)', () => {
  it('newToken is exactly base64url of the 32 bytes randomBytes returned', () => {
    randomBytes.mockImplementationOnce(() => marker(1));
    expect(newToken()).toBe(marker(1).toString('base64url'));
    expect(randomBytes).toHaveBeenCalledTimes(1);
    expect(randomBytes).toHaveBeenCalledWith(32);
    // Unsteered, two tokens differ and each is 256 bits.
    expect(newToken()).not.toBe(newToken());
  });

  it('the tokens the server hands out over HTTP are made of those bytes too', async () => {
    const t = await startTestServer();
    try {
      const issued: string[] = [];
      let seed = 100;
      randomBytes.mockImplementation(((size: number) => {
        if (size !== 32) return real.randomBytes(size);
        const bytes = marker(seed++);
        issued.push(bytes.toString('base64url'));
        return bytes;
      }) as typeof crypto.randomBytes);
      const { token, client } = await ssoUser(t, 'csprng@example.com');
      const inApp = await client.call('POST', '/api/platform-web/token', {});
      const crm = await fetch(`${t.url}/oauth2/crmApiToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: crmPassword }),
      });
      const { crmApiToken } = (await crm.json()) as { crmApiToken: string };
      // The SSO token, an in-app token, the client token and the session id all came from randomBytes(32).
      for (const value of [token, inApp.body.token, crmApiToken, client.cookie.split('=')[1]])
        expect(issued).toContain(value);
    } finally {
      randomBytes.mockImplementation(real.randomBytes);
      await t.close();
    }
  });
});

describe('secrets are compared with timingSafeEqual on fixed-length digests (SECURITY 10)', () => {
  const cases = [
    ['s3cret', 's3cret', 'equal'],
    ['s3cre', 's3cret', 'a prefix (an early-exit comparison answers sooner)'],
    ['s3cret-and-more', 's3cret', 'longer with the same start'],
    ['', 's3cret', 'empty'],
    ['x'.repeat(10_000), 's3cret', '10,000 characters'],
    ['\u00fc', 'u\u0308', 'the same letter composed differently'],
  ].map(([given, expected, label]) => ({ given: given!, expected: expected!, label: label! }));

  it.each(cases)('compares $label in one timingSafeEqual call on two 32-byte digests', ({ given, expected }) => {
    const answer = secretsEqual(given, expected);
    expect(answer).toBe(given === expected);
    // The same path whatever the lengths: exactly one call, never on the raw secrets, always 32 against 32 bytes.
    expect(timingSafeEqual).toHaveBeenCalledTimes(1);
    const [a, b] = timingSafeEqual.mock.calls[0]! as [Buffer, Buffer];
    expect(a).toHaveLength(32);
    expect(b).toHaveLength(32);
    expect(a.equals(Buffer.from(given))).toBe(false);
    expect(b.equals(Buffer.from(expected))).toBe(false);
  });

  it('takes its verdict from timingSafeEqual, not from a comparison of its own', () => {
    // Steered, timingSafeEqual decides: a regression to `===` would ignore it and answer the other way.
    timingSafeEqual.mockReturnValueOnce(true);
    expect(secretsEqual('wrong', 'right')).toBe(true);
    timingSafeEqual.mockReturnValueOnce(false);
    expect(secretsEqual('right', 'right')).toBe(false);
    // …except for an empty configured secret, which never matches (a missing setting must not open the door).
    timingSafeEqual.mockReturnValueOnce(true);
    expect(secretsEqual('', '')).toBe(false);
  });

  it('the client password and the admin credential of the running server go through it', async () => {
    const t = await startTestServer();
    try {
      const authenticate = (password: string) =>
        fetch(`${t.url}/oauth2/crmApiToken`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ password }),
        });
      timingSafeEqual.mockClear();
      expect((await authenticate(crmPassword)).status).toBe(200);
      expect(timingSafeEqual).toHaveBeenCalled();
      // With timingSafeEqual saying "different", the right password is refused: nothing else decided.
      timingSafeEqual.mockReturnValue(false);
      expect((await authenticate(crmPassword)).status).toBe(403);
      const exported = await fetch(`${t.url}/api/audit/export?format=json`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(exported.status).toBe(403);
      timingSafeEqual.mockImplementation(real.timingSafeEqual);
      const allowed = await fetch(`${t.url}/api/audit/export?format=json`, {
        headers: { authorization: `Bearer ${adminToken}` },
      });
      expect(allowed.status).toBe(200);
    } finally {
      timingSafeEqual.mockImplementation(real.timingSafeEqual);
      await t.close();
    }
  });
});

describe('a login for an unknown account does the work of a wrong password (SECURITY 14)', () => {
  it('derives one scrypt key of the same cost for a wrong password and for an address with no account', async () => {
    const t = await startTestServer();
    try {
      await ssoUser(t, 'same-work@example.com');
      const login = (email: string) =>
        new Client(t.url).call('POST', '/api/auth/login', { email, password: 'wrong password!', keepLoggedIn: false });
      await login('first-unknown@example.com'); // the stand-in hash is made once, on first need
      const costs = async (email: string) => {
        scrypt.mockClear();
        const reply = await login(email);
        expect(reply.status).toBe(401);
        return scrypt.mock.calls.map((call) => ({ length: call[2], options: call[3] }));
      };
      const wrong = await costs('same-work@example.com');
      const unknown = await costs('nobody@example.com');
      expect(wrong).toHaveLength(1);
      expect(unknown).toEqual(wrong);
    } finally {
      await t.close();
    }
  });
});

describe('a signup for a taken address does the work of a new one (SECURITY 14)', () => {
  it('derives the same scrypt key before answering EMAIL_TAKEN as before creating an account', async () => {
    const t = await startTestServer();
    try {
      const costs = async (email: string, status: number) => {
        scrypt.mockClear();
        const reply = await new Client(t.url).call('POST', '/api/auth/signup', signupBody(email));
        expect(reply.status).toBe(status);
        return scrypt.mock.calls.map((call) => ({ length: call[2], options: call[3] }));
      };
      const fresh = await costs('signup-work@example.com', 200);
      const taken = await costs('signup-work@example.com', 409);
      expect(fresh).toHaveLength(1);
      expect(taken).toEqual(fresh);
    } finally {
      await t.close();
    }
  });
});
