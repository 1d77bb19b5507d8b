import * as z from 'zod/mini';
import { ConfigError } from './errors.ts';
import { checkCompatibility, featureModules, identityModes } from './identity.ts';
import { languages } from './i18n/languages.ts';
import { isExactOrigin, isRedirectUrl, isSafeLink } from './url.ts';
import { kycProviderKinds } from './adapter/schemas.ts';
import { defaultMinimumAge } from './rules/dates.ts';

const redirectUrl = z.string().check(z.refine(isRedirectUrl, 'must be an https URL (http only on localhost)'));
const httpUrl = z
  .string()
  .check(
    z.refine(
      (value) => isRedirectUrl(value) || (value.startsWith('/') && isSafeLink(value, 'https://same.origin/')),
      'must be an https URL (http only on localhost) or a path on this origin',
    ),
  );
const language = z.enum(languages);

/** A broker's configuration of the kit: read once at start-up with `parseBrokerConfig`. */
export const brokerConfigSchema = z
  .object({
    identityMode: z.enum(identityModes),
    modules: z._default(z.array(z.enum(featureModules)), []),
    /** Where the HttpAdapter sends its calls (absolute, or a path on this origin). */
    backendBaseUrl: httpUrl,
    /** The SSO success URL the platform watches for: the token is appended to exactly this URL. */
    successUrl: redirectUrl,
    /** Where an in-app screen goes with its result; without it, in-app screens only emit events. */
    returnUrl: z.optional(redirectUrl),
    defaultLanguage: z._default(language, 'en'),
    supportedLanguages: z._default(z.array(language).check(z.minLength(1)), [...languages]),
    brand: z.object({
      name: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
      logoUrl: z.optional(httpUrl),
      themeUrl: z.optional(httpUrl),
    }),
    /** Exact origins allowed to frame the in-app screens (`frame-ancestors`). */
    allowedEmbeddingOrigins: z._default(
      z.array(z.string().check(z.refine(isExactOrigin, 'must be an exact origin like https://broker.example'))),
      [],
    ),
    /** The platform's web app framed by the embedded-web module. */
    platformWebUrl: z._default(redirectUrl, 'https://app.ctrader.com/'),
    /** Lifetime of issued OT tokens: 1 to 15 minutes (seed 001 says 5 to 15; default 5). */
    tokenTtlSeconds: z._default(z.int().check(z.gte(60), z.lte(900)), 300),
    /**
     * The screens' own load timings, reported to the backend for its metrics: on for a tenth of the loads by
     * default; `enabled: false` (or a rate of 0) switches them off.
     */
    /**
     * KYC: the youngest age accepted, how many days an approval lasts before a periodic review (0: no periodic
     * review; expiring documents still make a case due), and who verifies (`review`: the broker's staff through the
     * back office; `vendor`: a verification vendor through the KYC provider port).
     */
    kyc: z._default(
      z.object({
        minimumAge: z._default(z.int().check(z.gte(16), z.lte(25)), defaultMinimumAge),
        reviewIntervalDays: z._default(z.int().check(z.gte(0), z.lte(3650)), 365),
        provider: z._default(z.enum(kycProviderKinds), 'review'),
      }),
      { minimumAge: defaultMinimumAge, reviewIntervalDays: 365, provider: 'review' },
    ),
    screenTimings: z._default(
      z.object({
        enabled: z._default(z.boolean(), true),
        sampleRate: z._default(z.number().check(z.gte(0), z.lte(1)), 0.1),
      }),
      { enabled: true, sampleRate: 0.1 },
    ),
  })
  .check(
    z.refine((config) => config.supportedLanguages.includes(config.defaultLanguage), {
      message: 'must be one of supportedLanguages',
      path: ['defaultLanguage'],
    }),
  );

export type BrokerConfig = z.infer<typeof brokerConfigSchema>;
export type BrokerConfigInput = z.input<typeof brokerConfigSchema>;

/**
 * Validates a broker configuration (an object, or its JSON text). Throws a ConfigError that names each
 * bad field, or the compatibility errors of seed 000 when the module set does not fit the identity mode.
 */
export function parseBrokerConfig(json: unknown): BrokerConfig {
  let input = json;
  if (typeof json === 'string') {
    try {
      input = JSON.parse(json);
    } catch {
      throw new ConfigError([{ path: '(root)', message: 'is not valid JSON' }]);
    }
  }
  const parsed = brokerConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
        message: issue.message,
      })),
    );
  }
  const compatibility = checkCompatibility(parsed.data.identityMode, parsed.data.modules);
  if (!compatibility.ok) {
    throw new ConfigError(compatibility.errors.map((error) => ({ path: 'modules', message: error.message })));
  }
  return parsed.data;
}
