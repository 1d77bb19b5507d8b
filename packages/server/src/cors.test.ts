// allowedClientOrigins: a broker's client area on another origin calls the API from the browser (the npm
// packages). CORS with credentials for those origins only, and the CSRF check still applies to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, signupBody, startTestServer, type TestServer } from './test/harness.ts';

const clientArea = 'http://127.0.0.1:4999';
const stranger = 'http://127.0.0.1:4998';
let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ server: { allowedClientOrigins: [clientArea] } });
});
afterAll(() => t.close());

const preflight = (origin: string) =>
  fetch(`${t.url}/api/auth/signup`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type,x-broker-kit,idempotency-key',
    },
  });

describe('CORS for the configured client areas', () => {
  it('answers the preflight of a configured origin with credentials and the kit’s headers', async () => {
    const reply = await preflight(clientArea);
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe(clientArea);
    expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
    expect(reply.headers.get('access-control-allow-methods')).toContain('POST');
    const allowed = reply.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'x-broker-kit', 'idempotency-key']));
    expect(reply.headers.get('vary')?.toLowerCase()).toContain('origin');
  });

  it('allows no other origin', async () => {
    const reply = await preflight(stranger);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the client area sign up with its cookie and read the answer', async () => {
    const client = new Client(t.url);
    const reply = await client.call('POST', '/api/auth/signup', signupBody('cors@example.com'), { origin: clientArea });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe(clientArea);
    expect(client.cookie).toMatch(/^bk_session=/);
  });

  it('keeps the CSRF check: a configured origin without the kit’s header, and any other origin, are refused', async () => {
    const withoutHeader = await new Client(t.url).call('POST', '/api/auth/signup', signupBody('nohdr@example.com'), {
      origin: clientArea,
      'x-broker-kit': '0',
    });
    expect(withoutHeader.status).toBe(403);
    expect(withoutHeader.body.code).toBe('CH_INSUFFICIENT_PERMISSIONS');
    const foreign = await new Client(t.url).call('POST', '/api/auth/signup', signupBody('foreign@example.com'), {
      origin: stranger,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('without allowedClientOrigins', () => {
  it('answers no CORS at all', async () => {
    const plain = await startTestServer();
    try {
      const reply = await fetch(`${plain.url}/api/auth/signup`, {
        method: 'OPTIONS',
        headers: { origin: clientArea, 'access-control-request-method': 'POST' },
      });
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await plain.close();
    }
  });
});
