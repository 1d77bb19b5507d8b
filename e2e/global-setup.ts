// Builds the hosted bundle and the simulator pages, then starts two real reference servers (one broker under
// one-time token handoff, the same broker under SSO) and a platform simulator beside each, every one as its own
// node process; stops them by pid. Tests read the URLs from the environment (see ./env.ts).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brokerConfig, e2ePorts, metricsToken } from './env.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

async function waitFor(url: string, timeoutMs: number, child: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

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
  const children: ChildProcess[] = [];
  const start = (script: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...process.env, ...env, EXIT_WITH_STDIN: '1' },
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    children.push(child);
    return child;
  };

  try {
    const waits: Promise<void>[] = [];
    for (const mode of ['handoff', 'sso'] as const) {
      const ports = e2ePorts[mode];
      const configFile = join(dataDir, `broker-${mode}.json`);
      writeFileSync(configFile, JSON.stringify(brokerConfig(mode)));
      const broker = start('demo/broker.ts', {
        PORT: String(ports.broker),
        DATA_DIR: join(dataDir, mode),
        BROKER_CONFIG: configFile,
        HOSTED_DIR: hostedDir,
        PLATFORM_URL: `http://127.0.0.1:${ports.simulator}`,
        FRAME_ORIGIN: `http://127.0.0.1:${ports.simulator}`,
        SCRYPT_N: '1024',
        // The support agent's typing indicator shows until its answer: long enough for a test to see it.
        AGENT_DELAY_MS: '1000',
        DEV_OUTBOX: '1',
        // The simulator and the specs use the development secrets, accepted only by a demo server.
        DEMO: '1',
        METRICS_TOKEN: metricsToken,
      });
      const simulator = start('demo/simulator/main.ts', {
        SIM_PORT: String(ports.simulator),
        BROKER_URL: `http://127.0.0.1:${ports.broker}`,
        SIM_STATIC_DIR: simulatorDir,
      });
      waits.push(waitFor(`http://127.0.0.1:${ports.broker}/`, 30_000, broker));
      waits.push(waitFor(`http://127.0.0.1:${ports.simulator}/sim/api/state`, 30_000, simulator));
    }
    await Promise.all(waits);
  } catch (error) {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return () => {
    for (const child of children) child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
