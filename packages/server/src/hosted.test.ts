// Hosted pages (SECURITY 16), redirects (8), logs and the audit trail (13).
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get, type IncomingHttpHeaders } from 'node:http';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, crmApiToken, exchange, ssoUser, startTestServer, type TestServer } from './test/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** A GET that sends exactly the given headers and keeps the body as sent (fetch would add and undo encodings). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

function policy(header: string | null): Map<string, string> {
  return new Map(
    (header ?? '').split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(' ');
      return [name, values.join(' ')];
    }),
  );
}

describe('hosted pages (SECURITY 16)', () => {
  it('lists the screens at /', async () => {
    const html = await (await fetch(`${t.url}/`)).text();
    for (const route of ['/auth/login', '/account/create', '/callback/success', '/inapp/deposit', '/inapp/chat'])
      expect(html).toContain(`href="${route}"`);
  });

  it('serves login with a per-response nonce, strict CSP, Trusted Types, no framing, no referrer, no store', async () => {
    const first = await fetch(`${t.url}/auth/login?token=secret`);
    const second = await fetch(`${t.url}/auth/login`);
    const csp = policy(first.headers.get('content-security-policy'));
    const nonce = csp.get('script-src')!.match(/'nonce-([A-Za-z0-9+/=]{22,})' 'strict-dynamic'/)![1]!;
    expect(policy(second.headers.get('content-security-policy')).get('script-src')).not.toContain(nonce);
    const html = await first.text();
    expect(html).toContain(`<link rel="modulepreload" nonce="${nonce}" crossorigin`);
    expect(html).toMatch(new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}" type="module"`));
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('require-trusted-types-for')).toBe("'script'");
    expect(csp.get('trusted-types')).toBe('lit-html');
    expect(first.headers.get('referrer-policy')).toBe('no-referrer');
    expect(first.headers.get('cache-control')).toBe('no-store');
    expect(first.headers.get('x-frame-options')).toBe('DENY');
  });

  it('lets only the configured origins frame in-app screens', async () => {
    for (const route of ['/inapp/deposit', '/inapp/kyc']) {
      const response = await fetch(`${t.url}${route}`);
      expect(policy(response.headers.get('content-security-policy')).get('frame-ancestors')).toBe(
        'https://client.broker.example',
      );
      expect(response.headers.get('x-frame-options')).toBeNull();
    }
    for (const route of ['/account/create', '/callback/success']) {
      expect(
        policy((await fetch(`${t.url}${route}`)).headers.get('content-security-policy')).get('frame-ancestors'),
      ).toBe("'none'");
    }
  });

  it('publishes the shared configuration for the shell, without server settings', async () => {
    const config = (await (await fetch(`${t.url}/broker-config.json`)).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      identityMode: 'sso',
      successUrl: `${t.url}/callback/success`,
      brand: { name: 'Test Broker' },
    });
    expect(config.server).toBeUndefined();
    expect(JSON.stringify(config)).not.toMatch(/password|manager|admin/i);
  });

  it('serves the bundle under /assets', async () => {
    const html = await (await fetch(`${t.url}/auth/login`)).text();
    const script = html.match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
    const asset = await fetch(`${t.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect((await fetch(`${t.url}/assets/../../server/package.json`)).status).toBe(404);
  });

  it('sends an asset precompressed to a client that accepts it, and raw to one that does not', async () => {
    const source = Buffer.from('export const screen = "login";\n'.repeat(200));
    const assets = join(t.dir, 'hosted', 'assets');
    writeFileSync(join(assets, 'screen-test.js'), source);
    writeFileSync(join(assets, 'screen-test.js.gz'), gzipSync(source));
    writeFileSync(join(assets, 'screen-test.js.br'), brotliCompressSync(source));

    const gzip = await rawGet(`${t.url}/assets/screen-test.js`, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toMatch(/accept-encoding/i);
    expect(gzip.headers['content-type']).toMatch(/javascript/);
    expect(gzip.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(gzip.body.length).toBeLessThan(source.length);
    expect(gunzipSync(gzip.body).equals(source)).toBe(true);

    const brotli = await rawGet(`${t.url}/assets/screen-test.js`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(brotli.body).equals(source)).toBe(true);

    const raw = await rawGet(`${t.url}/assets/screen-test.js`, {});
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.headers['content-type']).toMatch(/javascript/);
    expect(raw.body.equals(source)).toBe(true);
  });

  it("announces the route's screen chunk and its static imports as modulepreload, with the response's nonce", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bk-hosted-'));
    const built = await startTestServer({ dir });
    try {
      mkdirSync(join(dir, 'hosted', '.vite'));
      writeFileSync(
        join(dir, 'hosted', '.vite', 'manifest.json'),
        JSON.stringify({
          'index.html': { file: 'assets/index-test.js', isEntry: true, imports: ['_shared-test.js'] },
          '_shared-test.js': { file: 'assets/shared-test.js' },
          '_field-test.js': { file: 'assets/field-test.js', imports: ['_shared-test.js'] },
          '../elements/src/screens/login/define.ts': {
            file: 'assets/login-test.js',
            imports: ['index.html', '_field-test.js'],
          },
          '../elements/src/screens/deposit/define.ts': { file: 'assets/deposit-test.js', imports: ['index.html'] },
        }),
      );
      const response = await fetch(`${built.url}/auth/login`);
      const nonce = policy(response.headers.get('content-security-policy'))
        .get('script-src')!
        .match(/'nonce-([^']+)'/)![1]!;
      const preloads = [...(await response.text()).matchAll(/<link rel="modulepreload"[^>]*>/g)].map(([tag]) => tag);
      expect(preloads).toContain(
        `<link rel="modulepreload" nonce="${nonce}" crossorigin href="/assets/login-test.js">`,
      );
      expect(preloads).toContain(
        `<link rel="modulepreload" nonce="${nonce}" crossorigin href="/assets/field-test.js">`,
      );
      // The shell's own files are not repeated, and other screens' chunks are not fetched.
      expect(preloads.join('')).not.toMatch(/index-test|shared-test|deposit-test/);
      expect(await (await fetch(`${built.url}/inapp/deposit`)).text()).toContain('href="/assets/deposit-test.js"');
      expect((await (await fetch(`${built.url}/inapp/kyc`)).text()).match(/rel="modulepreload"/g)).toHaveLength(1);
    } finally {
      await built.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds no preloads without a build manifest', async () => {
    const html = await (await fetch(`${t.url}/auth/login`)).text();
    expect(html.match(/rel="modulepreload"/g)).toHaveLength(1);
  });
});

describe('redirects (SECURITY 8)', () => {
  it('forwards /oauth2/authorize to the login screen only with the exactly registered redirect_uri', async () => {
    const ok = await fetch(
      `${t.url}/oauth2/authorize?firstLogin=true&lang=ar&redirect_uri=${encodeURIComponent(`${t.url}/callback/success`)}&evil=1`,
      { redirect: 'manual' },
    );
    expect(ok.status).toBe(302);
    expect(ok.headers.get('location')).toBe('/auth/login?firstLogin=true&lang=ar');
    for (const target of [
      'https://evil.example/',
      `${t.url}/callback/success/../x`,
      `${t.url}/callback/success?x=1`,
      '//evil.example',
      'javascript:alert(1)',
      `${t.url.toUpperCase()}/callback/success`,
    ]) {
      const reply = await fetch(`${t.url}/oauth2/authorize?redirect_uri=${encodeURIComponent(target)}`, {
        redirect: 'manual',
      });
      expect(reply.status).toBe(400);
      expect(reply.headers.get('location')).toBeNull();
    }
    const twice = await fetch(
      `${t.url}/oauth2/authorize?redirect_uri=${encodeURIComponent(`${t.url}/callback/success`)}&redirect_uri=https://evil.example`,
      { redirect: 'manual' },
    );
    expect(twice.status).toBe(400);
  });
});

describe('logs and audit trail (SECURITY 13)', () => {
  it('never writes a token to the log, and records who, what, when, where, outcome', async () => {
    const { token, userId, client } = await ssoUser(t, 'audited@example.com');
    const clientToken = await crmApiToken(t);
    const { accessToken } = (await exchange(t, token, clientToken)).body;
    await exchange(t, token, clientToken);
    await fetch(`${t.url}/callback/success?token=${token}`);
    await client.call('POST', '/api/auth/login', {
      email: 'audited@example.com',
      password: 'wrong password!',
      keepLoggedIn: false,
    });
    const logged = t.logs.join('\n');
    expect(logged).toContain('GET /callback/success?[redacted] 200');
    for (const secret of [token, accessToken, clientToken, 'wrong password!', 'correct horse battery 9'])
      expect(logged).not.toContain(secret);

    const entries = t.server.deps.stores.audit.list({});
    const exported = JSON.stringify(entries);
    for (const secret of [token, accessToken, clientToken, 'wrong password!']) expect(exported).not.toContain(secret);
    const events = entries.filter((entry) => entry.userId === userId).map((entry) => `${entry.event}:${entry.outcome}`);
    expect(events).toEqual(
      expect.arrayContaining([
        'signup:success',
        'account.create:success',
        'token.issue:success',
        'token.exchange:success',
        'token.replay:failure',
        'login:failure',
      ]),
    );
    expect(entries.find((entry) => entry.event === 'login')).toMatchObject({ ip: client.ip, at: expect.any(Number) });
  });

  it('is append-only: the database refuses UPDATE and DELETE', () => {
    const db = new Database(join(t.dir, 'nested', 'broker-kit.sqlite'));
    try {
      expect(() => db.prepare("UPDATE audit SET outcome = 'success'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('exports CSV and JSON to the admin credential only', async () => {
    const denied = await fetch(`${t.url}/api/audit/export?format=json`, { headers: { authorization: 'Bearer wrong' } });
    expect(denied.status).toBe(403);
    expect((await fetch(`${t.url}/api/audit/export`)).status).toBe(403);
    const json = await fetch(`${t.url}/api/audit/export?format=json`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const { entries } = (await json.json()) as { entries: { event: string; at: string }[] };
    expect(entries.length).toBeGreaterThan(3);
    expect(entries[0]!.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const csv = await fetch(`${t.url}/api/audit/export?format=csv`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,at,event,outcome,userId,actor,ip,detail');
    // The header, the rows the JSON export saw, and that export's own audit entry.
    expect(lines).toHaveLength(entries.length + 2);
    expect(lines.at(-1)).toContain('audit.export');
    expect(
      (await fetch(`${t.url}/api/audit/export?format=xml`, { headers: { authorization: `Bearer ${adminToken}` } }))
        .status,
    ).toBe(400);
  });

  it('neutralises spreadsheet formulas in the CSV', async () => {
    t.server.deps.stores.audit.append({
      at: Date.now(),
      event: 'test',
      outcome: 'success',
      actor: '=HYPERLINK("http://evil")',
    });
    const csv = await (
      await fetch(`${t.url}/api/audit/export?format=csv`, { headers: { authorization: `Bearer ${adminToken}` } })
    ).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });
});
