// Trading accounts (seed 002 stage 5): the account types a broker offers, and opening an account on the platform
// once per idempotency key.
import { BrokerKitError } from '../errors.ts';
import { FieldCheck } from '../rules/problems.ts';
import type { AccountType, CreateAccountRequest, TradingAccount } from '../adapter/schemas.ts';
import type { Awaitable, Clock, TraderPlatform } from './ports.ts';

export interface AccountStore {
  /** The user's accounts, oldest first. */
  list(userId: number): Awaitable<TradingAccount[]>;
  get(userId: number, login: number): Awaitable<TradingAccount | undefined>;
  /** The account opened with this idempotency key, if any. */
  byKey(userId: number, idempotencyKey: string): Awaitable<TradingAccount | undefined>;
  /** Records an account; when one with this key exists already, that one stays and is answered. */
  add(
    userId: number,
    account: TradingAccount,
    idempotencyKey: string | undefined,
    now: number,
  ): Awaitable<TradingAccount>;
  /** The user a trading login belongs to in the broker's records. */
  ownerOf(login: number): Awaitable<number | undefined>;
}

export interface AccountsDeps {
  accounts: AccountStore;
  platform: TraderPlatform;
  /** The broker's offer; read at each call, so a reloaded configuration applies at once. */
  accountTypes: () => AccountType[];
  now: Clock;
}

/** An idempotency key is a client's random id, not a place for data. */
export const idempotencyKeyLength = { min: 8, max: 100 } as const;

export function assertIdempotencyKey(key: string): void {
  if (key.length < idempotencyKeyLength.min || key.length > idempotencyKeyLength.max)
    throw new BrokerKitError('INVALID_REQUEST', 'Bad idempotency key');
}

const sameSettings = (account: TradingAccount, request: CreateAccountRequest) =>
  account.accountTypeId === request.accountTypeId &&
  account.environment === request.environment &&
  account.currency === request.currency &&
  account.leverage === request.leverage;

export class AccountsService {
  /** Creations under way in this process, by user and key: parallel calls with one key share one. */
  private readonly inFlight = new Map<string, Promise<TradingAccount>>();

  constructor(private readonly deps: AccountsDeps) {}

  types(): AccountType[] {
    return this.deps.accountTypes();
  }

  list(userId: number): Awaitable<TradingAccount[]> {
    return this.deps.accounts.list(userId);
  }

  /** One of the user's own accounts; another user's login answers the same as an unknown one. */
  async own(userId: number, login: number): Promise<TradingAccount | undefined> {
    return this.deps.accounts.get(userId, login);
  }

  /**
   * Opens a trading account on the platform and records it. The same key again answers the account it opened;
   * the same key with other settings is DUPLICATE_SUBMISSION.
   */
  async create(userId: number, request: CreateAccountRequest): Promise<TradingAccount> {
    assertIdempotencyKey(request.idempotencyKey);
    const slot = `${userId}|${request.idempotencyKey}`;
    const running = this.inFlight.get(slot);
    const work = running ?? this.open(userId, request);
    if (!running) {
      this.inFlight.set(slot, work);
      void work.then(
        () => this.inFlight.delete(slot),
        () => this.inFlight.delete(slot),
      );
    }
    const account = await work;
    if (!sameSettings(account, request))
      throw new BrokerKitError('DUPLICATE_SUBMISSION', 'This idempotency key was used for a different request');
    return account;
  }

  private async open(userId: number, request: CreateAccountRequest): Promise<TradingAccount> {
    const { accounts, platform, now } = this.deps;
    const earlier = await accounts.byKey(userId, request.idempotencyKey);
    if (earlier) return earlier;
    const type = this.deps.accountTypes().find((candidate) => candidate.id === request.accountTypeId);
    new FieldCheck()
      .add('accountTypeId', type ? undefined : 'invalid')
      .add('environment', type && !type.environments.includes(request.environment) ? 'invalid' : undefined)
      .add('currency', type && !type.currencies.includes(request.currency) ? 'invalid' : undefined)
      .add('leverage', type && !type.leverages.includes(request.leverage) ? 'invalid' : undefined)
      .assert('The account settings are not offered');
    const { login, balance } = await platform.createTrader({
      userId,
      accountType: request.accountTypeId,
      environment: request.environment,
      currency: request.currency,
      leverage: request.leverage,
    });
    await platform.linkTrader(userId, login);
    const account: TradingAccount = {
      login,
      environment: request.environment,
      accountTypeId: request.accountTypeId,
      currency: request.currency,
      leverage: request.leverage,
      balance: balance ?? '0',
    };
    return accounts.add(userId, account, request.idempotencyKey, now());
  }
}
