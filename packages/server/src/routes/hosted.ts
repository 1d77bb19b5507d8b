// The hosted screens with the headers of SECURITY 16 and the screen index.
import type { Hono } from 'hono';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { serveStatic } from '@hono/node-server/serve-static';
import { inAppActions } from '@broker-kit/core/adapter/schemas.ts';
import { fail, type AppEnv, type Ctx } from '../http.ts';
import { recordInviteClick } from './engage.ts';

/** Each screen route and the folder of its screen in @broker-kit/elements/src/screens/ (the build's chunk names). */
const screenFolders: Record<string, string> = {
  '/auth/login': 'login',
  '/account/create': 'account-create',
  '/account/password-reset': 'password-reset',
  '/account/password': 'change-password',
  '/account/email': 'change-email',
  '/callback/success': 'callback',
  '/web': 'ctrader-web',
  ...Object.fromEntries(inAppActions.map((action) => [`/inapp/${action}`, action])),
  '/inapp/ribbons': 'ribbon',
};

export const screenRoutes = Object.keys(screenFolders);

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

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

function staticClosure(manifest: Manifest, key: string, into: Set<string>): Set<string> {
  const chunk = manifest[key];
  if (chunk && !into.has(chunk.file)) {
    into.add(chunk.file);
    for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
  }
  return into;
}

/**
 * `<link rel="modulepreload">` tags per route for the screen's chunk and its static imports (those the shell's
 * entry does not already preload), so the browser fetches them while it parses the shell instead of after.
 * Without the build's manifest there are none.
 */
function preloadTags(dir: string): Map<string, string> {
  const tags = new Map<string, string>();
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return tags;
  }
  const shellFiles = new Set<string>();
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) staticClosure(manifest, key, shellFiles);
  for (const [route, folder] of Object.entries(screenFolders)) {
    const key = Object.keys(manifest).find((name) => name.endsWith(`/screens/${folder}/define.ts`));
    if (!key) continue;
    const files = [...staticClosure(manifest, key, new Set())].filter((file) => !shellFiles.has(file));
    tags.set(route, files.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`).join(''));
  }
  return tags;
}

interface Shell {
  html: string;
  preloads: Map<string, string>;
}

/** The built index.html and the preloads of each route, read once per hosted folder. */
const shells = new Map<string, Shell>();
function shell(dir: string): Shell {
  let found = shells.get(dir);
  if (found === undefined)
    shells.set(dir, (found = { html: readFileSync(join(dir, 'index.html'), 'utf8'), preloads: preloadTags(dir) }));
  return found;
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
    app.get(route, async (c) => {
      const inApp = route.startsWith('/inapp/');
      const nonce = pageHeaders(
        c,
        inApp ? c.var.deps.config.embeddingOrigins.map((origin) => new URL(origin).origin) : [],
      );
      const partnerId = c.req.query('partnerId');
      if (route === '/auth/login' && partnerId) await recordInviteClick(c, partnerId);
      let page: Shell;
      try {
        page = shell(c.var.deps.settings.hostedDir);
      } catch {
        fail('SERVER_ERROR', 'The hosted bundle is not built (npm run build -w @broker-kit/hosted)');
      }
      const html = page.html.replace('</head>', `${page.preloads.get(route) ?? ''}</head>`);
      return c.html(html.replace(/<(script|style|link rel="modulepreload")(?=[\s>])/g, `<$1 nonce="${nonce}"`));
    });
  }
  app.use('/assets/*', async (c, next) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    await next();
  });
  // The build writes .br and .gz next to each asset; a client that accepts one gets it, others the raw file.
  app.use('/assets/*', (c, next) => serveStatic({ root: c.var.deps.settings.hostedDir, precompressed: true })(c, next));
}
