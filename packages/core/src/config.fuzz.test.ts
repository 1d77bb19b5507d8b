// Property tests of parseBrokerConfig: whatever a deployment's JSON holds, start-up either gets a configuration
// whose every field is allowlisted or well-formed, or a ConfigError naming the fields; never another exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brokerConfigSchema, parseBrokerConfig, type BrokerConfig } from './config.ts';
import { ConfigError } from './errors.ts';
import { checkCompatibility, featureModules, identityModes } from './identity.ts';
import { languages } from './i18n/languages.ts';
import { hostileStrings, lookAlikeOrigins } from './testing/hostile.ts';
import { isExactOrigin, isRedirectUrl } from './url.ts';

const valid = {
  identityMode: 'sso',
  modules: ['embedded-web', 'deposit-withdrawal'],
  backendBaseUrl: '/api',
  successUrl: 'https://broker.example/callback/success',
  returnUrl: 'https://broker.example/back',
  brand: { name: 'Example Broker', logoUrl: 'https://broker.example/logo.svg', themeUrl: '/theme.css' },
  allowedEmbeddingOrigins: ['https://client.broker.example'],
  defaultLanguage: 'de',
  supportedLanguages: ['de', 'en'],
  tokenTtlSeconds: 600,
};
const knownKeys = Object.keys(brokerConfigSchema.def.shape).sort();

/**
 * A link field: an https (or loopback http) URL, or a path that a browser resolves on this origin. A path may
 * normalise to `//x` (`/./\\x`): harmless while it is resolved against the page, as fetch and `<link href>` do.
 */
function expectLink(value: string | undefined) {
  if (value === undefined) return;
  if (isRedirectUrl(value)) return;
  expect(value.startsWith('/') && !/^[\\/]{2}|^\/\\/.test(value), value).toBe(true);
  expect(new URL(value, 'https://same.origin/').origin).toBe('https://same.origin');
}

/** Every field of a parsed configuration is allowlisted, well-formed, or its default. */
function expectWellFormed(config: BrokerConfig) {
  expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
  for (const key of Object.keys(config)) expect(knownKeys).toContain(key);
  expect(identityModes).toContain(config.identityMode);
  for (const module of config.modules) expect(featureModules).toContain(module);
  expect(checkCompatibility(config.identityMode, config.modules).ok).toBe(true);
  for (const url of [config.successUrl, config.platformWebUrl, config.returnUrl])
    if (url !== undefined) expect(isRedirectUrl(url), url).toBe(true);
  expectLink(config.backendBaseUrl);
  expectLink(config.brand.logoUrl);
  expectLink(config.brand.themeUrl);
  expect(Object.keys(config.brand).every((key) => ['name', 'logoUrl', 'themeUrl'].includes(key))).toBe(true);
  expect(config.brand.name.trim()).toBe(config.brand.name);
  expect(config.brand.name.length).toBeGreaterThan(0);
  for (const origin of config.allowedEmbeddingOrigins) expect(isExactOrigin(origin), origin).toBe(true);
  for (const language of config.supportedLanguages) expect(languages).toContain(language);
  expect(config.supportedLanguages).toContain(config.defaultLanguage);
  expect(Number.isInteger(config.tokenTtlSeconds)).toBe(true);
  expect(config.tokenTtlSeconds).toBeGreaterThanOrEqual(60);
  expect(config.tokenTtlSeconds).toBeLessThanOrEqual(900);
}

/** parseBrokerConfig's only two outcomes: a well-formed configuration, or a ConfigError with field paths. */
function judge(input: unknown): BrokerConfig | ConfigError {
  let result: BrokerConfig;
  try {
    result = parseBrokerConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.path).toMatch(/^(\(root\)|[A-Za-z]+(\.[A-Za-z0-9]+)*)$/);
    return error as ConfigError;
  }
  expectWellFormed(result);
  return result;
}

const fields = Object.keys(valid) as (keyof typeof valid)[];
const hostileValue = fc.oneof(
  fc.constantFrom(...hostileStrings),
  fc.anything(),
  fc.array(fc.constantFrom(...hostileStrings, ...languages, ...featureModules), { maxLength: 4 }),
  fc.record({ name: fc.constantFrom(...hostileStrings), logoUrl: fc.constantFrom(...hostileStrings) }),
);

describe('parseBrokerConfig (property)', () => {
  it('answers a well-formed configuration or a ConfigError for any input at all', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.json(), fc.string(), fc.constantFrom(...hostileStrings)), (input) => {
        judge(input);
      }),
      { numRuns: 300 },
    );
  });

  it('stays well-formed when any field of a valid configuration is replaced by a hostile value', () => {
    expect(judge(valid)).not.toBeInstanceOf(ConfigError);
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom(...fields, 'brand', '__proto__', 'constructor', 'server'), hostileValue, {
          maxKeys: 3,
        }),
        fc.boolean(),
        (changes, asText) => {
          const input = { ...valid, ...changes };
          const result = judge(asText ? JSON.stringify(input) : input);
          // Each problem names a real field of the configuration (or the root), never an internal detail.
          if (result instanceof ConfigError)
            for (const issue of result.issues) expect(['(root)', ...knownKeys]).toContain(issue.path.split('.')[0]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('never takes a URL with a script scheme, a look-alike origin shape, or a protocol-relative path', () => {
    for (const value of hostileStrings) {
      for (const field of ['successUrl', 'returnUrl', 'backendBaseUrl', 'platformWebUrl'] as const)
        judge({ ...valid, [field]: value });
      judge({ ...valid, brand: { name: 'B', logoUrl: value, themeUrl: value } });
      judge({ ...valid, allowedEmbeddingOrigins: [value] });
    }
    // The look-alikes that are not exact origins are refused by name; the rest are other sites' exact origins.
    const refused = lookAlikeOrigins.filter((value) => {
      const result = judge({ ...valid, allowedEmbeddingOrigins: [value] });
      return result instanceof ConfigError;
    });
    expect(refused).toEqual(
      expect.arrayContaining(['https://broker.example@evil.test', '//evil.test', 'https://br\u043Eker.example']),
    );
    expect(refused).not.toContain('https://broker.example.evil'); // a different, exact origin: allowed only if listed
  });

  it('copies no prototype-polluting key, from an object or from JSON text', () => {
    const text =
      '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"identityMode":"sso",' +
      '"backendBaseUrl":"/api","successUrl":"https://broker.example/ok","brand":{"name":"B","__proto__":{"polluted":"yes"}}}';
    const fromText = judge(text);
    const fromObject = judge(JSON.parse(text));
    for (const config of [fromText, fromObject]) {
      expect(config).not.toBeInstanceOf(ConfigError);
      expect(Object.hasOwn(config, '__proto__')).toBe(false);
      expect(Object.hasOwn(config, 'constructor')).toBe(false);
      expect(Object.hasOwn((config as BrokerConfig).brand, '__proto__')).toBe(false);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('round-trips: a parsed configuration written as JSON parses to itself', () => {
    fc.assert(
      fc.property(
        fc.subarray([...featureModules]),
        fc.subarray([...languages], { minLength: 1 }),
        fc.integer({ min: 60, max: 900 }),
        (modules, supported, ttl) => {
          const input = {
            ...valid,
            modules,
            supportedLanguages: supported,
            defaultLanguage: supported[0],
            tokenTtlSeconds: ttl,
          };
          const first = judge(input);
          if (first instanceof ConfigError) return; // an incompatible module set, named in the error
          expect(parseBrokerConfig(JSON.stringify(first))).toEqual(first);
        },
      ),
      { numRuns: 100 },
    );
  });
});
