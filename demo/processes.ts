// Starts the reference backend and the platform simulator as their own node processes (as CI and the
// end-to-end tests do), each pointed at the other; stops them by pid.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));
export type IdentityMode = 'sso' | 'handoff';

export interface DemoOptions {
  mode: IdentityMode;
  brokerPort: number;
  simulatorPort: number;
  dataDir: string;
  /** Where the simulator opens the broker's screens; the backend itself by default (the dev server in dev). */
  screensUrl?: string;
}

/**
 * The broker configuration of the demo (core's schema, plus the reference server's own `server` part): the
 * success and return URLs are pages of the simulator, which frames the screens.
 */
export function demoBrokerConfig({ mode, brokerPort, simulatorPort }: DemoOptions) {
  const simulator = `http://127.0.0.1:${simulatorPort}`;
  const inApp = ['deposit-withdrawal', 'kyc', 'action-chat', 'invite'];
  return {
    identityMode: mode === 'sso' ? 'sso' : 'ot-handoff',
    modules: mode === 'sso' ? [...inApp, 'embedded-web', 'ribbons'] : inApp,
    backendBaseUrl: '/',
    successUrl: `${simulator}/callback/success`,
    returnUrl: `${simulator}/return`,
    brand: { name: 'Demo Broker' },
    allowedEmbeddingOrigins: [simulator],
    server: { publicUrl: `http://127.0.0.1:${brokerPort}` },
  };
}

export async function waitFor(url: string, child: ChildProcess, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export async function startDemo(options: DemoOptions, extraEnv: Record<string, string> = {}) {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const configFile = join(dataDir, `broker-config.${options.mode}.json`);
  writeFileSync(configFile, JSON.stringify(demoBrokerConfig(options), null, 2));
  const brokerUrl = `http://127.0.0.1:${options.brokerPort}`;
  const simulatorUrl = `http://127.0.0.1:${options.simulatorPort}`;
  const run = (script: string, env: Record<string, string>) =>
    spawn(process.execPath, ['--import', 'tsx', script], {
      cwd: root,
      env: { ...process.env, ...extraEnv, ...env, EXIT_WITH_STDIN: '1' },
      stdio: ['pipe', 'inherit', 'inherit'],
    });
  const broker = run('demo/broker.ts', {
    PORT: String(options.brokerPort),
    DATA_DIR: dataDir,
    BROKER_CONFIG: configFile,
    PLATFORM_URL: simulatorUrl,
    FRAME_ORIGIN: simulatorUrl,
    // The demo shows the reset mails in the broker's dev outbox (GET /dev/outbox); production leaves it off.
    DEV_OUTBOX: '1',
    // The simulator signs in with the development secrets, which the server refuses outside the demo.
    DEMO: '1',
  });
  const simulator = run('demo/simulator/main.ts', {
    SIM_PORT: String(options.simulatorPort),
    BROKER_URL: options.screensUrl ?? brokerUrl,
  });
  const children = [broker, simulator];
  const stop = () => children.forEach((child) => child.exitCode === null && child.kill('SIGTERM'));
  try {
    await Promise.all([waitFor(`${brokerUrl}/`, broker), waitFor(`${simulatorUrl}/sim/api/state`, simulator)]);
  } catch (error) {
    stop();
    throw error;
  }
  return { brokerUrl, simulatorUrl, stop, children };
}
