// The platform's manager API, called by the broker backend (seed 002 stages 3–5, DOMAIN.md) over HTTP with
// the manager token. The platform is not ours: every answer is shape-checked, every failure is a
// BrokerKitError (PLATFORM_UNAVAILABLE, TIMEOUT, or the platform's own token codes), never a crash.
import * as z from 'zod';
import { BrokerKitError, toErrorCode } from '@broker-kit/core/errors.ts';
import type { PlatformPaths } from './config.ts';

export interface PlatformTokenData {
  userId: number;
  email: string;
  tradingLogin?: number;
  /** ISO date; the platform's own expiry of its token. */
  expiresAt: string;
  action?: string;
  /** The trader's name as the platform knows it (seed 001: screens pre-fill their forms with it). */
  firstName?: string;
  lastName?: string;
}

export interface PlatformClient {
  createUser(user: {
    email: string;
    firstName: string;
    lastName: string;
    country: string;
    language?: string;
  }): Promise<{ userId: number }>;
  confirmAgreement(userId: number): Promise<void>;
  createTrader(trader: {
    userId: number;
    accountType: string;
    environment: 'live' | 'demo';
    currency: string;
    leverage: number;
  }): Promise<{ login: number }>;
  linkTrader(userId: number, login: number): Promise<void>;
  changeBalance(change: {
    login: number;
    preciseAmount: string;
    type: 'DEPOSIT' | 'WITHDRAW';
    comment?: string;
    externalId: string;
  }): Promise<void>;
  /** Whether the platform applied the balance change with this externalId (the way an unknown outcome is resolved). */
  findBalanceChange(login: number, externalId: string): Promise<{ applied: boolean }>;
  setRibbon(userId: number, ribbon: Record<string, unknown>): Promise<void>;
  referral(referral: { invitedUserId: number; partnerUserId: number; brokerName: string }): Promise<{ result: string }>;
  /** Redeems an in-app OT token the platform issued (`GET /ctid2/inAppOneTimeToken/data`) and returns its data. */
  validateInAppToken(token: string): Promise<PlatformTokenData>;
  /** Resolves when the platform answers at all (for readiness); a client without it is not probed. */
  reachable?(): Promise<void>;
}

/** The platform answered and refused (4xx): it did not apply the call, and calling again will not change that. */
export class PlatformRefusal extends BrokerKitError {
  constructor(
    route: string,
    readonly platformStatus: number,
  ) {
    super('PLATFORM_UNAVAILABLE', `platform ${route} refused with ${platformStatus}`);
  }
}

const tokenDataSchema = z.object({
  userId: z.number().int(),
  email: z.string(),
  tradingLogin: z.number().int().optional(),
  expiresAt: z.string(),
  action: z.string().optional(),
  // Names that do not pass the name rule are dropped, never refused: they only pre-fill a form.
  firstName: z.string().max(100).optional().catch(undefined),
  lastName: z.string().max(100).optional().catch(undefined),
});

export class HttpPlatformClient implements PlatformClient {
  constructor(
    private readonly options: { baseUrl: string; managerToken: string; paths: PlatformPaths; timeoutMs?: number },
  ) {}

  private async call<T>(
    route: keyof PlatformPaths,
    params: Record<string, number | string>,
    body: unknown,
    schema: z.ZodType<T>,
  ): Promise<T> {
    const [method, template] = this.options.paths[route].split(' ') as [string, string];
    const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
    let response: Response;
    try {
      response = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.options.managerToken}`, 'content-type': 'application/json' },
        ...(method !== 'GET' && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new BrokerKitError(timedOut ? 'TIMEOUT' : 'PLATFORM_UNAVAILABLE', `platform ${route} failed`, {
        cause: error,
      });
    }
    const payload: unknown = await response.json().catch(() => ({}));
    if (response.status === 404 && route === 'balanceChange') return undefined as T;
    if (!response.ok) {
      const code = toErrorCode((payload as { code?: unknown }).code);
      // The platform's token verdicts pass through; anything else means the platform could not do it.
      if (
        response.status < 500 &&
        ['INVALID_OT_TOKEN', 'TOKEN_EXPIRED', 'USER_NOT_FOUND', 'CID_TOKEN_EXPIRED', 'CID_NON_EXISTED_TOKEN'].includes(
          code,
        )
      )
        throw new BrokerKitError(code, `platform ${route}: ${code}`);
      if (response.status < 500) throw new PlatformRefusal(route, response.status);
      throw new BrokerKitError('PLATFORM_UNAVAILABLE', `platform ${route} answered ${response.status}`);
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success)
      throw new BrokerKitError('PLATFORM_UNAVAILABLE', `platform ${route} answered an unexpected shape`);
    return parsed.data;
  }

  createUser(user: Parameters<PlatformClient['createUser']>[0]) {
    return this.call('createUser', {}, user, z.object({ userId: z.number().int() }));
  }
  async confirmAgreement(userId: number) {
    await this.call('agreement', { userId }, { acceptedAt: new Date().toISOString() }, z.unknown());
  }
  createTrader(trader: Parameters<PlatformClient['createTrader']>[0]) {
    return this.call('createTrader', {}, trader, z.object({ login: z.number().int() }));
  }
  async linkTrader(userId: number, login: number) {
    await this.call('linkTrader', { userId, login }, {}, z.unknown());
  }
  async changeBalance(change: Parameters<PlatformClient['changeBalance']>[0]) {
    await this.call('changeBalance', { login: change.login }, change, z.unknown());
  }
  async findBalanceChange(login: number, externalId: string) {
    const found = await this.call('balanceChange', { login, externalId }, undefined, z.object({}).loose().optional());
    return { applied: found !== undefined };
  }
  async setRibbon(userId: number, ribbon: Record<string, unknown>) {
    await this.call('ribbons', { userId }, ribbon, z.unknown());
  }
  referral(referral: Parameters<PlatformClient['referral']>[0]) {
    return this.call('referral', {}, referral, z.object({ result: z.string() }));
  }
  validateInAppToken(token: string) {
    return this.call('validateInAppToken', {}, { token }, tokenDataSchema) as Promise<PlatformTokenData>;
  }
  /** The manager API has no health call: any answer below 500 to its base URL means it is up and reachable. */
  async reachable() {
    const response = await fetch(`${this.options.baseUrl}/`, {
      method: 'HEAD',
      signal: AbortSignal.timeout(Math.min(this.options.timeoutMs ?? 5000, 2000)),
    });
    if (response.status >= 500)
      throw new BrokerKitError('PLATFORM_UNAVAILABLE', `platform answered ${response.status}`);
  }
}
