// The ports of the in-memory backend: a platform simulated in process, and passwords kept as given.
import type { DemoUser } from '../adapter/memory-data.ts';
import { fromUnits, toUnits } from '../rules/money.ts';
import type { PasswordHasher, TraderPlatform, UserPlatform } from './ports.ts';

/** Demo accounts start with this much play money, as on the platform. */
export const demoStartingBalance = '10000';

/** New users and trading logins are numbered after the highest seeded one, as the platform would. */
export class MemoryPlatform implements UserPlatform, TraderPlatform {
  /** The last ids handed out: two creations in flight at once never get the same one. */
  private lastUserId = 0;
  private lastLogin = 2_000_000;

  constructor(private readonly users: DemoUser[]) {}

  createUser(): Promise<{ userId: number }> {
    this.lastUserId = Math.max(this.lastUserId, ...this.users.map((user) => user.userId)) + 1;
    return Promise.resolve({ userId: this.lastUserId });
  }

  confirmAgreement(): Promise<void> {
    return Promise.resolve();
  }

  createTrader(trader: {
    environment: 'live' | 'demo';
    currency: string;
  }): Promise<{ login: number; balance: string }> {
    const logins = this.users.flatMap((user) => user.accounts.map((account) => account.login));
    this.lastLogin = Math.max(this.lastLogin, ...logins) + 1;
    return Promise.resolve({
      login: this.lastLogin,
      balance: fromUnits(toUnits(trader.environment === 'demo' ? demoStartingBalance : '0'), trader.currency),
    });
  }

  linkTrader(): Promise<void> {
    return Promise.resolve();
  }
}

/** The in-memory backend keeps passwords as given: it holds demo data only and never runs in production. */
export const plainPasswords: PasswordHasher = {
  hash: (password) => Promise.resolve(password),
  verify: (password, hash) => Promise.resolve(password === hash),
};
