// Builds the hosted bundle and the simulator pages, then starts two real reference servers (one broker under
// one-time token handoff, the same broker under SSO) and a platform simulator beside each, every one as its own
// node process (scripts/processes.ts); stops them by pid. Tests read the URLs from the environment (see ./env.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brokerService, kycVendorEnv, kycVendorService, simulatorService } from '../demo/launch.ts';
import { root, startServices, stopAll, type Service } from '../scripts/processes.ts';
import { brokerConfig, e2ePorts, kycVendorPort, metricsToken } from './env.ts';

function build(args: string[]) {
  const result = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed`);
}

export default async function globalSetup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'broker-kit-e2e-'));
  // Built into this run's own folder: another run (or `npm start`) rebuilding packages/hosted/dist or demo/dist
  // meanwhile would otherwise pull the assets from under these servers.
  const hostedDir = join(dataDir, 'hosted');
  const simulatorDir = join(dataDir, 'simulator');
  try {
    build(['vite', 'build', '--logLevel', 'warn', '-c', 'packages/hosted/vite.config.ts', '--outDir', hostedDir]);
    build(['vite', 'build', '--logLevel', 'warn', '-c', 'demo/vite.config.ts', '--outDir', simulatorDir]);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const services: Service[] = [kycVendorService({ port: kycVendorPort, output: 'quiet' })];
  for (const mode of ['handoff', 'sso'] as const) {
    const ports = e2ePorts[mode];
    const configFile = join(dataDir, `broker-${mode}.json`);
    writeFileSync(configFile, JSON.stringify(brokerConfig(mode)));
    services.push(
      brokerService({
        port: ports.broker,
        simulatorPort: ports.simulator,
        dataDir: join(dataDir, mode),
        configFile,
        output: 'quiet',
        env: {
          HOSTED_DIR: hostedDir,
          SCRYPT_N: '1024',
          // The support agent's typing indicator shows until its answer: long enough for a test to see it.
          AGENT_DELAY_MS: '1000',
          METRICS_TOKEN: metricsToken,
          ...kycVendorEnv(kycVendorPort),
        },
      }),
      simulatorService({
        port: ports.simulator,
        brokerUrl: `http://127.0.0.1:${ports.broker}`,
        output: 'quiet',
        env: { SIM_STATIC_DIR: simulatorDir },
      }),
    );
  }
  try {
    await startServices(services);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return async () => {
    await stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
