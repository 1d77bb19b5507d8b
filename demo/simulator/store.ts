// The simulated platform's memory: its users and trading accounts, the one-time tokens it issues, the
// sessions of its apps, and a log of every call the broker made to it. In memory only: a restart is a reset.
import { createHash, randomBytes } from 'node:crypto';

export interface PlatformUser {
  userId: number;
  email: string;
  firstName?: string;
  lastName?: string;
  /** Who created the user: the platform itself (handoff) or the broker through the manager API (SSO). */
  createdBy: 'platform' | 'broker';
  agreementAcceptedAt?: string;
  deleted: boolean;
  ribbons: unknown[];
}

export interface Trader {
  login: number;
  traderId: number;
  userId?: number;
  currency: string;
  leverage?: number;
  environment?: string;
  accountType?: string;
  /** Balance in hundredths of a cent, so decimal amounts add up exactly. */
  balanceMicros: bigint;
}

export interface OtToken {
  userId: number;
  action: string;
  tradingLogin?: number;
  expiresAt: number;
  usedAt?: number;
}

/** What the simulated app keeps on its device: its platform session and the broker's long-term accessToken. */
export interface Device {
  platformSession?: string;
  userId?: number;
  accessToken?: string;
  /** Whether the token outlives this session (the user chose to stay logged in). */
  storeAccessToken?: boolean;
  accessTokenExpiresAt?: string;
}

export interface LogEntry {
  id: number;
  at: string;
  direction: 'broker → platform' | 'platform → broker';
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
  status: number;
  response?: unknown;
}

/** A fault the next matching call answers with, to show how the broker and its screens handle it. */
export interface Fault {
  endpoint: 'validate' | 'manager';
  code: string;
  status: number;
}

const secretKeys = /token|password|secret|authorization/i;

/** Shows enough of a secret to tell two apart, never enough to use it. */
export function mask(value: string): string {
  return value.length <= 8 ? '••••' : `••••${value.slice(-4)}`;
}

/** A copy of a JSON value with every secret-looking field masked, for the log page. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [
        key,
        secretKeys.test(key) && typeof inner === 'string' ? mask(inner) : maskSecrets(inner),
      ]),
    );
  }
  return value;
}

export function maskAuthorization(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const [scheme, credential] = header.split(' ', 2);
  return credential ? `${scheme} ${mask(credential)}` : mask(header);
}

const hash = (token: string) => createHash('sha256').update(token).digest('base64url');
export const newSecret = () => randomBytes(32).toString('base64url');

export class SimulatorStore {
  readonly users = new Map<number, PlatformUser>();
  readonly traders = new Map<number, Trader>();
  /** Balance changes by the broker's externalId: each one is applied once, a repeat answers the first result. */
  readonly balanceChanges = new Map<string, { login: number; preciseAmount: string; type: string; balance: string }>();
  readonly referrals: unknown[] = [];
  readonly log: LogEntry[] = [];
  private readonly tokens = new Map<string, OtToken>();
  private readonly sessions = new Map<string, number>();
  private readonly devices = new Map<string, Device>();
  private nextUserId = 100_001;
  private nextLogin = 5_000_001;
  private nextLogId = 1;
  fault: Fault | undefined;

  constructor() {
    this.seed();
  }

  /** The platform's own demo user: the identity provider under handoff. */
  seed() {
    const user = this.createUser({ email: 'demo.trader@example.com', firstName: 'Dana', lastName: 'Demo' }, 'platform');
    this.createTrader({ userId: user.userId, currency: 'USD', leverage: 100, environment: 'live', balance: '2500' });
    this.createTrader({ userId: user.userId, currency: 'EUR', leverage: 30, environment: 'demo', balance: '10000' });
  }

  get demoUser(): PlatformUser {
    return this.users.get(100_001)!;
  }

  createUser(input: { email: string; firstName?: string; lastName?: string }, createdBy: PlatformUser['createdBy']) {
    const user: PlatformUser = { userId: this.nextUserId++, ...input, createdBy, deleted: false, ribbons: [] };
    this.users.set(user.userId, user);
    return user;
  }

  findUserByEmail(email: string) {
    return [...this.users.values()].find((user) => !user.deleted && user.email.toLowerCase() === email.toLowerCase());
  }

  createTrader(input: {
    userId?: number;
    currency?: string;
    leverage?: number;
    environment?: string;
    accountType?: string;
    balance?: string;
  }) {
    const login = this.nextLogin++;
    const trader: Trader = {
      login,
      traderId: login,
      userId: input.userId,
      currency: input.currency ?? 'USD',
      leverage: input.leverage,
      environment: input.environment,
      accountType: input.accountType,
      balanceMicros: toMicros(input.balance ?? '0'),
    };
    this.traders.set(login, trader);
    return trader;
  }

  tradersOf(userId: number) {
    return [...this.traders.values()].filter((trader) => trader.userId === userId);
  }

  // ── one-time tokens (seed 001) ────────────────────────────────────────────────────────────────────────
  issueToken(data: Omit<OtToken, 'usedAt'>): string {
    const token = newSecret();
    this.tokens.set(hash(token), { ...data });
    return token;
  }

  /**
   * Redeems a token once. Unknown and already used tokens read the same (the platform's
   * CID_NON_EXISTED_TOKEN); an expired one is CID_TOKEN_EXPIRED; a deleted user is USER_NOT_FOUND.
   */
  redeemToken(
    token: string,
    now = Date.now(),
  ): { ok: true; data: OtToken; user: PlatformUser } | { ok: false; code: string } {
    const entry = this.tokens.get(hash(token));
    if (!entry || entry.usedAt !== undefined) return { ok: false, code: 'CID_NON_EXISTED_TOKEN' };
    entry.usedAt = now;
    if (entry.expiresAt <= now) return { ok: false, code: 'CID_TOKEN_EXPIRED' };
    const user = this.users.get(entry.userId);
    if (!user || user.deleted) return { ok: false, code: 'USER_NOT_FOUND' };
    return { ok: true, data: entry, user };
  }

  // ── app sessions ──────────────────────────────────────────────────────────────────────────────────────
  openSession(userId: number): string {
    const session = newSecret();
    this.sessions.set(hash(session), userId);
    return session;
  }

  sessionUser(session: string | undefined): PlatformUser | undefined {
    const userId = session ? this.sessions.get(hash(session)) : undefined;
    const user = userId === undefined ? undefined : this.users.get(userId);
    return user && !user.deleted ? user : undefined;
  }

  device(id: string): Device {
    let device = this.devices.get(id);
    if (!device) this.devices.set(id, (device = {}));
    return device;
  }

  record(entry: Omit<LogEntry, 'id' | 'at'>) {
    this.log.unshift({ id: this.nextLogId++, at: new Date().toISOString(), ...entry });
    if (this.log.length > 500) this.log.pop();
  }

  /** Takes the fault armed for this endpoint, if any: it fires once. */
  takeFault(endpoint: Fault['endpoint']): Fault | undefined {
    if (this.fault?.endpoint !== endpoint) return undefined;
    const fault = this.fault;
    this.fault = undefined;
    return fault;
  }
}

export function toMicros(amount: string): bigint {
  const match = /^(-?)(\d{1,15})(?:\.(\d{1,4}))?$/.exec(amount.trim());
  if (!match) throw new Error('invalid amount');
  const micros = BigInt(match[2]!) * 10_000n + BigInt((match[3] ?? '').padEnd(4, '0'));
  return match[1] ? -micros : micros;
}

export function fromMicros(micros: bigint): string {
  const sign = micros < 0n ? '-' : '';
  const abs = micros < 0n ? -micros : micros;
  const fraction = (abs % 10_000n).toString().padStart(4, '0').replace(/0+$/, '');
  return `${sign}${abs / 10_000n}${fraction ? `.${fraction}` : ''}`;
}
