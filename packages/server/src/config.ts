// Configuration of the reference backend: the broker's choices (JSON file, BROKER_CONFIG) and the
// process's own settings (environment). Parsed once at start; a bad value stops the start with a clear message.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import {
  documentTypes,
  kycProviderKinds,
  transactionFailureCodes,
  type DocumentType,
} from '@broker-kit/core/adapter/schemas.ts';
import { defaultKycType, kycTypePattern } from '@broker-kit/core/rules/kyc.ts';
import {
  parseBrokerConfig as parseCoreConfig,
  type BrokerConfigInput as CoreConfigInput,
  type BrokerConfig as CoreConfig,
} from '@broker-kit/core/config.ts';
import type { FeatureModule } from '@broker-kit/core/identity.ts';
import { defaultScryptCost, type ScryptCost } from './crypto.ts';
import { logLevels, type LogLevel } from './log.ts';

export const moduleNames = ['platform-web', 'payments', 'kyc', 'action', 'chat', 'ribbons', 'invite'] as const;
export type ModuleName = (typeof moduleNames)[number];

/** Core's feature modules (seed 000) to the server's route groups. */
const routeGroups: Record<FeatureModule, readonly ModuleName[]> = {
  'embedded-web': ['platform-web'],
  'deposit-withdrawal': ['payments'],
  kyc: ['kyc'],
  'action-chat': ['action', 'chat'],
  ribbons: ['ribbons'],
  invite: ['invite'],
  'identity-only': [],
};

const defaultKycTypes: Record<string, { requiredDocuments: DocumentType[] }> = {
  [defaultKycType]: { requiredDocuments: ['passport', 'proof_of_address'] },
  enhanced: { requiredDocuments: ['passport', 'proof_of_address', 'selfie'] },
};

const text = z.union([z.string(), z.record(z.string(), z.string())]);
const amount = z.string().regex(/^\d{1,12}(\.\d{1,8})?$/);
const limit = z.object({ limit: z.number().int().min(1), windowSeconds: z.number().int().min(1) });

/** Manager API paths; `{userId}` and `{login}` are filled in. Defaults are the seed's spelling. */
export const platformPathsSchema = z.object({
  createUser: z.string().default('POST /ctid/users'),
  createTrader: z.string().default('POST /ctid/traders'),
  linkTrader: z.string().default('POST /ctid/users/{userId}/traders/{login}'),
  agreement: z.string().default('POST /ctid/users/{userId}/agreement'),
  changeBalance: z.string().default('POST /webserv/traders/{login}/changebalance'),
  /** The balance change with this externalId, or 404: how a timed-out change is resolved. */
  balanceChange: z.string().default('GET /webserv/traders/{login}/changebalance/{externalId}'),
  ribbons: z.string().default('POST /ctid/users/{userId}/ribbons'),
  referral: z.string().default('POST /ctid/referrals'),
  validateInAppToken: z.string().default('POST /ctid2/inAppOneTimeToken/validate'),
});
export type PlatformPaths = z.infer<typeof platformPathsSchema>;

/**
 * The server-only part of the configuration file: the `server` key next to core's broker configuration.
 * Everything the screens share (identity mode, modules, success URL, embedding origins, token TTL) is core's.
 */
export const serverConfigSchema = z.object({
  /** Public origin of this server, e.g. https://crm.broker.example. Defaults to http://127.0.0.1:PORT. */
  publicUrl: z.url().optional(),
  /**
   * Origins of the broker's own client area (e.g. https://my.broker.example) that call this server from the
   * browser with the npm packages: answered with CORS (credentials included) and let through the CSRF check.
   */
  allowedClientOrigins: z
    .array(z.url().refine((url) => new URL(url).origin === url.replace(/\/$/, ''), 'an origin, without a path'))
    .default([]),
  platformPaths: platformPathsSchema.default(platformPathsSchema.parse({})),
  platformWebTokenTtlSeconds: z.number().int().min(10).max(300).default(60),
  sessionTtlMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  /** Lifetime of the access token issued at exchange when "Keep me logged in" was chosen (automatic re-login). */
  accessTokenTtlDays: z.number().int().min(1).max(365).default(30),
  /** Lifetime of the access token issued at exchange otherwise. */
  shortAccessTokenTtlHours: z
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(12),
  /** Lifetime of a password reset link. */
  passwordResetTtlMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
  /** The OAuth client the SSO token is issued to (the platform). */
  ssoClientId: z.string().min(1).default('ctrader'),
  rateLimits: z
    .object({
      loginPerIp: limit.default({ limit: 20, windowSeconds: 300 }),
      /** Wrong passwords for one account from one address. */
      loginPerAccount: limit.default({ limit: 10, windowSeconds: 900 }),
      signupPerIp: limit.default({ limit: 10, windowSeconds: 3600 }),
      tokenPerIp: limit.default({ limit: 30, windowSeconds: 60 }),
      /** Failed exchanges, per platform client and per address; successful ones are never limited. */
      exchangePerClient: limit.default({ limit: 120, windowSeconds: 60 }),
      /** Reset mails to one address, counted alike for known and unknown addresses (no mail bombing). */
      passwordResetPerAccount: limit.default({ limit: 5, windowSeconds: 3600 }),
      /** In-app OT tokens the platform asks for one user (each opens a screen). */
      inAppTokenPerUser: limit.default({ limit: 60, windowSeconds: 60 }),
      /** Wrong admin credentials (audit export) from one address. */
      adminGuessesPerIp: limit.default({ limit: 10, windowSeconds: 900 }),
      /** Invite clicks and attributed sign-ups counted for one invite; more in the window are not counted. */
      inviteEventsPerInvite: limit.default({ limit: 200, windowSeconds: 3600 }),
    })
    .default({
      loginPerIp: { limit: 20, windowSeconds: 300 },
      loginPerAccount: { limit: 10, windowSeconds: 900 },
      signupPerIp: { limit: 10, windowSeconds: 3600 },
      tokenPerIp: { limit: 30, windowSeconds: 60 },
      exchangePerClient: { limit: 120, windowSeconds: 60 },
      passwordResetPerAccount: { limit: 5, windowSeconds: 3600 },
      inAppTokenPerUser: { limit: 60, windowSeconds: 60 },
      adminGuessesPerIp: { limit: 10, windowSeconds: 900 },
      inviteEventsPerInvite: { limit: 200, windowSeconds: 3600 },
    }),
  accountTypes: z
    .array(
      z.object({
        id: z.string(),
        name: text,
        description: text.optional(),
        environments: z.array(z.enum(['live', 'demo'])),
        currencies: z.array(z.string()),
        leverages: z.array(z.number()),
        minDeposit: amount.optional(),
      }),
    )
    .default([
      {
        id: 'standard',
        name: 'Standard',
        environments: ['live', 'demo'],
        currencies: ['USD', 'EUR'],
        leverages: [30, 100, 500],
      },
      { id: 'raw', name: 'Raw spread', environments: ['live'], currencies: ['USD'], leverages: [100, 200] },
    ]),
  paymentMethods: z
    .array(
      z.object({
        id: z.string(),
        name: text,
        currencies: z.array(z.string()),
        min: amount,
        max: amount,
        fee: z.string().optional(),
        processingTime: text.optional(),
        directions: z.array(z.enum(['deposit', 'withdraw'])).default(['deposit', 'withdraw']),
        /** The payment provider declines every deposit with this method: a demo and test aid, not for real methods. */
        decline: z.object({ failureCode: z.enum(transactionFailureCodes), failureReason: z.string() }).optional(),
      }),
    )
    .default([
      {
        id: 'card',
        name: 'Card',
        currencies: ['USD', 'EUR'],
        min: '10',
        max: '10000',
        directions: ['deposit', 'withdraw'],
      },
      {
        id: 'bank',
        name: 'Bank transfer',
        currencies: ['USD', 'EUR'],
        min: '100',
        max: '100000',
        processingTime: '1-3 days',
        directions: ['deposit', 'withdraw'],
      },
      // A declining method, as the in-memory backend's demo data has one, so the demo shows a failed deposit.
      {
        id: 'card-declined',
        name: {
          en: 'Card (declined in demo)',
          de: 'Karte (in der Demo abgelehnt)',
          es: 'Tarjeta (rechazada en la demo)',
        },
        currencies: ['USD', 'EUR'],
        min: '10',
        max: '10000',
        directions: ['deposit'],
        decline: { failureCode: 'declined', failureReason: 'Declined by the card issuer (demo)' },
      },
    ]),
  kyc: z
    .object({
      maxFileSize: z
        .number()
        .int()
        .min(1024)
        .max(20 * 1024 * 1024)
        .default(5 * 1024 * 1024),
      /**
       * The KYC types a screen may ask for (`kycType`), with the documents each needs; others are NOT_FOUND. A type's
       * `provider` overrides the broker's `kyc.provider` (an enhanced check through a vendor, say).
       */
      types: z
        .record(
          z.string().regex(kycTypePattern),
          z.object({
            requiredDocuments: z.array(z.enum(documentTypes)),
            provider: z.enum(kycProviderKinds).optional(),
          }),
        )
        .default(defaultKycTypes),
      /** How long the form input a user has not saved as a step yet is kept after its last save. */
      draftTtlHours: z
        .number()
        .int()
        .min(1)
        .max(30 * 24)
        .default(24),
    })
    .default({ maxFileSize: 5 * 1024 * 1024, types: defaultKycTypes, draftTtlHours: 24 }),
  actions: z
    .array(
      z.object({
        actionType: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/),
        title: text,
        description: text.optional(),
        fields: z.array(z.any()),
        submitLabel: text.optional(),
        confirm: z.boolean().optional(),
      }),
    )
    .default([
      {
        actionType: 'change-leverage',
        title: 'Change leverage',
        fields: [
          {
            name: 'leverage',
            type: 'select',
            label: 'Leverage',
            required: true,
            options: [
              { value: '30', label: '1:30' },
              { value: '100', label: '1:100' },
            ],
          },
          { name: 'reason', type: 'textarea', label: 'Reason', maxLength: 500 },
        ],
        confirm: true,
      },
    ]),
  ribbons: z
    .array(
      z.object({
        id: z.string(),
        color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
        title: z.string().max(200),
        enabled: z.boolean(),
        closable: z.boolean(),
        scope: z.enum(['account', 'broker', 'user']),
        target: z.string().optional(),
        action: z.union([z.object({ urlExternal: z.string() }), z.object({ urlinApp: z.string() })]).optional(),
      }),
    )
    .default([
      {
        id: 'verify',
        color: '#1E6FD9',
        title: 'Complete your verification',
        enabled: true,
        closable: true,
        scope: 'broker',
        action: { urlinApp: '/inapp/kyc' },
      },
    ]),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;

/** What the routes read: core's configuration resolved for this server, plus the server-only settings. */
export type BrokerConfig = Omit<ServerConfig, 'publicUrl'> & {
  brokerName: string;
  identity: 'sso' | 'handoff';
  modules: ModuleName[];
  publicUrl: string;
  successUrl: string;
  embeddingOrigins: string[];
  platformWebUrl: string;
  tokenTtlMs: number;
  /** Core's parsed configuration, as the hosted shell reads it from /broker-config.json. */
  core: CoreConfig;
};

/** The configuration used when BROKER_CONFIG names no file: full SSO with every module, for the demo. */
export function defaultCoreConfig(publicUrl: string): CoreConfigInput {
  return {
    identityMode: 'sso',
    modules: ['embedded-web', 'deposit-withdrawal', 'kyc', 'action-chat', 'ribbons', 'invite'],
    backendBaseUrl: '/',
    successUrl: `${publicUrl}/callback/success`,
    brand: { name: 'Demo Broker' },
  };
}

/**
 * Parses the configuration file: core's broker configuration (validated by core's `parseBrokerConfig`,
 * compatibility of seed 000 included) with an optional `server` object for this server's own settings.
 */
export function parseBrokerConfig(input: unknown, port: number): BrokerConfig {
  const { server, ...coreInput } = (input ?? {}) as Record<string, unknown>;
  const parsed = serverConfigSchema.safeParse(server ?? {});
  if (!parsed.success) throw new Error(`Invalid server configuration: ${z.prettifyError(parsed.error)}`);
  const publicUrl = (parsed.data.publicUrl ?? `http://127.0.0.1:${port}`).replace(/\/$/, '');
  const core = parseCoreConfig(Object.keys(coreInput).length > 0 ? coreInput : defaultCoreConfig(publicUrl));
  return {
    ...parsed.data,
    brokerName: core.brand.name,
    identity: core.identityMode === 'sso' ? 'sso' : 'handoff',
    modules: [...new Set(core.modules.flatMap((module) => routeGroups[module]))],
    publicUrl,
    successUrl: core.successUrl,
    embeddingOrigins: core.allowedEmbeddingOrigins,
    platformWebUrl: core.platformWebUrl,
    tokenTtlMs: core.tokenTtlSeconds * 1000,
    core,
  };
}

/** One OAuth client (the platform) that authenticates with `POST /oauth2/crmApiToken {password}`. */
export interface ClientCredential {
  id: string;
  password: string;
}

export interface ServerSettings {
  port: number;
  host: string;
  dataDir: string;
  /** The built hosted shell (index.html and assets/). */
  hostedDir: string;
  /** SQLite file; created with its folder. */
  sqlitePath: string;
  /** Tokens, sessions, rate limits and chat fan-out go to Redis when set. */
  redisUrl: string | undefined;
  platformUrl: string;
  /** How long a manager API call may take before it answers TIMEOUT. */
  platformTimeoutMs: number;
  managerToken: string;
  clients: ClientCredential[];
  /** Bearer credential of the audit export; without it the export is closed. */
  adminToken: string | undefined;
  /** Bearer credential of `GET /metrics` (Prometheus); without it there is no metrics endpoint. */
  metricsToken: string | undefined;
  /**
   * How many proxies stand in front of this server (TRUST_PROXY=N; 0: none). Their X-Forwarded-For entries,
   * counted from the right, give the client address; X-Forwarded-Proto and X-Forwarded-Host are read from them.
   */
  trustProxy: number;
  scryptCost: ScryptCost;
  /** Delay of the simulated support agent's answer. */
  agentDelayMs: number;
  /** `info`: a JSON access line per request and errors; `error`: errors only. */
  logLevel: LogLevel;
  /** Development aids (`GET /dev/outbox`, the mails the default mailer keeps). Off unless DEV_OUTBOX=1. */
  devOutbox: boolean;
  /** The demo (DEMO=1): the well-known development secrets are accepted. Off everywhere else. */
  demo: boolean;
  /** The payment provider's API; without it deposits are credited at once, as a demo without a provider. */
  psp?: { url: string; apiKey: string; webhookSecret: string; timeoutMs: number };
  /** How often the reconciliation pass settles payments left in flight (it also runs at start-up). */
  reconcileIntervalMs: number;
}

/** The credentials the server falls back to when the environment names none: public, so only for the demo. */
export const developmentSecrets = {
  managerToken: 'dev-manager-token',
  crmApiPassword: 'dev-crm-password',
  pspApiKey: 'dev-psp-api-key-0000',
  pspWebhookSecret: 'dev-psp-webhook-secret',
} as const;

/**
 * Stops the start outside the demo when a credential is a known development value (anyone could then publish
 * ribbons to any user or call the manager API as the broker) or too short to resist guessing.
 */
export function refuseWeakSecrets(settings: ServerSettings): void {
  if (settings.demo) return;
  const known: string[] = Object.values(developmentSecrets);
  const secrets: [string, string | undefined][] = [
    ['MANAGER_TOKEN', settings.managerToken],
    ...settings.clients.map((client): [string, string] => [`CRM_API_PASSWORD (${client.id})`, client.password]),
    ['ADMIN_TOKEN', settings.adminToken],
    ['METRICS_TOKEN', settings.metricsToken],
    ...(settings.psp
      ? ([
          ['PSP_API_KEY', settings.psp.apiKey],
          ['PSP_WEBHOOK_SECRET', settings.psp.webhookSecret],
        ] as [string, string][])
      : []),
  ];
  const optional = ['ADMIN_TOKEN', 'METRICS_TOKEN'];
  for (const [name, value] of secrets) {
    if (value === undefined && optional.includes(name)) continue;
    if (value === undefined || known.includes(value) || value.length < 16)
      throw new Error(`${name} is unset, a development default or shorter than 16 characters (DEMO=1 allows that)`);
  }
}

function resolveLogLevel(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info';
  if ((logLevels as readonly string[]).includes(value)) return value as LogLevel;
  throw new Error(`LOG_LEVEL must be one of ${logLevels.join(', ')}`);
}

function proxyHops(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d$/.test(value)) throw new Error('TRUST_PROXY must be the number of proxies in front of the server (0-9)');
  return Number(value);
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('PORT must be a port number');
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const scryptN = env.SCRYPT_N ? Number(env.SCRYPT_N) : defaultScryptCost.N;
  return {
    port,
    host: '127.0.0.1',
    dataDir,
    sqlitePath: join(dataDir, 'broker-kit.sqlite'),
    hostedDir: resolve(env.HOSTED_DIR ?? fileURLToPath(new URL('../../hosted/dist/', import.meta.url))),
    redisUrl: env.REDIS_URL || undefined,
    platformUrl: (env.PLATFORM_URL ?? 'http://127.0.0.1:4100').replace(/\/$/, ''),
    platformTimeoutMs: env.PLATFORM_TIMEOUT_MS ? Number(env.PLATFORM_TIMEOUT_MS) : 5000,
    managerToken: env.MANAGER_TOKEN ?? developmentSecrets.managerToken,
    clients: [
      { id: env.CRM_CLIENT_ID ?? 'ctrader', password: env.CRM_API_PASSWORD ?? developmentSecrets.crmApiPassword },
    ],
    adminToken: env.ADMIN_TOKEN || undefined,
    metricsToken: env.METRICS_TOKEN || undefined,
    trustProxy: proxyHops(env.TRUST_PROXY),
    scryptCost: { ...defaultScryptCost, N: scryptN },
    agentDelayMs: env.AGENT_DELAY_MS ? Number(env.AGENT_DELAY_MS) : 1200,
    logLevel: resolveLogLevel(env.LOG_LEVEL),
    devOutbox: env.DEV_OUTBOX === '1',
    demo: env.DEMO === '1',
    ...(env.PSP_URL && {
      psp: {
        url: env.PSP_URL.replace(/\/$/, ''),
        apiKey: env.PSP_API_KEY ?? developmentSecrets.pspApiKey,
        webhookSecret: env.PSP_WEBHOOK_SECRET ?? developmentSecrets.pspWebhookSecret,
        timeoutMs: env.PSP_TIMEOUT_MS ? Number(env.PSP_TIMEOUT_MS) : 10_000,
      },
    }),
    reconcileIntervalMs: env.RECONCILE_INTERVAL_MS ? Number(env.RECONCILE_INTERVAL_MS) : 60_000,
  };
}

export function brokerConfigFromEnv(port: number, env: NodeJS.ProcessEnv = process.env): BrokerConfig {
  const file = env.BROKER_CONFIG;
  const input: unknown = file ? JSON.parse(readFileSync(file, 'utf8')) : {};
  return parseBrokerConfig(input, port);
}
