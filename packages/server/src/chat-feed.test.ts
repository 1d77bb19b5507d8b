// The support chat's live feed as the screens receive it: core's HttpAdapter against the real server, so the
// server's framing and the adapter's parsing are checked together (each side alone cannot see a mismatch).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchWithCookies } from '@broker-kit/core/testing';
import { HttpAdapter } from '@broker-kit/core/adapter/http.ts';
import type { ChatEvent, ConnectionState } from '@broker-kit/core/adapter/adapter.ts';
import { signupBody, ssoUser, startTestServer, type TestServer } from './test/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t.close());

/** A signed-up user's adapter with its own cookie session, as the screens hold one. */
async function signedInAdapter(email: string, transport: typeof fetch = fetch): Promise<HttpAdapter> {
  await ssoUser(t, email);
  const adapter = new HttpAdapter({ baseUrl: t.url, fetch: fetchWithCookies(transport), backoffMs: 5 });
  await adapter.login({ email, password: signupBody(email).password, keepLoggedIn: false });
  return adapter;
}

/** Follows the feed, collecting events; `next` resolves with the first collected event that matches. */
function follow(adapter: HttpAdapter, signal: AbortSignal) {
  const events: ChatEvent[] = [];
  const states: ConnectionState[] = [];
  const waiters: { match: (event: ChatEvent) => boolean; resolve: (event: ChatEvent) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const found = events.find(waiter.match);
      if (found) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(found);
      }
    }
  };
  adapter.subscribeChat(
    {
      onEvent: (event) => {
        events.push(event);
        check();
      },
      onState: (state) => {
        states.push(state);
        check();
      },
    },
    { signal },
  );
  // Gives up with what did arrive, so a lost event names itself instead of timing the test out.
  const next = (match: (event: ChatEvent) => boolean, what: string) =>
    new Promise<ChatEvent>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no ${what} on the feed; received ${JSON.stringify(events)}, states ${states}`)),
        20_000,
      );
      waiters.push({ match, resolve: (event) => (clearTimeout(timer), resolve(event)) });
      check();
    });
  const opened = async () => {
    while (!states.includes('open')) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { events, next, opened };
}

const isAgentMessage = (event: ChatEvent) => event.type === 'message' && event.message.author === 'agent';

describe('support chat live feed through the HttpAdapter', () => {
  it('delivers the typing indicator, the user message and the agent answer', async () => {
    const adapter = await signedInAdapter('feed@example.com');
    const stop = new AbortController();
    const feed = follow(adapter, stop.signal);
    try {
      await feed.opened();
      const sent = await adapter.sendChatMessage({ text: 'Where is my deposit?', clientId: 'feed-1' });
      const own = await feed.next((event) => event.type === 'message' && event.message.id === sent.id, 'own message');
      expect(own).toEqual({ type: 'message', message: sent });
      await feed.next((event) => event.type === 'typing', 'typing indicator');
      const answer = await feed.next(isAgentMessage, 'agent answer');
      expect(answer).toMatchObject({
        type: 'message',
        message: { author: 'agent', authorName: 'Support', text: expect.stringContaining('Payments usually arrive') },
      });
      const history = await adapter.chatHistory({});
      expect(history.messages.map((message) => message.id)).toEqual([
        sent.id,
        answer.type === 'message' && answer.message.id,
      ]);
    } finally {
      stop.abort();
    }
  });

  it('after a dropped connection, resumes with Last-Event-ID and replays the answer it missed', async () => {
    // The first feed connection ends right after its first message frame (a network drop); the agent answers
    // while the adapter waits to reconnect, so the answer can only come from the server's replay.
    const resumedFrom: (string | null)[] = [];
    let connections = 0;
    const dropping: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/api/chat/events')) return response;
      resumedFrom.push(new Headers(init?.headers).get('Last-Event-ID'));
      if (++connections > 1) return response;
      const reader = response.body!.getReader();
      let seen = '';
      const cut = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          controller.enqueue(value);
          seen += new TextDecoder().decode(value);
          if (/event: message\n[^]*?\n\n/.test(seen)) {
            await reader.cancel();
            controller.close();
          }
        },
      });
      return new Response(cut, { status: response.status, headers: response.headers });
    };
    const adapter = await signedInAdapter('resume@example.com', dropping);
    const stop = new AbortController();
    const feed = follow(adapter, stop.signal);
    try {
      await feed.opened();
      const sent = await adapter.sendChatMessage({ text: 'Is my KYC verified?', clientId: 'resume-1' });
      await feed.next((event) => event.type === 'message' && event.message.id === sent.id, 'own message');
      const answer = await feed.next(isAgentMessage, 'replayed agent answer');
      expect(answer).toMatchObject({ message: { text: expect.stringContaining('Verification takes') } });
      expect(connections).toBe(2);
      expect(resumedFrom[0]).toBeNull();
      expect(Number(resumedFrom[1])).toBeGreaterThan(0);
      expect(feed.events.filter((event) => event.type === 'message')).toHaveLength(2);
    } finally {
      stop.abort();
    }
  }, 60_000);
});
