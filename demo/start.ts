// `npm start`: the reference backend (SQLite in ./data) serving the hosted screens, and the platform
// simulator beside it. `npm start -- --handoff` runs the broker under one-time token handoff instead of SSO.
import { build } from 'vite';
import { root, startDemo } from './launch.ts';

const mode = process.argv.includes('--handoff') ? 'handoff' : 'sso';
const brokerPort = Number(process.env.PORT ?? 4000);
const simulatorPort = Number(process.env.SIM_PORT ?? 4100);

await build({ configFile: `${root}demo/vite.config.ts`, logLevel: 'warn' });
const demo = await startDemo({ mode, brokerPort, simulatorPort, dataDir: process.env.DATA_DIR ?? './data' });

const screens = ['/auth/login?firstLogin=true', '/auth/login?firstLogin=false', '/web'];
console.log(`
Broker Kit is running (broker identity: ${mode === 'sso' ? 'SSO; `npm start -- --handoff` for one-time token handoff' : 'one-time token handoff'}).

  Platform simulator   ${demo.simulatorUrl}/            start here: launch the app, sign in, open in-app screens
  Broker calls log     ${demo.simulatorUrl}/log.html
  Playground           ${demo.simulatorUrl}/playground/
  Primitives           ${demo.simulatorUrl}/playground/primitives.html
  KYC vendor           ${demo.kycVendorUrl}/verify/…       the simulated verification vendor (kycType=vendor)
  Reference backend    ${demo.brokerUrl}/
  Dev outbox (mail)    ${demo.brokerUrl}/dev/outbox
  Hosted screens       ${screens.map((path) => demo.brokerUrl + path).join('\n                       ')}

Press Ctrl+C to stop.`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void demo.stop().then(() => process.exit(0));
  });
}
for (const child of demo.children) {
  child.on('exit', (code) => code && void demo.stop().then(() => process.exit(code)));
}
