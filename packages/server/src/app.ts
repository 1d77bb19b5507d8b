import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const hostedDist = fileURLToPath(new URL('../../hosted/dist/', import.meta.url));
export const screenRoutes = [
  '/auth/login',
  '/account/create',
  '/callback/success',
  '/inapp/deposit',
  '/inapp/withdraw',
  '/inapp/kyc',
  '/inapp/action',
  '/inapp/chat',
  '/inapp/invite',
];

export function createApp() {
  const app = new Hono();
  app.get('/', (c) =>
    c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broker Kit</title><link rel="icon" href="data:,"></head><body><h1>Broker Kit screens</h1><ul>${screenRoutes
        .map((route) => `<li><a href="${route}">${route}</a></li>`)
        .join('')}</ul></body></html>`,
    ),
  );
  for (const route of screenRoutes) {
    app.get(route, (c) => c.html(readFileSync(`${hostedDist}index.html`, 'utf8')));
  }
  app.use('/assets/*', serveStatic({ root: hostedDist }));
  return app;
}
