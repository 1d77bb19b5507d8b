// The reference server as a real process on a real SQLite file, killed (SIGKILL) at each step of a deposit and
// started again: afterwards broker and platform agree, with no double credit and no lost one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { transactionSchema, type Transaction } from '@broker-kit/core/adapter/schemas.ts';
import { startFakePlatform, type FakePlatform } from '../test/fake-platform.ts';
import { pspApiKey, pspWebhookSecret, startFakePsp, type FakePsp } from '../test/fake-psp.ts';
import { Client, signupBody } from '../test/harness.ts';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
const root = fileURLToPath(new URL('../../../../', import.meta.url));
const waitLimit = { timeout: 60_000, interval: 100 };

let platform: FakePlatform;
let psp: FakePsp;
let dir: string;
let server: ChildProcess | undefined;
let port = 0;

/** Starts the server process (on the port it had before, once it had one) and answers when it listens. */
async function start(): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', main], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dir,
      HOSTED_DIR: join(dir, 'hosted'),
      PLATFORM_URL: platform.url,
      MANAGER_TOKEN: 'test-manager-token',
      CRM_API_PASSWORD: 'crash-test-crm-password-0123456789',
      PSP_URL: psp.url,
      PSP_API_KEY: pspApiKey,
      PSP_WEBHOOK_SECRET: pspWebhookSecret,
      // Short, so that a call cut off by a kill is "left behind" soon after the restart; never asserted.
      PLATFORM_TIMEOUT_MS: '3000',
      PSP_TIMEOUT_MS: '3000',
      RECONCILE_INTERVAL_MS: '250',
      SCRYPT_N: '4096',
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server = child;
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /on (http:\/\/127\.0\.0\.1:(\d+))\//.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}: ${out}`)));
  });
  port = Number(new URL(url).port);
  return url;
}

async function kill(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  server = undefined;
}

beforeAll(async () => {
  platform = await startFakePlatform();
  psp = await startFakePsp();
  dir = mkdtempSync(join(tmpdir(), 'bk-crash-'));
  mkdirSync(join(dir, 'hosted', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'hosted', 'index.html'), '<!doctype html><title>Shell</title>');
});
afterEach(async () => {
  await kill();
  platform.slow.clear();
  platform.hangAfterApply.clear();
  psp.hang.clear();
});
afterAll(async () => {
  await platform.close();
  await psp.close();
  rmSync(dir, { recursive: true, force: true });
});

let users = 0;
async function trader(url: string) {
  const client = new Client(url);
  const email = `crash${++users}@example.com`;
  expect((await client.call('POST', '/api/auth/signup', signupBody(email))).status).toBe(200);
  const account = await client.call('POST', '/api/accounts', {
    accountTypeId: 'standard',
    environment: 'live',
    currency: 'USD',
    leverage: 100,
    idempotencyKey: `acct-${email}`,
  });
  expect(account.status).toBe(200);
  return { client, login: account.body.account.login as number };
}

function depositBody(login: number, amount: string, key: string) {
  return { direction: 'deposit', account: login, methodId: 'card', amount, currency: 'USD', idempotencyKey: key };
}

/** The trader's view after a restart: the cookie session lives in SQLite, so it survives the kill. */
async function stateOf(client: Client, url: string, id: string): Promise<Transaction['state']> {
  const reply = await new Client(url).call('GET', `/api/payments/${id}`, undefined, { cookie: client.cookie });
  return reply.status === 200 ? transactionSchema.parse(reply.body).state : undefined;
}

/** Broker and platform agree: credited at the broker, and exactly one balance change of the amount there. */
function expectOneCredit(id: string, login: number, preciseAmount: string) {
  expect([...platform.balanceChanges].filter(([externalId]) => externalId === id)).toEqual([
    [id, { login, preciseAmount, type: 'DEPOSIT' }],
  ]);
}

describe('a kill at each step of a card deposit', () => {
  it('while the provider is being asked: reconciliation picks the payment up from the provider', async () => {
    let url = await start();
    const { client, login } = await trader(url);
    psp.hang.set('/v1/payments', 'after');
    void client.call('POST', '/api/payments', depositBody(login, '101', 'crash-created-1')).catch(() => undefined);
    await expect.poll(() => [...psp.payments.values()].find((p) => p.amount === '10100'), waitLimit).toBeDefined();
    const id = [...psp.payments.values()].find((p) => p.amount === '10100')!.reference;
    await kill();
    psp.hang.clear();
    url = await start();
    await expect.poll(() => stateOf(client, url, id), waitLimit).toBe('awaiting_customer');
    // The same key after the restart answers the same payment, not a second one.
    const again = await new Client(url).call('POST', '/api/payments', depositBody(login, '101', 'crash-created-1'), {
      cookie: client.cookie,
    });
    expect(again.body.id).toBe(id);
    psp.set(id, 'succeeded');
    await psp.webhook(id, 'succeeded');
    await expect.poll(() => stateOf(client, url, id), waitLimit).toBe('credited');
    expectOneCredit(id, login, '101.00');
  });

  it('while the customer is at the hosted page: the settlement is found after the restart', async () => {
    let url = await start();
    const { client, login } = await trader(url);
    const created = await client.call('POST', '/api/payments', depositBody(login, '102', 'crash-awaiting-1'));
    const id = transactionSchema.parse(created.body).id;
    await kill();
    // The customer pays while the server is down: the provider's webhook finds no one.
    psp.set(id, 'succeeded');
    expect(await psp.webhook(id, 'succeeded').catch(() => 'unreachable')).toBe('unreachable');
    url = await start();
    await expect.poll(() => stateOf(client, url, id), waitLimit).toBe('credited');
    expectOneCredit(id, login, '102.00');
  });

  it('while the provider settles: a processing payment is followed to its end', async () => {
    let url = await start();
    const { client, login } = await trader(url);
    const id = transactionSchema.parse(
      (await client.call('POST', '/api/payments', depositBody(login, '103', 'crash-pending-1'))).body,
    ).id;
    psp.set(id, 'processing');
    await psp.webhook(id, 'processing');
    expect(await stateOf(client, url, id)).toBe('pending_provider');
    await kill();
    psp.set(id, 'succeeded');
    url = await start();
    await expect.poll(() => stateOf(client, url, id), waitLimit).toBe('credited');
    expectOneCredit(id, login, '103.00');
  });

  it('while the platform call is out and not yet applied: credited once after the restart', async () => {
    let url = await start();
    const { client, login } = await trader(url);
    const id = transactionSchema.parse(
      (await client.call('POST', '/api/payments', depositBody(login, '104', 'crash-settled-1'))).body,
    ).id;
    platform.slow.add('/webserv/traders');
    psp.set(id, 'succeeded');
    void psp.webhook(id, 'succeeded').catch(() => undefined);
    await expect.poll(() => platform.calls.some((call) => call.body.externalId === id), waitLimit).toBe(true);
    await kill();
    expect(platform.balanceChanges.has(id)).toBe(false);
    platform.slow.clear();
    url = await start();
    await expect.poll(() => stateOf(client, url, id), waitLimit).toBe('credited');
    expectOneCredit(id, login, '104.00');
  });

  it('after the platform applied the change but before its answer arrived: found, not credited again', async () => {
    let url = await start();
    const { client, login } = await trader(url);
    const id = transactionSchema.parse(
      (await client.call('POST', '/api/payments', depositBody(login, '105', 'crash-applied-1'))).body,
    ).id;
    platform.hangAfterApply.add('/webserv/traders');
    psp.set(id, 'succeeded');
    void psp.webhook(id, 'succeeded').catch(() => undefined);
    await expect.poll(() => platform.balanceChanges.has(id), waitLimit).toBe(true);
    await kill();
    platform.hangAfterApply.clear();
    url = await start();
    await expect.poll(() => stateOf(client, url, id), waitLimit).toBe('credited');
    expectOneCredit(id, login, '105.00');
    expect(platform.calls.filter((call) => call.method === 'POST' && call.body.externalId === id)).toHaveLength(1);
  });
});
