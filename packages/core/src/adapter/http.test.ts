import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrokerKitError } from '../errors.ts';
import type { ChatEvent, ConnectionState } from './adapter.ts';
import { expectCode } from './contract.ts';
import { HttpAdapter, type HttpAdapterOptions } from './http.ts';
import type { AccountType, ChatMessage } from './schemas.ts';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  at: number;
}
type Handler = (request: IncomingMessage, response: ServerResponse, body: Buffer, index: number) => void;

let baseUrl = '';
let seen: Seen[] = [];
let handler: Handler;
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    seen.push({ method: request.method!, url: request.url!, headers: request.headers, body, at: performance.now() });
    handler(request, response, body, seen.length - 1);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  handler = (_request, response) => send(response, 500, 'no handler');
});

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(text);
}

/** Answers each request in turn with the next of these [status, body, headers?]. */
function answers(...list: [number, unknown, Record<string, string>?][]): Handler {
  return (_request, response, _body, index) => {
    const [status, body, headers] = list[Math.min(index, list.length - 1)]!;
    send(response, status, body, headers);
  };
}

const adapterWith = (options: Partial<HttpAdapterOptions> = {}) =>
  new HttpAdapter({ baseUrl, backoffMs: 5, timeoutMs: 15_000, ...options });

const standard: AccountType = {
  id: 'standard',
  name: { en: 'Standard' },
  environments: ['live'],
  currencies: ['USD'],
  leverages: [100],
};
const errorBody = (code: string, extra: object = {}) => ({
  error: 'Error',
  message: `Because ${code}`,
  code,
  ...extra,
});

describe('HttpAdapter requests', () => {
  it('answers a validated result and sends the client header and JSON accept on every call', async () => {
    handler = answers([200, [standard, { ...standard, id: 'raw', extra: 'ignored' }]]);
    const types = await adapterWith().accountTypes();
    expect(types.map((type) => type.id)).toEqual(['standard', 'raw']);
    expect(types[1]).not.toHaveProperty('extra');
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/api/account-types' });
    expect(seen[0]!.headers).toMatchObject({ 'x-broker-kit': '1', accept: 'application/json' });
  });

  it('puts GET parameters in the query and encodes path parameters', async () => {
    handler = answers([404, errorBody('NOT_FOUND')]);
    const adapter = adapterWith({ retries: 0 });
    await expectCode(adapter.paymentOptions({ direction: 'withdraw', account: 67890 }), 'NOT_FOUND');
    await expectCode(adapter.actionSchema({ actionType: 'a/b c?#%' }), 'NOT_FOUND');
    await expectCode(adapter.transaction({ id: '../admin' }), 'NOT_FOUND');
    expect(seen.map((request) => request.url)).toEqual([
      '/api/payments/options?direction=withdraw&account=67890',
      '/api/actions/a%2Fb%20c%3F%23%25',
      '/api/payments/..%2Fadmin',
    ]);
  });

  it('sends the OT token in a POST body, never in the URL', async () => {
    handler = answers([200, { valid: true, userId: 1, email: 'a@b.c', expiresAt: '2026-01-01T00:05:00Z' }]);
    await adapterWith().validateToken({ token: 'secret-token-value', action: 'deposit' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/validate-token' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[0]!.body.toString())).toEqual({ token: 'secret-token-value', action: 'deposit' });
  });

  it('sends the Idempotency-Key header with a keyed submission, the same on every retry', async () => {
    const transaction = {
      id: 'tx1',
      direction: 'deposit',
      account: 1,
      amount: '10.00',
      currency: 'USD',
      status: 'completed',
      reference: 'DEP-1',
      createdAt: '2026-01-01T00:00:00Z',
    };
    handler = answers([503, errorBody('SERVER_ERROR')], [200, transaction]);
    const request = {
      direction: 'deposit' as const,
      account: 1,
      methodId: 'card',
      amount: '10',
      currency: 'USD',
      idempotencyKey: 'key-123456',
    };
    await expect(adapterWith().submitPayment(request)).resolves.toEqual(transaction);
    expect(seen.map((request) => request.headers['idempotency-key'])).toEqual(['key-123456', 'key-123456']);
  });

  it('uploads a KYC document as multipart form data', async () => {
    handler = (request, response, body) => {
      void new Request('http://local/', {
        method: 'POST',
        headers: request.headers as HeadersInit,
        body: new Uint8Array(body),
      })
        .formData()
        .then(async (form) => {
          const file = form.get('file') as File;
          send(response, 200, {
            id: 'doc1',
            documentType: form.get('documentType'),
            fileName: `${form.get('kycType')}:${file.name}:${await file.text()}`,
            size: file.size,
            mimeType: file.type,
          });
        });
    };
    const file = new Blob(['%PDF-1.7'], { type: 'application/pdf' });
    const document = await adapterWith().uploadKycDocument({
      documentType: 'proof_of_address',
      kycType: 'standard',
      file,
      fileName: 'bill.pdf',
    });
    expect(document).toEqual({
      id: 'doc1',
      documentType: 'proof_of_address',
      fileName: 'standard:bill.pdf:%PDF-1.7',
      size: 8,
      mimeType: 'application/pdf',
    });
    expect(seen[0]!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen[0]!.headers['x-broker-kit']).toBe('1');
  });

  it('rejects a request it cannot send with INVALID_REQUEST, sending nothing', async () => {
    const adapter = adapterWith();
    const loose = adapter as unknown as Record<string, (request: unknown) => Promise<unknown>>;
    await expectCode(
      loose.uploadKycDocument!({ documentType: 'passport', file: 'x', fileName: 'a' }),
      'INVALID_REQUEST',
    );
    await expectCode(
      loose.submitAction!({ actionType: 'x', values: { n: 1n }, idempotencyKey: 'k' }),
      'INVALID_REQUEST',
    );
    await expectCode(adapter.transaction({ id: '' }), 'INVALID_REQUEST');
    expect(seen).toHaveLength(0);
  });

  it('sends cookies by default through the fetch it is given', async () => {
    handler = answers([200, [standard]]);
    const seenInits: RequestInit[] = [];
    const spy: typeof fetch = (input, init) => {
      seenInits.push(init!);
      return fetch(input, init);
    };
    await adapterWith({ fetch: spy }).accountTypes();
    await adapterWith({ fetch: spy, credentials: 'same-origin' }).accountTypes();
    expect(seenInits.map((init) => init.credentials)).toEqual(['include', 'same-origin']);
  });

  it('resolves calls that answer no content', async () => {
    handler = (_request, response) => response.writeHead(204).end();
    await expect(adapterWith().logout()).resolves.toBeUndefined();
  });

  it('takes paths (and methods) from its routes table and refuses a secret in a GET', async () => {
    handler = answers([200, { valid: true, userId: 1, email: 'a@b.c', expiresAt: '2026-01-01T00:05:00Z' }]);
    await adapterWith({ baseUrl: `${baseUrl}/crm/`, routes: { validateToken: '/v2/token' } }).validateToken({
      token: 't',
    });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/crm/v2/token' });
    expect(() => adapterWith({ routes: { login: 'GET /login' } })).toThrow(/routes\.login/);
    expect(() => adapterWith({ routes: { invite: 'FETCH /x' } })).toThrow(BrokerKitError);
  });
});

describe('HttpAdapter failures', () => {
  it('maps error bodies to their codes, status, fields and message', async () => {
    handler = answers(
      [401, errorBody('TOKEN_EXPIRED')],
      [422, errorBody('VALIDATION_FAILED', { fields: { email: 'invalid' } })],
    );
    const adapter = adapterWith();
    const expired = await expectCode(adapter.validateToken({ token: 't' }), 'TOKEN_EXPIRED');
    expect(expired).toMatchObject({ status: 401, message: 'Because TOKEN_EXPIRED' });
    const invalid = await expectCode(adapter.kycStatus({}), 'VALIDATION_FAILED');
    expect(invalid.fields).toEqual({ email: 'invalid' });
    expect(seen).toHaveLength(2);
  });

  it('maps unknown codes and bodies that are not error bodies to UNKNOWN_ERROR', async () => {
    handler = answers([418, errorBody('I_AM_A_TEAPOT')], [400, { oops: true }], [403, '<html>Forbidden</html>']);
    const adapter = adapterWith();
    await expectCode(adapter.invite(), 'UNKNOWN_ERROR');
    await expectCode(adapter.invite(), 'UNKNOWN_ERROR');
    const html = await expectCode(adapter.invite(), 'UNKNOWN_ERROR');
    expect(html.status).toBe(403);
  });

  it('answers SERVER_ERROR for malformed JSON or a body of the wrong shape, and does not retry it', async () => {
    handler = answers([200, '{"clicks": 1,'], [200, { clicks: '1', signups: 0, funded: 0, byResult: {} }], [200, '']);
    const adapter = adapterWith();
    const malformed = await expectCode(adapter.inviteStats(), 'SERVER_ERROR');
    expect(malformed.message).toMatch(/not valid JSON/);
    const wrongShape = await expectCode(adapter.inviteStats(), 'SERVER_ERROR');
    expect(wrongShape.message).toMatch(/schema at clicks/);
    await expectCode(adapter.inviteStats(), 'SERVER_ERROR');
    expect(seen).toHaveLength(3);
  });

  it('retries a GET after 5xx answers and resolves when the backend recovers', async () => {
    handler = answers([503, 'Service Unavailable'], [500, errorBody('SERVER_ERROR')], [200, [standard]]);
    await expect(adapterWith().accountTypes()).resolves.toHaveLength(1);
    expect(seen).toHaveLength(3);
  });

  it('gives up after its retries with the last error', async () => {
    handler = answers([502, errorBody('PLATFORM_UNAVAILABLE')]);
    await expectCode(adapterWith({ retries: 2 }).accountTypes(), 'PLATFORM_UNAVAILABLE');
    expect(seen).toHaveLength(3);
  });

  it('never retries login, signup, password calls, token validation or unkeyed POSTs', async () => {
    handler = answers([503, errorBody('SERVER_ERROR')]);
    const adapter = adapterWith();
    await expectCode(adapter.login({ email: 'a@b.c', password: 'p', keepLoggedIn: false }), 'SERVER_ERROR');
    await expectCode(adapter.changePassword({ currentPassword: 'a', newPassword: 'b' }), 'SERVER_ERROR');
    await expectCode(adapter.completePasswordReset({ token: 't', newPassword: 'b' }), 'SERVER_ERROR');
    await expectCode(adapter.validateToken({ token: 't' }), 'SERVER_ERROR');
    await expectCode(adapter.sendChatMessage({ text: 'hi', clientId: 'c' }), 'SERVER_ERROR');
    await expectCode(adapter.removeKycDocument({ id: 'd' }), 'SERVER_ERROR');
    expect(seen).toHaveLength(6);
  });

  it('times out a call that gets no answer, retrying a GET each time', async () => {
    handler = () => {};
    const adapter = adapterWith({ timeoutMs: 100 });
    const single = await expectCode(adapter.login({ email: 'a@b.c', password: 'p', keepLoggedIn: false }), 'TIMEOUT');
    expect(single.message).toMatch(/within 100 ms/);
    expect(seen).toHaveLength(1);
    await expectCode(adapter.accountTypes(), 'TIMEOUT');
    expect(seen).toHaveLength(4);
  });

  it('times out a body that never finishes', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.write('[');
    };
    await expectCode(adapterWith({ timeoutMs: 100, retries: 0 }).accountTypes(), 'TIMEOUT');
  });

  it('answers NETWORK_ERROR when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    await expectCode(adapterWith({ baseUrl: url, retries: 1 }).accountTypes(), 'NETWORK_ERROR');
  });

  it('rejects with the abort reason before a call, sending nothing', async () => {
    const reason = new DOMException('Left the screen', 'AbortError');
    await expect(adapterWith().accountTypes({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(seen).toHaveLength(0);
  });

  it('rejects with AbortError when aborted during a call, and does not retry', async () => {
    handler = () => {};
    const controller = new AbortController();
    const pending = adapterWith().accountTypes({ signal: controller.signal });
    await waitFor(() => seen.length === 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(1);
  });

  it('rejects with AbortError when aborted while waiting to retry', async () => {
    handler = answers([503, errorBody('SERVER_ERROR')]);
    const controller = new AbortController();
    const pending = adapterWith({ backoffMs: 10_000 }).accountTypes({ signal: controller.signal });
    await waitFor(() => seen.length === 1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('waits for Retry-After before retrying a 429', async () => {
    handler = answers([429, errorBody('RATE_LIMITED'), { 'Retry-After': '1' }], [200, [standard]]);
    await expect(adapterWith().accountTypes()).resolves.toHaveLength(1);
    expect(seen).toHaveLength(2);
    expect(seen[1]!.at - seen[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('does not wait for a Retry-After beyond its cap: it rejects with RATE_LIMITED and the wait', async () => {
    handler = answers([429, 'Too many', { 'Retry-After': '120' }]);
    const error = await expectCode(adapterWith({ maxRetryAfterMs: 5_000 }).accountTypes(), 'RATE_LIMITED');
    expect(error.retryAfter).toBe(120);
    expect(seen).toHaveLength(1);
  });
});

describe('HttpAdapter chat feed', () => {
  const chatMessage = (id: string, text: string): ChatMessage => ({
    id,
    author: 'agent',
    text,
    sentAt: '2026-01-01T00:00:00Z',
  });

  it('parses frames, ignores bad ones, and reconnects with Last-Event-ID', async () => {
    handler = (_request, response, _body, index) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      if (index === 0) {
        // Split across writes, CRLF line ends, a comment, a multi-line data field and an invalid payload.
        response.write('retry: 10\r\n: keep-alive\r\n\r\nid: 7\r\nevent: mess');
        response.write(`age\r\ndata: ${JSON.stringify(chatMessage('m7', 'first'))}\r\n\r\n`);
        response.write('event: typing\ndata: {"author":"agent"}\n\n');
        response.write('event: message\ndata: {"id": 8}\n\n');
        response.write('event: message\ndata: not json\n\n');
        response.end();
      } else {
        response.write(`id: 9\ndata: ${JSON.stringify(chatMessage('m9', 'second'))}\n\n`);
      }
    };
    const events: ChatEvent[] = [];
    const states: ConnectionState[] = [];
    const controller = new AbortController();
    adapterWith({ reconnectDelayMs: 10_000 }).subscribeChat(
      { onEvent: (event) => events.push(event), onState: (state) => states.push(state) },
      { signal: controller.signal },
    );
    await waitFor(() => events.length === 3);
    controller.abort();
    expect(events).toEqual([
      { type: 'message', message: chatMessage('m7', 'first') },
      { type: 'typing', author: 'agent' },
      { type: 'message', message: chatMessage('m9', 'second') },
    ]);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
    expect(seen[0]!.headers).toMatchObject({ accept: 'text/event-stream', 'x-broker-kit': '1' });
    expect(seen[0]!.headers['last-event-id']).toBeUndefined();
    expect(seen[1]!.headers['last-event-id']).toBe('7');
  });

  it('backs off while the feed is down and stops for good on a refusal', async () => {
    handler = answers([503, 'down'], [503, 'down'], [401, errorBody('SESSION_EXPIRED')]);
    const states: ConnectionState[] = [];
    const errors: string[] = [];
    adapterWith({ reconnectDelayMs: 20 }).subscribeChat({
      onEvent: () => {},
      onState: (state) => states.push(state),
      onError: (error) => errors.push(error.code),
    });
    await waitFor(() => errors.length === 1);
    expect(errors).toEqual(['SESSION_EXPIRED']);
    expect(states).toEqual(['connecting', 'reconnecting', 'offline']);
    expect(seen).toHaveLength(3);
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(19);
  });

  it('reports offline instead of reconnecting while the device is offline', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    try {
      handler = answers([503, 'down']);
      const states: ConnectionState[] = [];
      const controller = new AbortController();
      adapterWith({ reconnectDelayMs: 5 }).subscribeChat(
        { onEvent: () => {}, onState: (state) => states.push(state) },
        { signal: controller.signal },
      );
      await waitFor(() => seen.length >= 2);
      controller.abort();
      expect(states).toEqual(['connecting', 'offline']);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('replaces a connection that has gone quiet for longer than its idle timeout', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write(': open\n\n');
    };
    const states: ConnectionState[] = [];
    const controller = new AbortController();
    adapterWith({ idleTimeoutMs: 100, reconnectDelayMs: 5 }).subscribeChat(
      { onEvent: () => {}, onState: (state) => states.push(state) },
      { signal: controller.signal },
    );
    // Wait for the client's side of the second connection: the server may see the request before the client reads the answer.
    await waitFor(() => states.filter((state) => state === 'open').length === 2);
    controller.abort();
    expect(seen).toHaveLength(2);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('stops reading when aborted', async () => {
    handler = (_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write(': open\n\n');
    };
    const states: ConnectionState[] = [];
    const controller = new AbortController();
    adapterWith().subscribeChat(
      { onEvent: () => {}, onState: (state) => states.push(state) },
      { signal: controller.signal },
    );
    await waitFor(() => states.includes('open'));
    controller.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(states).toEqual(['connecting', 'open']);
    expect(seen).toHaveLength(1);
  });

  it('treats an answer that is not an event stream as an outage', async () => {
    handler = answers([200, []]);
    const states: ConnectionState[] = [];
    const controller = new AbortController();
    adapterWith({ reconnectDelayMs: 5 }).subscribeChat(
      { onEvent: () => {}, onState: (state) => states.push(state) },
      { signal: controller.signal },
    );
    await waitFor(() => seen.length >= 2);
    controller.abort();
    expect(states).toEqual(['connecting', 'reconnecting']);
  });
});

/** Resolves once the condition holds (the server side of a test is asynchronous). */
async function waitFor(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > timeoutMs) throw new Error('Condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
