// One static build of the hosted shell: index.html plus one chunk per screen, deployable to any CDN or served
// by the reference backend. `npm run dev` uses the same file with the backend proxied.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:4000';
const proxied = ['/api', '/oauth2', '/broker-config.json'];

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // No source maps for webviews; the polyfill would add an inline script the CSP (and Trusted Types) refuses.
    sourcemap: false,
    minify: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  server: {
    fs: { allow: [fileURLToPath(new URL('../..', import.meta.url))] },
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: backend, changeOrigin: false }])),
  },
});
