// The platform backend's calls to the broker (seed 002 stage 6): authenticate with the CRM API password,
// exchange the OT token for the user's long-term accessToken, and check that accessToken on a later launch.
// Server to server: the tokens never pass through a browser here. Each call is logged with secrets masked.
import { maskAuthorization, maskSecrets, type SimulatorStore } from './store.ts';

export class BrokerCallError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
  ) {
    super(`broker answered ${status} ${code}`);
  }
}

export interface ExchangeResult {
  userId: number;
  accessToken: string;
  /** Seconds the accessToken lives. */
  expiresIn?: number;
  /** False when the user did not ask to stay logged in: the app keeps the token for this session only. */
  keepLoggedIn?: boolean;
}

export class BrokerClient {
  private crmApiToken: string | undefined;

  constructor(
    private readonly brokerUrl: string,
    private readonly crmApiPassword: string,
    private readonly store: SimulatorStore,
  ) {}

  /** The broker's public configuration (identity mode, modules), for the simulator's header. */
  async configuration(): Promise<unknown> {
    try {
      const response = await fetch(new URL('/broker-config.json', this.brokerUrl), {
        signal: AbortSignal.timeout(3000),
      });
      return response.ok ? await response.json() : { error: response.status };
    } catch {
      return { error: 'unreachable' };
    }
  }

  /** Seed 002 stage 6: `POST /oauth2/token` with the OT token, authenticated with the crmApiToken. */
  async exchange(token: string): Promise<ExchangeResult> {
    const body = (await this.authenticated('POST', '/oauth2/token', { token })) as Partial<ExchangeResult>;
    if (typeof body.userId !== 'number' || typeof body.accessToken !== 'string')
      throw new BrokerCallError('UNEXPECTED_SHAPE', 502);
    return {
      userId: body.userId,
      accessToken: body.accessToken,
      expiresIn: typeof body.expiresIn === 'number' ? body.expiresIn : undefined,
      keepLoggedIn: typeof body.keepLoggedIn === 'boolean' ? body.keepLoggedIn : undefined,
    };
  }

  /** Automatic re-login: is the stored accessToken still good? The broker answers its profile if it is. */
  async validateAccessToken(accessToken: string): Promise<{ userId: number }> {
    const body = (await this.call('GET', '/api/me', undefined, accessToken)) as { userId?: unknown };
    if (typeof body.userId !== 'number') throw new BrokerCallError('UNEXPECTED_SHAPE', 502);
    return { userId: body.userId };
  }

  /** Under SSO the app may also ask the broker itself for an in-app token, with the user's accessToken. */
  async inAppToken(accessToken: string, action: string, tradingLogin?: number): Promise<string> {
    const body = (await this.call('POST', '/api/inapp-token', { action, tradingLogin }, accessToken)) as {
      token?: unknown;
    };
    if (typeof body.token !== 'string') throw new BrokerCallError('UNEXPECTED_SHAPE', 502);
    return body.token;
  }

  private async authenticated(method: string, path: string, body: unknown): Promise<unknown> {
    this.crmApiToken ??= await this.login();
    try {
      return await this.call(method, path, body, this.crmApiToken);
    } catch (error) {
      // The crmApiToken may have expired: one fresh login, then one more try.
      if (!(error instanceof BrokerCallError) || error.code !== 'CH_CLIENT_AUTH_FAILURE') throw error;
      this.crmApiToken = await this.login();
      return this.call(method, path, body, this.crmApiToken);
    }
  }

  private async login(): Promise<string> {
    const body = (await this.call('POST', '/oauth2/crmApiToken', { password: this.crmApiPassword })) as {
      crmApiToken?: unknown;
    };
    if (typeof body.crmApiToken !== 'string') throw new BrokerCallError('UNEXPECTED_SHAPE', 502);
    return body.crmApiToken;
  }

  private async call(method: string, path: string, body: unknown, bearer?: string): Promise<unknown> {
    const headers: Record<string, string> = { accept: 'application/json', 'x-broker-kit': '1' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let status = 0;
    let payload: unknown;
    try {
      const response = await fetch(new URL(path, this.brokerUrl), {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(5000),
      });
      status = response.status;
      payload = await response.json().catch(() => undefined);
    } finally {
      this.store.record({
        direction: 'platform → broker',
        method,
        path,
        authorization: maskAuthorization(headers.authorization),
        body: maskSecrets(body),
        status,
        response: maskSecrets(payload),
      });
    }
    if (status < 200 || status >= 300) {
      const code = (payload as { code?: unknown } | undefined)?.code;
      throw new BrokerCallError(typeof code === 'string' ? code : 'BROKER_ERROR', status);
    }
    return payload;
  }
}
