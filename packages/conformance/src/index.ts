// What a broker's fixture hook implements: `export async function createFixture({ url }) { … }` in a module named
// by `--fixtures`. The kit builds the HTTP adapter itself; the hook supplies the test users and tokens.
import type { ContractFixture } from '@broker-kit/core/testing';

export { contractModules, type ContractModule, type ContractCredentials } from '@broker-kit/core/testing';

/** Everything of a contract fixture but the adapter, which the kit builds on `--url`. */
export type ConformanceFixture = Omit<ContractFixture, 'adapter'>;

export interface ConformanceContext {
  /** The backend under test, as given to `--url`. */
  url: string;
}

/** The hook's export: called before every check, so each check may get fresh users. */
export type CreateFixture = (context: ConformanceContext) => ConformanceFixture | Promise<ConformanceFixture>;
