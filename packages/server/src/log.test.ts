// The JSON logger (pino), alone and as the real server's logger: one object per line, the request id on every
// access line, never a token, a password or personal data.
import { describe, expect, it } from 'vitest';
import { settingsFromEnv } from './config.ts';
import { jsonLogger } from './log.ts';
import { crmApiToken, exchange, ssoUser, startTestServer } from './test/harness.ts';

/** A pino destination that keeps what it is given, one parsed object per line. */
function capture() {
  const lines: string[] = [];
  return {
    lines,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    stream: { write: (chunk: string) => void lines.push(...chunk.split('\n').filter(Boolean)) },
  };
}

describe('JSON logger', () => {
  it('writes one JSON object per line with time, level, message and fields', () => {
    const out = capture();
    jsonLogger('info', out.stream).info('GET /api/me 401 1ms', { requestId: 'r-1', status: 401 });
    const [record] = out.records();
    expect(record).toMatchObject({
      level: 30,
      msg: 'GET /api/me 401 1ms',
      requestId: 'r-1',
      status: 401,
      service: 'broker-kit-server',
    });
    expect(Date.parse(String(record!.time))).not.toBeNaN();
  });

  it('keeps only errors at LOG_LEVEL=error', () => {
    const out = capture();
    const logger = jsonLogger('error', out.stream);
    logger.info('GET /broker-config.json 200 0ms');
    logger.error('audit write failed for login');
    expect(out.records().map((record) => [record.level, record.msg])).toEqual([[50, 'audit write failed for login']]);
  });

  it('redacts fields named like secrets, should a caller ever pass one', () => {
    const out = capture();
    jsonLogger('info', out.stream).info('oops', { token: 'tok-123', password: 'pw-456', email: 'a@b.example' });
    expect(out.lines.join('\n')).not.toMatch(/tok-123|pw-456|a@b\.example/);
    expect(out.records()[0]).toMatchObject({ token: '[redacted]' });
  });

  it('reads LOG_LEVEL from the environment and refuses an unknown level', () => {
    expect(settingsFromEnv({}).logLevel).toBe('info');
    expect(settingsFromEnv({ LOG_LEVEL: 'error' }).logLevel).toBe('error');
    expect(() => settingsFromEnv({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});

describe('the server with the JSON logger', () => {
  it('logs each request as JSON with its request id and route pattern, and no secret or personal data', async () => {
    const out = capture();
    const t = await startTestServer({ logger: jsonLogger('info', out.stream) });
    try {
      const email = 'json-logs@example.com';
      const { token, client } = await ssoUser(t, email);
      const clientToken = await crmApiToken(t);
      const { accessToken } = (await exchange(t, token, clientToken)).body;
      const success = await fetch(`${t.url}/callback/success?token=${token}`);
      const failedLogin = await client.call('POST', '/api/auth/login', {
        email,
        password: 'wrong password!',
        keepLoggedIn: false,
      });
      const payment = await client.call('GET', '/api/payments/tx-json-log-1');

      await expect.poll(() => out.lines.length).toBeGreaterThanOrEqual(6);
      const records = out.records();
      const byId = (response: { headers: Headers }) =>
        records.find((record) => record.requestId === response.headers.get('x-request-id'));
      expect(byId(success)).toMatchObject({
        msg: expect.stringMatching(/^GET \/callback\/success\?\[redacted\] 200 \d+ms$/),
        method: 'GET',
        route: '/callback/success',
        status: 200,
      });
      expect(byId(failedLogin)).toMatchObject({ route: '/api/auth/login', status: 401 });
      expect(byId(payment)).toMatchObject({ route: '/api/payments/:id', status: 404 });
      // The request id of the login is also on its audit entry.
      const loginId = failedLogin.headers.get('x-request-id');
      expect(t.server.deps.stores.audit.list({}).find((entry) => entry.detail?.requestId === loginId)).toMatchObject({
        event: 'login',
        outcome: 'failure',
      });

      const written = out.lines.join('\n');
      const cookie = client.cookie.split('=')[1]!;
      for (const secret of [token, accessToken, clientToken, cookie, 'wrong password!', 'correct horse battery', email])
        expect(written, secret).not.toContain(secret);
    } finally {
      await t.close();
    }
  });
});
