import { describe, expect, it } from 'vitest';
import { parseBrokerConfig } from './config.ts';
import { ConfigError } from './errors.ts';

const valid = {
  identityMode: 'sso',
  modules: ['embedded-web', 'deposit-withdrawal'],
  backendBaseUrl: '/api',
  successUrl: 'https://broker.example/callback/success?via=app',
  brand: { name: 'Example Broker', logoUrl: 'https://broker.example/logo.svg' },
  allowedEmbeddingOrigins: ['https://client.broker.example'],
};

function errorOf(input: unknown): ConfigError {
  try {
    parseBrokerConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseBrokerConfig', () => {
  it('accepts a valid configuration and fills defaults', () => {
    const config = parseBrokerConfig(JSON.stringify(valid));
    expect(config).toMatchObject({
      defaultLanguage: 'en',
      tokenTtlSeconds: 300,
      platformWebUrl: 'https://app.ctrader.com/',
      screenTimings: { enabled: true, sampleRate: 0.1 },
    });
    expect(config.supportedLanguages).toHaveLength(23);
    expect(parseBrokerConfig({ ...valid, successUrl: 'http://127.0.0.1:5173/done' }).successUrl).toBe(
      'http://127.0.0.1:5173/done',
    );
  });

  it.each([
    [{ ...valid, successUrl: 'http://broker.example/done' }, 'successUrl'],
    [{ ...valid, successUrl: 'javascript:alert(1)' }, 'successUrl'],
    [{ ...valid, successUrl: 'https://user:pw@broker.example/' }, 'successUrl'],
    [{ ...valid, returnUrl: 'data:text/html,x' }, 'returnUrl'],
    [{ ...valid, identityMode: 'oauth' }, 'identityMode'],
    [{ ...valid, modules: ['cashier'] }, 'modules.0'],
    [{ ...valid, brand: { name: '' } }, 'brand.name'],
    [{ ...valid, screenTimings: { sampleRate: 1.5 } }, 'screenTimings.sampleRate'],
    [{ ...valid, screenTimings: { enabled: 'no' } }, 'screenTimings.enabled'],
    [{ ...valid, brand: { name: 'X', themeUrl: '//evil.example/t.css' } }, 'brand.themeUrl'],
    [{ ...valid, allowedEmbeddingOrigins: ['https://client.example/path'] }, 'allowedEmbeddingOrigins.0'],
    [{ ...valid, defaultLanguage: 'de', supportedLanguages: ['en', 'fr'] }, 'defaultLanguage'],
    [{ ...valid, supportedLanguages: ['en', 'xx'] }, 'supportedLanguages.1'],
    [{ ...valid, tokenTtlSeconds: 3600 }, 'tokenTtlSeconds'],
    [{ ...valid, backendBaseUrl: undefined }, 'backendBaseUrl'],
  ])('names the field of an invalid value (%#: %s)', (input, path) => {
    const error = errorOf(input);
    expect(error.issues.map((issue) => issue.path)).toContain(path);
    expect(error.message).toContain(`${path}: `);
  });

  it('rejects text that is not JSON, and non-objects', () => {
    expect(errorOf('{ nope').message).toContain('not valid JSON');
    expect(errorOf(null).issues[0]?.path).toBe('(root)');
  });

  it('fails an incompatible module set with the compatibility error', () => {
    const error = errorOf({ ...valid, identityMode: 'ot-handoff' });
    expect(error.issues).toEqual([
      {
        path: 'modules',
        message:
          'Embedded cTrader web is not compatible with One-time token handoff. Migrate to SSO user creation and authorisation to use it, or disable the module.',
      },
    ]);
  });

  it('accepts identity only under handoff', () => {
    expect(parseBrokerConfig({ ...valid, identityMode: 'ot-handoff', modules: [] }).modules).toEqual([]);
  });
});
