// The trading accounts of the in-memory backend, kept on the demo users (the payments memory store moves their
// balances there).
import type { DemoUser } from '../adapter/memory-data.ts';
import type { TradingAccount } from '../adapter/schemas.ts';
import type { AccountStore } from './accounts.ts';

export class MemoryAccountStore implements AccountStore {
  /** Keys of the accounts opened with one, by `userId|key`. */
  private readonly keys = new Map<string, number>();

  constructor(private readonly users: DemoUser[]) {}

  list(userId: number): TradingAccount[] {
    return this.users.find((user) => user.userId === userId)?.accounts ?? [];
  }

  get(userId: number, login: number): TradingAccount | undefined {
    return this.list(userId).find((account) => account.login === login);
  }

  byKey(userId: number, idempotencyKey: string): TradingAccount | undefined {
    const login = this.keys.get(`${userId}|${idempotencyKey}`);
    return login === undefined ? undefined : this.get(userId, login);
  }

  add(userId: number, account: TradingAccount, idempotencyKey: string | undefined): TradingAccount {
    const earlier = idempotencyKey === undefined ? undefined : this.byKey(userId, idempotencyKey);
    if (earlier) return earlier;
    const user = this.users.find((candidate) => candidate.userId === userId);
    if (!user) throw new Error(`No such user: ${userId}`);
    user.accounts.push(account);
    if (idempotencyKey !== undefined) this.keys.set(`${userId}|${idempotencyKey}`, account.login);
    return account;
  }

  ownerOf(login: number): number | undefined {
    return this.users.find((user) => user.accounts.some((account) => account.login === login))?.userId;
  }
}
