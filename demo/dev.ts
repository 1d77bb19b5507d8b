// `npm run dev`: the hosted shell with hot reload.
import { createServer } from 'vite';

const server = await createServer({
  configFile: new URL('../packages/hosted/vite.config.ts', import.meta.url).pathname,
});
await server.listen(Number(process.env.DEV_PORT ?? 5173));
server.printUrls();
