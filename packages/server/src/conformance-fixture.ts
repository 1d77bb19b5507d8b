// The reference server's fixture hook for the conformance kit: fresh test users made through the server's own
// public endpoints (SSO signup, account creation, the platform's token exchange and in-app token request), and
// reset links read from the dev outbox when it is on. `npm run conformance:reference` and the server's contract
// test use it; a broker's hook does the same with its own back office.
import type { ConformanceContext, ConformanceFixture } from '@broker-kit/conformance';
import type { InAppAction } from '@broker-kit/core/adapter/schemas.ts';
import { clientHeader } from '@broker-kit/core/adapter/routes.ts';

export interface ReferenceFixtureOptions {
  /** The password of the platform's client (`POST /oauth2/crmApiToken`); CRM_API_PASSWORD by default. */
  crmPassword?: string;
}

async function call(url: string, path: string, init: RequestInit & { json?: unknown }): Promise<unknown> {
  const { json, ...rest } = init;
  const response = await fetch(`${url}${path}`, {
    ...rest,
    headers: {
      [clientHeader]: '1',
      ...(json !== undefined && { 'content-type': 'application/json' }),
      ...(rest.headers as Record<string, string>),
    },
    ...(json !== undefined && { body: JSON.stringify(json) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`fixture: ${rest.method ?? 'GET'} ${path} answered ${response.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Signs a user up (and opens a live USD account for it); answers the platform's access token when it has one. */
async function makeUser(url: string, withAccount: boolean, crmPassword: string) {
  const email = `conformance-${crypto.randomUUID()}@example.com`;
  const password = `Conformance-${crypto.randomUUID().slice(0, 8)}-1`;
  const signup = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { [clientHeader]: '1', 'content-type': 'application/json' },
    body: JSON.stringify({
      firstName: 'Conformance',
      lastName: 'Check',
      email,
      password,
      country: 'GB',
      acceptTerms: true,
      acceptAgreement: true,
      keepLoggedIn: false,
    }),
  });
  if (!signup.ok) throw new Error(`fixture: signup answered ${signup.status} ${await signup.text()}`);
  const cookie = signup.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  if (!withAccount) return { credentials: { email, password }, accessToken: undefined };
  const created = (await call(url, '/api/accounts', {
    method: 'POST',
    headers: { cookie },
    json: {
      accountTypeId: 'standard',
      environment: 'live',
      currency: 'USD',
      leverage: 100,
      idempotencyKey: crypto.randomUUID(),
    },
  })) as { token: string };
  const { crmApiToken } = (await call(url, '/oauth2/crmApiToken', {
    method: 'POST',
    json: { password: crmPassword },
  })) as { crmApiToken: string };
  const { accessToken } = (await call(url, '/oauth2/token', {
    method: 'POST',
    headers: { authorization: `Bearer ${crmApiToken}` },
    json: { token: created.token },
  })) as { accessToken: string };
  return { credentials: { email, password }, accessToken };
}

export async function createFixture(
  { url }: ConformanceContext,
  options: ReferenceFixtureOptions = {},
): Promise<ConformanceFixture> {
  const crmPassword = options.crmPassword ?? process.env.CRM_API_PASSWORD ?? 'dev-crm-password';
  const [main, other] = await Promise.all([makeUser(url, true, crmPassword), makeUser(url, false, crmPassword)]);
  const outbox = await fetch(`${url}/dev/outbox`, { headers: { accept: 'application/json' } });
  const hasOutbox = outbox.ok;
  await outbox.body?.cancel();
  return {
    user: main.credentials,
    otherUser: other.credentials,
    actionType: 'change-leverage',
    issueToken: async (request: { action?: InAppAction } = {}) => {
      const { token } = (await call(url, '/api/inapp-token', {
        method: 'POST',
        headers: { authorization: `Bearer ${main.accessToken}` },
        json: { action: request.action ?? 'deposit' },
      })) as { token: string };
      return token;
    },
    ...(hasOutbox && {
      passwordResetToken: async (email: string) => {
        const { messages } = (await call(url, '/dev/outbox', { headers: { accept: 'application/json' } })) as {
          messages: { to: string; kind: string; text: string }[];
        };
        const mail = messages.find(
          (message) => message.to === email.toLowerCase() && message.kind === 'password-reset',
        );
        return mail?.text.match(/[?&]token=([A-Za-z0-9_-]+)/)?.[1];
      },
    }),
  };
}
