// The reference backend as the demo and the end-to-end tests run it: the server's own app (createApp with its
// configuration, store and platform client, as packages/server/src/app.ts's startServer builds them), with one
// difference: the simulator's origin (FRAME_ORIGIN) may frame the SSO screens. The platform opens those in a
// webview, which `frame-ancestors` does not govern; the simulator imitates that webview with an iframe.
// Production keeps `frame-ancestors 'none'` on them.
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { createApp } from '../packages/server/src/app.ts';
import { brokerConfigFromEnv, refuseWeakSecrets, settingsFromEnv } from '../packages/server/src/config.ts';
import { HttpPlatformClient } from '../packages/server/src/platform.ts';
import { OutboxMailer } from '../packages/server/src/mailer.ts';
import { jsonLogger } from '../packages/server/src/log.ts';
import { countStoreErrors, instrumentPort, Metrics } from '../packages/server/src/metrics.ts';
import { openStores } from '../packages/server/src/store/index.ts';
import type { Deps } from '../packages/server/src/http.ts';

const settings = settingsFromEnv();
// The demo and the end-to-end runs set DEMO=1 (the simulator knows the development secrets); anything else needs real ones.
refuseWeakSecrets(settings);
const config = brokerConfigFromEnv(settings.port);
const metrics = new Metrics();
const stores = await openStores({
  sqlitePath: settings.sqlitePath,
  redisUrl: settings.redisUrl,
  onError: (store, operation) => metrics.storeError(operation, store),
});
metrics.watchStates(stores.db);
countStoreErrors(stores, metrics);
const deps: Deps = {
  settings,
  config,
  stores,
  platform: instrumentPort(
    new HttpPlatformClient({
      baseUrl: settings.platformUrl,
      managerToken: settings.managerToken,
      paths: config.platformPaths,
      timeoutMs: settings.platformTimeoutMs,
    }),
    'platform',
    metrics,
  ),
  // Reset mail goes to the dev outbox, which `npm start` (DEV_OUTBOX=1) shows at /dev/outbox.
  mailer: instrumentPort(new OutboxMailer(stores.db), 'mailer', metrics),
  now: Date.now,
  logger: jsonLogger(settings.logLevel),
  metrics,
};
const broker = createApp(deps);

const frameOrigin = process.env.FRAME_ORIGIN;
const ssoScreens = ['/auth/login', '/account/', '/callback/success'];

const app = new Hono();
app.all('*', async (c) => {
  const answer = await broker.fetch(c.req.raw, c.env);
  const policy = answer.headers.get('content-security-policy');
  if (!frameOrigin || !policy || !ssoScreens.some((path) => c.req.path.startsWith(path))) return answer;
  const headers = new Headers(answer.headers);
  headers.set('content-security-policy', policy.replace("frame-ancestors 'none'", `frame-ancestors ${frameOrigin}`));
  headers.delete('x-frame-options');
  return new Response(answer.body, { status: answer.status, headers });
});

const server = serve({ fetch: app.fetch, hostname: settings.host, port: settings.port }, (info) => {
  console.log(`Broker Kit reference backend on http://${settings.host}:${info.port}/ (store: ${stores.kind})`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void stores.close().then(() => process.exit(0));
  });
}

// Started by `npm start` or the end-to-end tests: stop with the parent, even when it could not say so.
if (process.env.EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
