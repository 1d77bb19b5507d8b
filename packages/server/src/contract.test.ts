// The adapter contract against the real reference server over HTTP: an HttpAdapter talks to the app on a real
// port with a real SQLite file, with fixtures from the server's conformance hook (the one `npm run
// conformance:reference` uses), and the token expiry check on the server's own clock.
import { afterAll, beforeAll } from 'vitest';
import { describeAdapterContract, fetchWithCookies } from '@broker-kit/core/testing';
import { HttpAdapter } from '@broker-kit/core/adapter/http.ts';
import { createFixture } from './conformance-fixture.ts';
import { crmPassword, startContractServer, type TestServer } from './test/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startContractServer();
});
afterAll(async () => {
  await t.close();
});

describeAdapterContract('The reference server over HTTP', async () => {
  const fixture = await createFixture({ url: t.url }, { crmPassword });
  return {
    ...fixture,
    adapter: new HttpAdapter({ baseUrl: t.url, fetch: fetchWithCookies(), retries: 0 }),
    issueExpiredToken: async () => {
      const token = await fixture.issueToken();
      // Past any configured lifetime (15 minutes at most): the server clock moves, not the test's.
      t.advance(16 * 60_000);
      return token;
    },
  };
});
