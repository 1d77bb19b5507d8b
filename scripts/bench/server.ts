// The reference backend as the bench runs it: its own process (main.ts) on a free loopback port, a fresh data
// folder, a configuration file that raises the rate limits, and a bench user whose tokens are issued through
// the server's own store module (the same SQLite file, WAL) or through its endpoints.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { openStores, type StoreHandle } from '../../packages/server/src/store/index.ts';
import { defaultScryptCost, hashPassword, hashToken, newToken } from '../../packages/server/src/crypto.ts';
import { ensureAccount } from '../../packages/server/src/store/accounts.ts';
import { screensClientId } from '../../packages/server/src/tokens.ts';
import { freePort, startNode, waitForHttp } from '../processes.ts';
import type { Call, Target } from './load.ts';

/** High enough that no bench request is ever limited; the limiter itself still runs on every request. */
const unlimited = { limit: 1_000_000_000, windowSeconds: 60 };
const benchUserId = 900_001;
/** A user with a password (the server's default cost), for the login timing: wrong password against no account. */
export const timingUser = { userId: 900_002, email: 'timing@example.com' };
export const benchTradingLogin = 7_000_001;
const ssoClientId = 'ctrader';
const tokenTtlMs = 15 * 60_000;

export type InAppAction = 'deposit' | 'withdraw' | 'kyc' | 'action' | 'chat' | 'invite';

export interface BenchServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** Issues `count` tokens straight into the server's store (one transaction): in-app or SSO login ones. */
  issue(kind: 'in-app' | 'sso-login', count: number, action?: InAppAction): Promise<string[]>;
  /** A crmApiToken from POST /oauth2/crmApiToken, as the platform gets one. */
  clientToken(): Promise<string>;
  /** A fresh in-app OT token from POST /api/inapp-token, as the platform asks for one under SSO. */
  inAppToken(action: InAppAction): Promise<string>;
  close(): void;
}

async function postJson(url: string, body: unknown, bearer?: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(bearer && { Authorization: `Bearer ${bearer}` }) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${new URL(url).pathname} answered ${response.status} ${String(json.code)}`);
  return json;
}

export async function startBenchServer(dataDir: string, hostedDir: string, logFile: string): Promise<BenchServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const configPath = join(dataDir, 'broker-config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      identityMode: 'sso',
      modules: ['embedded-web', 'deposit-withdrawal', 'kyc', 'action-chat', 'ribbons', 'invite'],
      backendBaseUrl: '/',
      successUrl: `${url}/callback/success`,
      brand: { name: 'Bench Broker' },
      tokenTtlSeconds: 900,
      server: {
        rateLimits: {
          loginPerIp: unlimited,
          loginPerAccount: unlimited,
          signupPerIp: unlimited,
          tokenPerIp: unlimited,
          exchangePerClient: unlimited,
        },
      },
    }),
  );

  // The store is opened (and migrated) here first, so the bench user exists before the server starts.
  const stores: StoreHandle = await openStores({ sqlitePath: join(dataDir, 'broker-kit.sqlite') });
  const now = Date.now();
  stores.users.insert({
    userId: benchUserId,
    email: 'bench@example.com',
    passwordHash: null,
    firstName: 'Bench',
    lastName: 'User',
    country: 'CY',
    partnerId: 'bench',
    createdAt: now,
  });
  ensureAccount(stores.db, benchUserId, benchTradingLogin, now);
  stores.users.insert({
    ...timingUser,
    passwordHash: await hashPassword(randomBytes(16).toString('base64url'), defaultScryptCost),
    firstName: 'Timing',
    lastName: 'User',
    country: 'CY',
    partnerId: 'timing',
    createdAt: now,
  });

  const crmPassword = randomBytes(24).toString('base64url');
  const child = startNode({
    script: 'packages/server/src/main.ts',
    nodeOptions: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean),
    output: { logFile },
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      HOSTED_DIR: hostedDir,
      BROKER_CONFIG: configPath,
      // Unused: every token of the bench is the server's own, so the platform is never asked.
      PLATFORM_URL: 'http://127.0.0.1:9',
      CRM_CLIENT_ID: ssoClientId,
      CRM_API_PASSWORD: crmPassword,
      MANAGER_TOKEN: randomBytes(24).toString('base64url'),
    },
  });
  await waitForHttp(`${url}/broker-config.json`, child);

  const issue: BenchServer['issue'] = async (kind, count, action) => {
    const tokens: string[] = [];
    const issuedAt = Date.now();
    stores.db.exec('BEGIN');
    try {
      for (let i = 0; i < count; i += 1) {
        const token = newToken();
        await stores.tokens.issue({
          hash: hashToken(token),
          purpose: kind,
          userId: benchUserId,
          clientId: kind === 'in-app' ? screensClientId : ssoClientId,
          ...(action && { action }),
          tradingLogin: benchTradingLogin,
          issuedAt,
          expiresAt: issuedAt + tokenTtlMs,
        });
        tokens.push(token);
      }
      stores.db.exec('COMMIT');
    } catch (error) {
      stores.db.exec('ROLLBACK');
      throw error;
    }
    return tokens;
  };

  const clientToken = async () =>
    String((await postJson(`${url}/oauth2/crmApiToken`, { password: crmPassword })).crmApiToken);

  let accessToken: string | undefined;
  const inAppToken = async (action: InAppAction) => {
    if (!accessToken) {
      const [login] = await issue('sso-login', 1);
      accessToken = String((await postJson(`${url}/oauth2/token`, { token: login }, await clientToken())).accessToken);
    }
    const answer = await postJson(`${url}/api/inapp-token`, { action, tradingLogin: benchTradingLogin }, accessToken);
    return String(answer.token);
  };

  return { url, port, child, issue, clientToken, inAppToken, close: () => stores.db.close() };
}

/** The header the screens' HttpAdapter sends (the server's CSRF check for cross-site form posts). */
export const kitHeader = { 'X-Broker-Kit': '1' };

/**
 * A load target that spends one pre-issued token per request: in-app tokens on `/api/validate-token`, or SSO
 * login tokens exchanged by the platform's client on `/oauth2/token`.
 */
export async function tokenTarget(
  server: BenchServer,
  clientToken: string,
  kind: 'validation' | 'exchange',
  count: number,
): Promise<Target> {
  const tokens =
    kind === 'validation' ? await server.issue('in-app', count, 'deposit') : await server.issue('sso-login', count);
  const call = (token: string): Call =>
    kind === 'validation'
      ? { path: '/api/validate-token', body: JSON.stringify({ token, action: 'deposit' }), headers: kitHeader }
      : { path: '/oauth2/token', body: JSON.stringify({ token }), headers: { Authorization: `Bearer ${clientToken}` } };
  let index = 0;
  return { port: server.port, next: () => (index < tokens.length ? call(tokens[index++]!) : undefined) };
}
