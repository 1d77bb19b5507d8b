// `npm run conformance:reference [-- --modules …]`: starts a fresh reference server (temporary SQLite file, a
// fake platform, the dev outbox on) and runs the conformance command against it with the server's fixture hook.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { crmPassword, startContractServer } from '../packages/server/src/test/harness.ts';

const server = await startContractServer();
const bin = fileURLToPath(new URL('../packages/conformance/bin/broker-kit-conformance.mjs', import.meta.url));
const fixtures = fileURLToPath(new URL('../packages/server/src/conformance-fixture.ts', import.meta.url));
console.log(`Reference server at ${server.url}`);
const child = spawn(process.execPath, [bin, '--url', server.url, '--fixtures', fixtures, ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, CRM_API_PASSWORD: crmPassword },
});
const code = await new Promise<number>((resolve) => child.on('exit', (status) => resolve(status ?? 1)));
await server.close();
process.exit(code);
