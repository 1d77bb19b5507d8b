import { afterEach, describe, expect, it, vi } from 'vitest';
import { settingsFromEnv } from './config.ts';
import { consoleLogger } from './log.ts';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('console logger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes the access lines of one event-loop turn together, after it, not one write per line', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const logger = consoleLogger('info');
    logger.info('POST /api/validate-token 200 1ms');
    logger.info('POST /oauth2/token 200 2ms');
    const ours = () => write.mock.calls.filter(([chunk]) => String(chunk).includes(' 200 '));
    expect(ours()).toHaveLength(0);
    await nextTurn();
    expect(ours()).toEqual([['POST /api/validate-token 200 1ms\nPOST /oauth2/token 200 2ms\n']]);
  });

  it('keeps only errors at LOG_LEVEL=error', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const logger = consoleLogger('error');
    logger.info('GET /broker-config.json 200 0ms');
    logger.error('audit write failed for login');
    await nextTurn();
    expect(write.mock.calls.filter(([chunk]) => String(chunk).includes('broker-config'))).toHaveLength(0);
    expect(error).toHaveBeenCalledWith('audit write failed for login');
  });

  it('reads LOG_LEVEL from the environment and refuses an unknown level', () => {
    expect(settingsFromEnv({}).logLevel).toBe('info');
    expect(settingsFromEnv({ LOG_LEVEL: 'error' }).logLevel).toBe('error');
    expect(() => settingsFromEnv({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
});
