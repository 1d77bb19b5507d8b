// Runs the platform simulator on its own origin: `node --import tsx demo/simulator/main.ts`.
import { serve } from '@hono/node-server';
import { createSimulator } from './app.ts';

const port = Number(process.env.SIM_PORT ?? 4100);
const publicUrl = `http://127.0.0.1:${port}`;
const { app } = createSimulator({
  publicUrl,
  brokerUrl: (process.env.BROKER_URL ?? 'http://127.0.0.1:4000').replace(/\/$/, ''),
  managerToken: process.env.MANAGER_TOKEN ?? 'dev-manager-token',
  crmApiPassword: process.env.CRM_API_PASSWORD ?? 'dev-crm-password',
  tokenTtlSeconds: process.env.SIM_TOKEN_TTL_SECONDS ? Number(process.env.SIM_TOKEN_TTL_SECONDS) : undefined,
  // The built pages; the end-to-end run builds its own copy so a rebuild of demo/dist cannot disturb it.
  staticRoot: process.env.SIM_STATIC_DIR || undefined,
});

serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(`Platform simulator on http://127.0.0.1:${info.port}/`);
});

// Started by `npm start` or the end-to-end tests: stop with the parent, even when it could not say so.
if (process.env.EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
