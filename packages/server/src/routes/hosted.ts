// The hosted screens with the headers of SECURITY 16, the screen index, and the audit export.
import type { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { serveStatic } from '@hono/node-server/serve-static';
import { inAppActions } from '@broker-kit/core/adapter/schemas.ts';
import { secretsEqual } from '../crypto.ts';
import { fail, type AppEnv, type Ctx } from '../http.ts';
import { recordInviteClick } from './engage.ts';

export const screenRoutes = [
  '/auth/login',
  '/account/create',
  '/account/password-reset',
  '/account/password',
  '/account/email',
  '/callback/success',
  '/web',
  ...inAppActions.map((action) => `/inapp/${action}`),
  '/inapp/ribbons',
];

/** The strict policy of a hosted page; `frameAncestors` is 'none' except for in-app screens a client area embeds. */
export function contentSecurityPolicy(nonce: string, frameAncestors: string[], frameSources: string[]): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    `frame-src ${frameSources.length ? frameSources.join(' ') : "'none'"}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(' ') : "'none'"}`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ');
}

function pageHeaders(c: Ctx, frameAncestors: string[]): string {
  const nonce = randomBytes(16).toString('base64');
  const { config } = c.var.deps;
  c.header(
    'Content-Security-Policy',
    contentSecurityPolicy(nonce, frameAncestors, [new URL(config.platformWebUrl).origin]),
  );
  c.header('Referrer-Policy', 'no-referrer');
  c.header('Cache-Control', 'no-store');
  if (frameAncestors.length === 0) c.header('X-Frame-Options', 'DENY');
  return nonce;
}

const shells = new Map<string, string>();
function shell(dir: string): string {
  let html = shells.get(dir);
  if (html === undefined) shells.set(dir, (html = readFileSync(join(dir, 'index.html'), 'utf8')));
  return html;
}

function escapeCsv(value: unknown): string {
  let text =
    value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A spreadsheet must not run a cell as a formula.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function hostedRoutes(app: Hono<AppEnv>): void {
  app.get('/', (c) => {
    pageHeaders(c, []);
    const items = screenRoutes.map((route) => `<li><a href="${route}">${route}</a></li>`).join('');
    return c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Broker Kit</title><link rel="icon" href="data:,"></head><body><h1>Broker Kit screens</h1><ul>${items}</ul></body></html>`,
    );
  });

  // The shared part of the configuration, for the hosted shell (no secrets live in it).
  app.get('/broker-config.json', (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.json(c.var.deps.config.core);
  });

  for (const route of screenRoutes) {
    app.get(route, (c) => {
      const inApp = route.startsWith('/inapp/');
      const nonce = pageHeaders(
        c,
        inApp ? c.var.deps.config.embeddingOrigins.map((origin) => new URL(origin).origin) : [],
      );
      const partnerId = c.req.query('partnerId');
      if (route === '/auth/login' && partnerId) recordInviteClick(c.var.deps, partnerId);
      let html: string;
      try {
        html = shell(c.var.deps.settings.hostedDir);
      } catch {
        fail('SERVER_ERROR', 'The hosted bundle is not built (npm run build -w @broker-kit/hosted)');
      }
      return c.html(html.replace(/<(script|style|link rel="modulepreload")(?=[\s>])/g, `<$1 nonce="${nonce}"`));
    });
  }
  app.use('/assets/*', async (c, next) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    await next();
  });
  app.use('/assets/*', (c, next) => serveStatic({ root: c.var.deps.settings.hostedDir })(c, next));

  // Compliance export of the audit trail; needs the admin credential (Authorization: Bearer ADMIN_TOKEN).
  app.get('/api/audit/export', (c) => {
    const { settings, stores } = c.var.deps;
    c.header('Cache-Control', 'no-store');
    const given = c.req.header('authorization')?.match(/^Bearer (.{1,512})$/)?.[1] ?? '';
    if (!settings.adminToken || !secretsEqual(given, settings.adminToken))
      fail('CH_INSUFFICIENT_PERMISSIONS', 'Admin credential required');
    const format = c.req.query('format') ?? 'json';
    const from = c.req.query('from') ? Date.parse(c.req.query('from')!) : undefined;
    const to = c.req.query('to') ? Date.parse(c.req.query('to')!) : undefined;
    if (!['json', 'csv'].includes(format) || Number.isNaN(from) || Number.isNaN(to))
      fail('INVALID_REQUEST', 'format=json|csv, from/to ISO dates');
    const entries = stores.audit
      .list({ from, to })
      .map((entry) => ({ ...entry, at: new Date(entry.at).toISOString() }));
    if (format === 'json') return c.json({ entries });
    const columns = ['id', 'at', 'event', 'outcome', 'userId', 'actor', 'ip', 'detail'] as const;
    const lines = [
      columns.join(','),
      ...entries.map((entry) => columns.map((column) => escapeCsv(entry[column])).join(',')),
    ];
    c.header('Content-Disposition', 'attachment; filename="audit.csv"');
    return c.body(`${lines.join('\r\n')}\r\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
}
