// The command end to end against a fresh reference server: the count line, the exit code, and for a failure the
// rule, the reason and the exchanges (with the password masked).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmPassword, startContractServer, type TestServer } from '../../server/src/test/harness.ts';

const bin = fileURLToPath(new URL('../bin/broker-kit-conformance.mjs', import.meta.url));
const referenceHook = fileURLToPath(new URL('../../server/src/conformance-fixture.ts', import.meta.url));
const brokenHook = fileURLToPath(new URL('./testing/wrong-password.fixtures.ts', import.meta.url));
let t: TestServer;

beforeAll(async () => {
  t = await startContractServer();
});
afterAll(async () => {
  await t.close();
});

/** Runs the command (asynchronously: the server under test answers from this process). */
function run(...args: string[]): Promise<{ status: number; output: string }> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CRM_API_PASSWORD: crmPassword } });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status: status ?? 1, output })));
}

describe('broker-kit-conformance', () => {
  it('passes the reference server module by module and says so', async () => {
    const { status, output } = await run('--url', t.url, '--fixtures', referenceHook, '--modules', 'payments,chat');
    expect(output).toMatch(/^7 passed, 0 failed \(\d+ skipped\)$/m);
    expect(status).toBe(0);
  }, 120_000);

  it('reports a failure with its rule, its reason and the exchanges, and exits non-zero', async () => {
    const { status, output } = await run('--url', t.url, '--fixtures', brokenHook, '--modules', 'identity');
    expect(status).toBe(1);
    expect(output).toMatch(/^\d+ passed, [1-9]\d* failed/m);
    expect(output).toContain('✖ logs the user in and answers wrong passwords and unknown emails alike');
    expect(output).toContain('rule: identity: login and signup');
    expect(output).toMatch(/sent POST \/api\/auth\/login \{.*"password":"…"/);
    expect(output).toMatch(/got 401 \{.*"code":"INVALID_CREDENTIALS"/);
    expect(output).not.toContain('Not-the-password-1');
  }, 120_000);

  it('refuses a missing URL and an unknown module with a usage message', async () => {
    expect(await run('--fixtures', referenceHook)).toMatchObject({
      status: 2,
      output: expect.stringContaining('--url'),
    });
    const unknown = await run('--url', t.url, '--fixtures', referenceHook, '--modules', 'teleport');
    expect(unknown).toMatchObject({ status: 2, output: expect.stringContaining('Unknown module teleport') });
  });
});
