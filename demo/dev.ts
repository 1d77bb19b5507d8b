// `npm run dev`: the hosted screens from Vite's dev server with hot reload (the backend API proxied to the
// reference server), plus the reference backend and the simulator. The simulator opens the dev server's screens.
import { build, createServer } from 'vite';
import { root, startDemo } from './launch.ts';

const devPort = Number(process.env.DEV_PORT ?? 5173);
const brokerPort = Number(process.env.PORT ?? 4000);
const mode = process.argv.includes('--handoff') ? 'handoff' : 'sso';

process.env.BACKEND_URL = `http://127.0.0.1:${brokerPort}`;
// The simulator serves its own pages built once; the screens are what hot-reloads.
await build({ configFile: `${root}demo/vite.config.ts`, logLevel: 'warn' });
const vite = await createServer({
  configFile: `${root}packages/hosted/vite.config.ts`,
  server: { port: devPort, host: '127.0.0.1', strictPort: true },
});
await vite.listen();
const demo = await startDemo({
  mode,
  brokerPort,
  simulatorPort: Number(process.env.SIM_PORT ?? 4100),
  dataDir: './data',
});
vite.printUrls();
console.log(`
  Reference backend    ${demo.brokerUrl}/ (its API is proxied from the dev server)
  Platform simulator   ${demo.simulatorUrl}/
Screens edited under packages/elements reload in place at http://127.0.0.1:${devPort}/auth/login and friends.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void Promise.all([demo.stop(), vite.close()]).then(() => process.exit(0));
  });
}
