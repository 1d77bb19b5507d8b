// The core's services over the SQLite stores and the server's ports (scrypt, the platform's manager API, the
// clock). Built once per app from its deps, and reading them at each call: tests move the clock and swap the
// platform or the configuration of a running server.
import { AccountsService } from '@broker-kit/core/services/accounts.ts';
import { IdentityService } from '@broker-kit/core/services/identity.ts';
import { hashPassword, hashToken, verifyPassword } from './crypto.ts';
import type { Deps } from './http.ts';

export interface Services {
  identity: IdentityService;
  accounts: AccountsService;
}

const built = new WeakMap<Deps, Services>();

export function services(deps: Deps): Services {
  let existing = built.get(deps);
  if (existing) return existing;
  const now = () => deps.now();
  const platform = {
    createUser: (user: Parameters<Deps['platform']['createUser']>[0]) => deps.platform.createUser(user),
    confirmAgreement: (userId: number) => deps.platform.confirmAgreement(userId),
    createTrader: (trader: Parameters<Deps['platform']['createTrader']>[0]) => deps.platform.createTrader(trader),
    linkTrader: (userId: number, login: number) => deps.platform.linkTrader(userId, login),
  };
  const { users, accounts } = deps.stores;
  existing = {
    identity: new IdentityService({
      users,
      accounts,
      platform,
      passwords: {
        hash: (password) => hashPassword(password, deps.settings.scryptCost),
        verify: verifyPassword,
      },
      now,
      newPartnerId: (userId) => hashToken(`${userId}:${now()}`).slice(0, 10),
    }),
    accounts: new AccountsService({ accounts, platform, accountTypes: () => deps.config.accountTypes, now }),
  };
  built.set(deps, existing);
  return existing;
}
