// Runs the simulated verification vendor on its own origin: `node --import tsx demo/kyc-vendor/main.ts`.
import { serve } from '@hono/node-server';
import { createKycVendor } from './app.ts';

const port = Number(process.env.KYC_VENDOR_PORT ?? 4200);
const { app } = createKycVendor({
  publicUrl: `http://127.0.0.1:${port}`,
  apiKey: process.env.KYC_VENDOR_API_KEY ?? 'dev-kyc-vendor-api-key-0000',
  webhookSecret: process.env.KYC_VENDOR_WEBHOOK_SECRET ?? 'dev-kyc-vendor-webhook-secret',
});

serve({ fetch: app.fetch, hostname: '127.0.0.1', port }, (info) => {
  console.log(`KYC vendor simulator on http://127.0.0.1:${info.port}/`);
});

// Started by `npm start` or the end-to-end tests: stop with the parent, even when it could not say so.
if (process.env.EXIT_WITH_STDIN === '1') {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
}
