// A small stand-in for the platform's manager API (the platform is not ours). Records every call.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface FakePlatform {
  url: string;
  calls: { method: string; path: string; body: Record<string, unknown>; authorization?: string }[];
  /** Routes (path prefixes) that answer 503. */
  failing: Set<string>;
  /** What the validate call answers for a token it never issued (its default: 401 INVALID_OT_TOKEN). */
  unknownTokenAnswer: { status: number; body: Record<string, unknown> };
  /** Routes (path prefixes) that never answer, and do nothing. */
  slow: Set<string>;
  /** Routes (path prefixes) that do their work, then never answer: the outcome is lost on the way back. */
  hangAfterApply: Set<string>;
  /** Balance changes applied, by externalId: the platform applies each externalId once. */
  balanceChanges: Map<string, { login: number; preciseAmount: string; type: string }>;
  /** How many changebalance calls arrived (applied or repeated). */
  balanceCalls(): number;
  /** Issues an in-app OT token the way `GET /ctid2/inAppOneTimeToken/data` would. */
  issueInAppToken(data: {
    userId: number;
    email?: string;
    tradingLogin?: number;
    action?: string;
    expiresAt?: string;
    firstName?: string;
    lastName?: string;
  }): string;
  close(): Promise<void>;
}

export async function startFakePlatform(): Promise<FakePlatform> {
  const calls: FakePlatform['calls'] = [];
  const failing = new Set<string>();
  const slow = new Set<string>();
  const hangAfterApply = new Set<string>();
  const balanceChanges: FakePlatform['balanceChanges'] = new Map();
  const tokens = new Map<string, Record<string, unknown>>();
  let nextUserId = 1000;
  let nextLogin = 5_000_000;
  const server: Server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      const path = request.url ?? '';
      calls.push({ method: request.method ?? '', path, body, authorization: request.headers.authorization });
      const send = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(payload));
      };
      if ([...failing].some((prefix) => path.startsWith(prefix))) return send(503, { error: 'down' });
      // A platform that hangs: the request is never answered (the server's own timeout must end it).
      if ([...slow].some((prefix) => path.startsWith(prefix))) return;
      if (request.headers.authorization !== 'Bearer test-manager-token')
        return send(403, { code: 'CH_CLIENT_AUTH_FAILURE' });
      if (path === '/ctid/users' || path === '/oauth2/ctid/create') return send(200, { userId: nextUserId++ });
      if (path === '/ctid/traders') return send(200, { login: nextLogin++ });
      if (path === '/ctid2/inAppOneTimeToken/validate') {
        const data = tokens.get(String(body.token));
        if (!data) return send(fake.unknownTokenAnswer.status, fake.unknownTokenAnswer.body);
        return send(200, data);
      }
      if (path === '/ctid/referrals') return send(200, { result: 'ATTRIBUTED_NEW' });
      const change = /^\/webserv\/traders\/(\d+)\/changebalance(?:\/(.+))?$/.exec(path);
      if (change && request.method === 'GET') {
        const found = balanceChanges.get(decodeURIComponent(change[2] ?? ''));
        return found ? send(200, found) : send(404, { code: 'NOT_FOUND' });
      }
      if (change) {
        const externalId = String(body.externalId ?? '');
        // The platform's own idempotency: a repeated externalId changes nothing and answers the first result.
        if (externalId && !balanceChanges.has(externalId))
          balanceChanges.set(externalId, {
            login: Number(change[1]),
            preciseAmount: String(body.preciseAmount),
            type: String(body.type),
          });
        if ([...hangAfterApply].some((prefix) => path.startsWith(prefix))) return;
        return send(200, { login: Number(change[1]) });
      }
      return send(200, {});
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakePlatform = {
    url: `http://127.0.0.1:${port}`,
    unknownTokenAnswer: { status: 401, body: { error: 'Invalid Token', message: 'x', code: 'INVALID_OT_TOKEN' } },
    calls,
    failing,
    slow,
    hangAfterApply,
    balanceChanges,
    balanceCalls: () => calls.filter((call) => call.method === 'POST' && call.path.endsWith('/changebalance')).length,
    issueInAppToken(data) {
      const token = randomBytes(12).toString('hex');
      tokens.set(token, {
        email: `user${data.userId}@example.com`,
        expiresAt: new Date(Date.now() + 60_000).toISOString(),
        ...data,
      });
      return token;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
