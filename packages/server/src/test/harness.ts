// Starts the real app on a real port with a real SQLite file in a temporary folder, and a fake platform.
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../app.ts';
import { parseBrokerConfig, type ServerSettings } from '../config.ts';
import type { Logger } from '../http.ts';
import type { Mailer } from '../mailer.ts';
import { startFakePlatform, type FakePlatform } from './fake-platform.ts';

export const crmPassword = 'test-crm-password-0123456789';
export const adminToken = 'test-admin-token-0123456789';
export const metricsToken = 'test-metrics-token-0123456789';

export interface TestServer {
  url: string;
  server: RunningServer;
  platform: FakePlatform;
  dir: string;
  logs: string[];
  /** Moves the server clock. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startTestServer(
  options: {
    core?: Record<string, unknown>;
    server?: Record<string, unknown>;
    redisUrl?: string;
    dir?: string;
    /** Settings beyond the harness's own (devOutbox, say). */
    settings?: Partial<ServerSettings>;
    mailer?: Mailer;
    /** The server's logger instead of the harness's, which gathers lines in `logs`. */
    logger?: Logger;
  } = {},
): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bk-server-'));
  const platform = await startFakePlatform();
  // A stand-in for the built hosted shell, so these tests do not depend on a front-end build.
  const hostedDir = join(dir, 'hosted');
  mkdirSync(join(hostedDir, 'assets'), { recursive: true });
  writeFileSync(
    join(hostedDir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shell</title>' +
      '<script type="module" crossorigin src="/assets/index-test.js"></script>' +
      '<link rel="modulepreload" crossorigin href="/assets/chunk-test.js"></head><body><main id="app"></main></body></html>',
  );
  writeFileSync(join(hostedDir, 'assets', 'index-test.js'), 'export const shell = 1;\n');
  const logs: string[] = [];
  let offset = 0;
  const server = await startServer({
    settings: {
      port: 0,
      dataDir: dir,
      sqlitePath: join(dir, 'nested', 'broker-kit.sqlite'),
      hostedDir,
      redisUrl: options.redisUrl,
      platformUrl: platform.url,
      // Generous: a busy machine must not turn a healthy platform into a timeout. Timeout tests set their own.
      platformTimeoutMs: 15_000,
      managerToken: 'test-manager-token',
      clients: [{ id: 'ctrader', password: crmPassword }],
      adminToken,
      metricsToken,
      trustProxy: 1,
      scryptCost: { N: 4096, r: 8, p: 1 },
      agentDelayMs: 20,
      devOutbox: false,
      demo: false,
      ...options.settings,
    },
    mailer: options.mailer,
    config: (port) =>
      parseBrokerConfig(
        {
          identityMode: 'sso',
          modules: ['embedded-web', 'deposit-withdrawal', 'kyc', 'action-chat', 'ribbons', 'invite'],
          backendBaseUrl: '/',
          successUrl: `http://127.0.0.1:${port}/callback/success`,
          brand: { name: 'Test Broker' },
          allowedEmbeddingOrigins: ['https://client.broker.example'],
          ...options.core,
          server: options.server,
        },
        port,
      ),
    now: () => Date.now() + offset,
    // A line as text, its structured fields after it as JSON, so tests can search both.
    logger: options.logger ?? {
      info: (line, fields) => logs.push(fields ? `${line} ${JSON.stringify(fields)}` : line),
      error: (line, fields) => logs.push(fields ? `${line} ${JSON.stringify(fields)}` : line),
    },
  });
  return {
    url: server.url,
    server,
    platform,
    dir,
    logs,
    advance: (ms) => (offset += ms),
    close: async () => {
      await server.close();
      await platform.close();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
}

/** A browser-like client: keeps the session cookie, sends the kit's header and our Origin. */
export class Client {
  cookie = '';
  constructor(
    readonly base: string,
    readonly ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const init: RequestInit = {
      method,
      headers: {
        'x-broker-kit': '1',
        origin: this.base,
        'x-forwarded-for': this.ip,
        ...(this.cookie && { cookie: this.cookie }),
        ...(body !== undefined && !(body instanceof FormData) && { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body !== undefined && {
        body: body instanceof FormData ? body : typeof body === 'string' ? body : JSON.stringify(body),
      }),
      redirect: 'manual',
    };
    const response = await fetch(`${this.base}${path}`, init);
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const [pair] = setCookie.split(';');
      this.cookie = pair!.endsWith('=') ? '' : pair!;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed, headers: response.headers };
  }
}

export const signupBody = (email: string, extra: Record<string, unknown> = {}) => ({
  firstName: 'Ada',
  lastName: 'Lovelace',
  email,
  password: 'correct horse battery 9',
  country: 'GB',
  acceptTerms: true,
  acceptAgreement: true,
  keepLoggedIn: true,
  ...extra,
});

/** Signs a new user up and creates a trading account: the full SSO path; answers the OT token. */
export async function ssoUser(
  t: TestServer,
  email: string,
): Promise<{ client: Client; token: string; userId: number; login: number }> {
  const client = new Client(t.url);
  const signup = await client.call('POST', '/api/auth/signup', signupBody(email));
  if (signup.status !== 200) throw new Error(`signup ${signup.status} ${JSON.stringify(signup.body)}`);
  const created = await client.call('POST', '/api/accounts', {
    accountTypeId: 'standard',
    environment: 'live',
    currency: 'USD',
    leverage: 100,
    idempotencyKey: `acct-${email}`,
  });
  if (created.status !== 200) throw new Error(`account ${created.status} ${JSON.stringify(created.body)}`);
  return { client, token: created.body.token, userId: created.body.userId, login: created.body.account.login };
}

export async function crmApiToken(t: TestServer): Promise<string> {
  const reply = await fetch(`${t.url}/oauth2/crmApiToken`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password: crmPassword }),
  });
  return ((await reply.json()) as { crmApiToken: string }).crmApiToken;
}

export async function exchange(
  t: TestServer,
  token: string,
  clientToken: string,
  path = '/oauth2/token',
): Promise<Reply> {
  const response = await fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${clientToken}` },
    body: JSON.stringify(path === '/oauth2/token' ? { token } : { code: token }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** One request on its own connection (for Host overrides and bodies the server cuts off). */
export function rawRequest(
  url: string,
  options: { method: string; headers: Record<string, string>; body?: string },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: options.method, headers: options.headers, agent: false }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(response.headers))
          if (typeof value === 'string') headers.set(name, value);
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: response.statusCode ?? 0, headers, body });
      });
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** Rate limits no contract check comes near: the contract tests limits of its own, not the server's defaults. */
const plenty = { limit: 100_000, windowSeconds: 60 };

/** The reference server the adapter contract runs against: dev outbox on (reset links), limits out of the way. */
export function startContractServer(): Promise<TestServer> {
  return startTestServer({
    settings: { devOutbox: true },
    server: {
      rateLimits: {
        loginPerIp: plenty,
        loginPerAccount: plenty,
        signupPerIp: plenty,
        tokenPerIp: plenty,
        exchangePerClient: plenty,
        passwordResetPerAccount: plenty,
        inAppTokenPerUser: plenty,
      },
    },
  });
}
