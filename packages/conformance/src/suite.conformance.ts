// The contract over HTTP against the backend of `--url`, with the broker's fixture hook. Run by the
// broker-kit-conformance command (through Vitest), which passes its options in the environment.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { beforeEach } from 'vitest';
import {
  contractModules,
  describeAdapterContract,
  fetchWithCookies,
  type ContractModule,
} from '@broker-kit/core/testing';
import { HttpAdapter } from '@broker-kit/core/adapter/http.ts';
import type { CreateFixture } from './index.ts';
import { Recorder } from './recorder.ts';

/** Marks the lines of an exchange report among a check's console output. */
export const exchangeMarker = '\u2063exchanges\u2063';

const url = process.env.BK_CONFORMANCE_URL ?? '';
const fixturesPath = process.env.BK_CONFORMANCE_FIXTURES ?? '';
const modules = (process.env.BK_CONFORMANCE_MODULES ?? '')
  .split(',')
  .filter((name): name is ContractModule => (contractModules as readonly string[]).includes(name));

const hook = (await import(pathToFileURL(resolve(fixturesPath)).href)) as {
  createFixture?: CreateFixture;
  default?: CreateFixture;
};
const createFixture = hook.createFixture ?? hook.default;
if (typeof createFixture !== 'function') throw new Error(`${fixturesPath} exports no createFixture function`);

let recorder = new Recorder();
beforeEach(({ onTestFailed }) => {
  recorder = new Recorder();
  const current = recorder;
  onTestFailed(() => console.log(`${exchangeMarker}${current.report()}`));
});

describeAdapterContract(
  url,
  async () => {
    const fixture = await createFixture({ url });
    return {
      ...fixture,
      adapter: new HttpAdapter({ baseUrl: url, fetch: recorder.wrap(fetchWithCookies()), retries: 0 }),
    };
  },
  modules.length > 0 ? { modules } : {},
);
