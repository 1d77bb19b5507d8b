// Builds the simulator's pages and the playgrounds (demo/dist), served by the simulator server.
import { defineConfig } from 'vite';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const root = import.meta.dirname;
const pages = ['index.html', 'log.html', 'playground/index.html', 'playground/primitives.html'].filter((page) =>
  existsSync(resolve(root, page)),
);

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: pages.map((page) => resolve(root, page)) },
  },
});
