// The request plumbing every route shares: the nosniff header on every kind of answer, the body cap for declared
// and chunked bodies (SECURITY 11), and access lines with the raw path and no query (SECURITY 13).
import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostOf } from './http.ts';
import { Client, crmApiToken, exchange, rawRequest, startTestServer, type TestServer } from './test/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** A POST whose body goes out in chunks (Transfer-Encoding: chunked, no Content-Length). */
function chunkedPost(path: string, chunks: string[]): Promise<{ status: number; body: unknown; headers: Headers }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${t.url}${path}`,
      { method: 'POST', headers: { 'content-type': 'application/json', 'x-broker-kit': '1' }, agent: false },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(response.headers))
            if (typeof value === 'string') headers.set(name, value);
          resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown, headers });
        });
      },
    );
    request.on('error', reject);
    for (const chunk of chunks) request.write(chunk);
    request.end();
  });
}

describe('request plumbing', () => {
  it('sends X-Content-Type-Options: nosniff on successes, thrown errors, refusals and unknown paths', async () => {
    const replies = [
      await new Client(t.url).call('GET', '/broker-config.json'),
      await exchange(t, 'A'.repeat(43), await crmApiToken(t)),
      await new Client(t.url).call('POST', '/api/validate-token', {}, { 'x-broker-kit': '0' }),
      await new Client(t.url).call('GET', '/no/such/endpoint'),
      await rawRequest(`${t.url}/api/validate-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-broker-kit': '1' },
        body: JSON.stringify({ token: 'x'.repeat(20_000) }),
      }),
    ];
    expect(replies.map((reply) => reply.status)).toEqual([200, 401, 403, 404, 413]);
    for (const reply of replies) expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('caps a chunked body by counting it, and still reads a small chunked body', async () => {
    const big = await chunkedPost('/api/validate-token', ['{"token":"', 'x'.repeat(10_000), 'x'.repeat(10_000), '"}']);
    expect(big).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(big.headers.get('x-content-type-options')).toBe('nosniff');
    const small = await chunkedPost('/api/validate-token', ['{"tok', 'en":"short"}']);
    expect(small).toMatchObject({ status: 401, body: { code: 'INVALID_OT_TOKEN' } });
  });

  it('logs the raw path and status, never the query or a decoded control character', async () => {
    await new Client(t.url).call('GET', '/broker-config.json?token=secret-value');
    await new Client(t.url).call('GET', '/no%0d%0aFAKE%20LINE?x=1');
    const logged = t.logs.join('\n');
    expect(logged).toContain('GET /broker-config.json?[redacted] 200');
    expect(logged).toContain('GET /no%0d%0aFAKE%20LINE?[redacted] 404');
    expect(logged).not.toContain('secret-value');
    expect(logged).not.toMatch(/\r|\nFAKE/);
  });

  it('reads the host name of a normalised request URL exactly as URL.hostname does', () => {
    const authority = { withIPv4: true, withIPv6: true, withPort: true };
    fc.assert(
      fc.property(
        fc.webUrl({ authoritySettings: authority, withQueryParameters: true, withFragments: true }),
        (raw) => {
          const url = new URL(raw);
          expect(hostOf(url.href)).toBe(url.hostname);
        },
      ),
      { numRuns: 50 },
    );
  });
});
