// The demo's processes: the reference backend and the platform simulator, each pointed at the other, and the
// simulated KYC vendor the broker sends traders to. `npm start`,
// `npm run dev` and the end-to-end setup start them through these descriptions (scripts/processes.ts runs them).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServices, stop, type Output, type Service } from '../scripts/processes.ts';

export { root } from '../scripts/processes.ts';
export type IdentityMode = 'sso' | 'handoff';

const local = (port: number) => `http://127.0.0.1:${port}`;

export interface BrokerService {
  port: number;
  /** The platform simulator this broker asks for OT tokens and balances, and whose pages may frame its screens. */
  simulatorPort: number;
  dataDir: string;
  configFile: string;
  env?: Record<string, string>;
  output?: Output;
}

/** The reference backend as the demo runs it (demo/broker.ts), with the development secrets it accepts. */
export function brokerService({ port, simulatorPort, dataDir, configFile, env, output }: BrokerService): Service {
  return {
    script: 'demo/broker.ts',
    readyUrl: `${local(port)}/`,
    output,
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      BROKER_CONFIG: configFile,
      PLATFORM_URL: local(simulatorPort),
      FRAME_ORIGIN: local(simulatorPort),
      // The demo shows the reset mails in the broker's dev outbox (GET /dev/outbox); production leaves it off.
      DEV_OUTBOX: '1',
      // The simulator signs in with the development secrets, which the server refuses outside the demo.
      DEMO: '1',
      ...env,
    },
  };
}

export interface SimulatorService {
  port: number;
  /** Where the simulator opens the broker's screens. */
  brokerUrl: string;
  env?: Record<string, string>;
  output?: Output;
}

/** The platform simulator (the cTrader app, its backend and the manager API). */
export function simulatorService({ port, brokerUrl, env, output }: SimulatorService): Service {
  return {
    script: 'demo/simulator/main.ts',
    readyUrl: `${local(port)}/sim/api/state`,
    output,
    env: { SIM_PORT: String(port), BROKER_URL: brokerUrl, ...env },
  };
}

export interface KycVendorService {
  port: number;
  output?: Output;
}

/** The simulated identity verification vendor (demo/kyc-vendor), on its own origin, with the development secrets. */
export function kycVendorService({ port, output }: KycVendorService): Service {
  return {
    script: 'demo/kyc-vendor/main.ts',
    // Its pages answer 404 for an unknown check: a live server, found ready.
    readyUrl: `${local(port)}/verify/ready`,
    output,
    env: { KYC_VENDOR_PORT: String(port) },
  };
}

/** What a broker needs to use that vendor: its API (the development secrets are the demo's defaults). */
export const kycVendorEnv = (port: number) => ({ KYC_VENDOR_URL: local(port) });

/**
 * The KYC types of the demo's broker: the reference server's two, reviewed by the broker's staff in the back
 * office, and one verified by the simulated vendor (`/inapp/kyc?kycType=vendor`).
 */
export const demoKycTypes = {
  standard: { requiredDocuments: ['passport', 'proof_of_address'] },
  enhanced: { requiredDocuments: ['passport', 'proof_of_address', 'selfie'] },
  vendor: { requiredDocuments: ['passport', 'selfie'], provider: 'vendor' },
};

export interface DemoOptions {
  mode: IdentityMode;
  brokerPort: number;
  simulatorPort: number;
  /** The simulated KYC vendor's port (simulator port + 200 by default). */
  kycVendorPort?: number;
  dataDir: string;
  /** Where the simulator opens the broker's screens; the backend itself by default (the dev server in dev). */
  screensUrl?: string;
}

/**
 * The broker configuration of the demo (core's schema, plus the reference server's own `server` part): the
 * success and return URLs are pages of the simulator, which frames the screens.
 */
export function demoBrokerConfig({ mode, brokerPort, simulatorPort }: DemoOptions) {
  const simulator = local(simulatorPort);
  const inApp = ['deposit-withdrawal', 'kyc', 'action-chat', 'invite'];
  return {
    identityMode: mode === 'sso' ? 'sso' : 'ot-handoff',
    modules: mode === 'sso' ? [...inApp, 'embedded-web', 'ribbons'] : inApp,
    backendBaseUrl: '/',
    successUrl: `${simulator}/callback/success`,
    returnUrl: `${simulator}/return`,
    brand: { name: 'Demo Broker' },
    allowedEmbeddingOrigins: [simulator],
    server: { publicUrl: local(brokerPort), kyc: { types: demoKycTypes } },
  };
}

/** Starts the demo's backend and simulator and waits until both answer. */
export async function startDemo(options: DemoOptions) {
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const configFile = join(dataDir, `broker-config.${options.mode}.json`);
  writeFileSync(configFile, JSON.stringify(demoBrokerConfig(options), null, 2));
  const brokerUrl = local(options.brokerPort);
  const kycVendorPort = options.kycVendorPort ?? options.simulatorPort + 200;
  const children = await startServices([
    brokerService({
      port: options.brokerPort,
      simulatorPort: options.simulatorPort,
      dataDir,
      configFile,
      env: kycVendorEnv(kycVendorPort),
    }),
    simulatorService({ port: options.simulatorPort, brokerUrl: options.screensUrl ?? brokerUrl }),
    kycVendorService({ port: kycVendorPort }),
  ]);
  const stopDemo = () => Promise.all(children.map(stop));
  return {
    brokerUrl,
    simulatorUrl: local(options.simulatorPort),
    kycVendorUrl: local(kycVendorPort),
    stop: stopDemo,
    children,
  };
}
