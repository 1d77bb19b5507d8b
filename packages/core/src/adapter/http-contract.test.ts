// The contract suite through real HTTP: an HttpAdapter talks to a small node:http server that serves a
// MemoryAdapter on the default routes. It checks that the HttpAdapter carries every call and error faithfully.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { BrokerKitError } from '../errors.ts';
import { describeAdapterContract, fetchWithCookies } from './contract.ts';
import { HttpAdapter } from './http.ts';
import { MemoryAdapter } from './memory.ts';
import { demoCredentials, newUserCredentials } from './memory-data.ts';
import { defaultRoutes, type RouteName } from './routes.ts';

let backend = new MemoryAdapter();
let baseUrl = '';

const compiled = (Object.entries(defaultRoutes) as [RouteName, string][]).map(([name, spec]) => {
  const [method, path] = spec.split(' ') as [string, string];
  return { name, method, pattern: new RegExp(`^${path.replace(/:(\w+)/g, '(?<$1>[^/]+)')}$`) };
});
const withoutInput = new Set<RouteName>(['currentUser', 'logout', 'accountTypes', 'invite', 'inviteStats']);

const server = createServer((request, response) => {
  void handle(request, response).catch((error: unknown) => {
    const failure = error instanceof BrokerKitError ? error : new BrokerKitError('SERVER_ERROR');
    response.writeHead(failure.status || 500, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(failure.toBody()));
  });
});

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url!, 'http://local');
  const route = compiled.find(
    (candidate) => candidate.method === request.method && candidate.pattern.test(url.pathname),
  );
  if (!route || request.headers['x-broker-kit'] !== '1') throw new BrokerKitError('NOT_FOUND');
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const input: Record<string, unknown> = { ...route.pattern.exec(url.pathname)!.groups };
  for (const [key, value] of url.searchParams) input[key] = key === 'account' ? Number(value) : value;
  const type = request.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) {
    // A document upload: the fields as the adapter call takes them, the file as a Blob.
    const form = await new Request('http://local', {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    }).formData();
    for (const [key, value] of form) {
      input[key] = value;
      if (value instanceof File) input.fileName ??= value.name;
    }
  } else if (body.length > 0) Object.assign(input, JSON.parse(body.toString()));
  const call = backend[route.name] as (...args: unknown[]) => Promise<unknown>;
  const result = await (withoutInput.has(route.name) ? call.call(backend) : call.call(backend, input));
  if (result === undefined) response.writeHead(204).end();
  else response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(result));
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describeAdapterContract('HttpAdapter over HTTP', () => {
  backend = new MemoryAdapter();
  return {
    adapter: new HttpAdapter({ baseUrl, fetch: fetchWithCookies(), backoffMs: 5 }),
    user: demoCredentials,
    otherUser: newUserCredentials,
    issueToken: (options) => backend.issueToken(options),
    issueExpiredToken: () => backend.issueToken({ ttlMs: -1000 }),
    passwordResetToken: (email) => backend.lastPasswordResetToken(email),
  };
});
