// Where the end-to-end processes listen, and the broker configuration each reference server starts with.
// Two brokers differ only in their identity mode (and the SSO-only modules it allows): the migration path of
// seed 000, "no redeployment" for the in-app modules.
import { demoKycTypes } from '../demo/launch.ts';

const base = Number(process.env.E2E_PORT ?? 4400);

export const e2ePorts = {
  handoff: { broker: base, simulator: base + 10 },
  sso: { broker: base + 1, simulator: base + 11 },
} as const;

export type Mode = keyof typeof e2ePorts;

/** The client areas of demo/integrations, each on its own origin, calling the SSO broker with CORS. */
export const integrationPorts = { html: base + 20, react: base + 21, vue: base + 22, cdn: base + 23 } as const;
/** The simulated KYC vendor both brokers send traders to for `kycType=vendor`. */
export const kycVendorPort = base + 40;
export const kycVendorUrl = `http://127.0.0.1:${kycVendorPort}`;
const clientOrigins = Object.values(integrationPorts).map((port) => `http://127.0.0.1:${port}`);

export const brokerUrl = (mode: Mode) => `http://127.0.0.1:${e2ePorts[mode].broker}`;
export const simulatorUrl = (mode: Mode) => `http://127.0.0.1:${e2ePorts[mode].simulator}`;

/**
 * Every test's browser comes from 127.0.0.1, where real users each have their own address: the per-address
 * limits are raised so the suite's own signups, logins and token checks do not lock it out (the server's tests
 * cover those limiters). The per-account limits stay as shipped; a test reaches the login one.
 */
const perIpLimits = {
  loginPerIp: { limit: 1000, windowSeconds: 300 },
  signupPerIp: { limit: 1000, windowSeconds: 3600 },
  tokenPerIp: { limit: 1000, windowSeconds: 60 },
};

/** The credential of both brokers' `GET /metrics`. */
export const metricsToken = 'e2e-metrics-token-0123456789';

/** The broker configuration (core's schema, plus the reference server's own `server` part) for each mode. */
export function brokerConfig(mode: Mode) {
  const simulator = simulatorUrl(mode);
  const inApp = ['deposit-withdrawal', 'kyc', 'action-chat', 'invite'];
  return {
    identityMode: mode === 'sso' ? 'sso' : 'ot-handoff',
    modules: mode === 'sso' ? [...inApp, 'embedded-web', 'ribbons'] : inApp,
    backendBaseUrl: '/',
    successUrl: `${simulator}/callback/success`,
    returnUrl: `${simulator}/return`,
    brand: { name: 'Demo Broker' },
    allowedEmbeddingOrigins: [simulator],
    // Every load of the handoff broker reports its timings (monitoring.spec.ts reads them back); the SSO broker
    // has them switched off.
    screenTimings: mode === 'sso' ? { enabled: false } : { enabled: true, sampleRate: 1 },
    server: {
      publicUrl: brokerUrl(mode),
      rateLimits: perIpLimits,
      kyc: { types: demoKycTypes },
      ...(mode === 'sso' && { allowedClientOrigins: clientOrigins }),
    },
  };
}
