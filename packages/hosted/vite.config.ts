// One static build of the hosted shell: index.html plus one chunk per screen, deployable to any CDN or served
// by the reference backend. `npm run dev` uses the same file with the backend proxied.
import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:4000';
const proxied = ['/api', '/oauth2', '/broker-config.json'];

/**
 * Writes `<file>.gz` and `<file>.br` next to every emitted JS and CSS asset, so a server or CDN sends them
 * compressed without compressing on each request (the reference backend serves them with `precompressed`).
 */
function precompress(): Plugin {
  return {
    name: 'broker-kit:precompress',
    apply: 'build',
    async writeBundle({ dir = '' }, bundle) {
      const writes = Object.values(bundle)
        .filter((file) => /\.(?:js|css)$/.test(file.fileName))
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
  plugins: [precompress()],
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
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
});
