// One static build of the hosted shell: index.html plus one chunk per screen, deployable to any CDN or served
// by the reference backend. `npm run dev` uses the same file with the backend proxied.
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:4000';
const proxied = ['/api', '/oauth2', '/broker-config.json'];

const localesDir = fileURLToPath(new URL('../core/src/i18n/locales/', import.meta.url));

/** One translation file as served: minified, without the translators' `_review` marker. */
function localeJson(language: string, file: string): string {
  const { _review, ...texts } = JSON.parse(readFileSync(join(localesDir, language, file), 'utf8')) as Record<
    string,
    unknown
  >;
  return JSON.stringify(texts);
}

/** Every translation file by `<language>/<namespace>.json`, in a stable order. */
function localeFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const language of readdirSync(localesDir).sort())
    for (const file of readdirSync(join(localesDir, language)).sort())
      if (file.endsWith('.json')) files.set(`${language}/${file}`, localeJson(language, file));
  return files;
}

/**
 * The translations as static JSON at `assets/locales/<hash>/<language>/<namespace>.json` instead of one JS chunk
 * per file behind a table of 207 lazy imports in the shell: the shell only knows the folder
 * (`import.meta.env.BK_LOCALES_URL`). One hash over all files keeps the URLs immutable, so they take the long
 * cache of `assets/`. The dev server serves the same paths from the sources.
 */
function locales(): Plugin {
  let files = new Map<string, string>();
  let folder = '';
  return {
    name: 'broker-kit:locales',
    config(config) {
      files = localeFiles();
      const hash = createHash('sha256');
      for (const [name, json] of files) hash.update(`${name}\0${json}\0`);
      folder = `assets/locales/${hash.digest('base64url').slice(0, 10)}/`;
      return { define: { 'import.meta.env.BK_LOCALES_URL': JSON.stringify(`${config.base ?? '/'}${folder}`) } };
    },
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const name = request.url?.match(/^\/assets\/locales\/[^/]+\/([a-z]{2}\/[a-z-]+\.json)$/)?.[1];
        if (!name) return next();
        const json = localeFiles().get(name);
        response.statusCode = json === undefined ? 404 : 200;
        response.setHeader('Content-Type', 'application/json');
        response.end(json ?? '{}');
      });
    },
    generateBundle() {
      for (const [name, source] of files) this.emitFile({ type: 'asset', fileName: `${folder}${name}`, source });
    },
  };
}

/**
 * Writes `<file>.gz` and `<file>.br` next to every emitted JS, CSS and JSON asset, so a server or CDN sends them
 * compressed without compressing on each request (the reference backend serves them with `precompressed`).
 */
function precompress(): Plugin {
  return {
    name: 'broker-kit:precompress',
    apply: 'build',
    async writeBundle({ dir = '' }, bundle) {
      const writes = Object.values(bundle)
        .filter((file) => /\.(?:js|css)$|^assets\/.*\.json$/.test(file.fileName))
        .map((file) => {
          const source = Buffer.from(file.type === 'chunk' ? file.code : file.source);
          const path = join(dir, file.fileName);
          return Promise.all([
            writeFile(`${path}.gz`, gzipSync(source, { level: 9 })),
            writeFile(`${path}.br`, brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })),
          ]);
        });
      await Promise.all(writes);
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [locales(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps for webviews; the polyfill would add an inline script the CSP (and Trusted Types) refuses.
    sourcemap: false,
    minify: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    // dist/.vite/manifest.json: the reference backend announces each route's screen chunks as modulepreload.
    manifest: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // The frame, alert and spinner nearly every screen (and every refusal) shows, with Lit and the design
          // tokens they pull in: one chunk instead of three or four per route, which also compresses better.
          groups: [{ name: 'frame', test: /elements[\\/]src[\\/]primitives[\\/](screen|alert|spinner)[\\/]/ }],
        },
      },
    },
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
});
