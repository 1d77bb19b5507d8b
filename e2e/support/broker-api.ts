// Prepares users straight through the broker's HTTP API (what the screens' HttpAdapter sends), so tests that
// are about something else do not click through signup first.
import { expect, type APIRequestContext } from '@playwright/test';
import { clientHeader } from '@broker-kit/core/adapter/routes.ts';
import { brokerUrl, type Mode } from '../env.ts';
import type { NewUser } from '../pages/auth.ts';

/**
 * Signs a user up and opens a trading account for it, as the signup and account screens would; with
 * `keepSession` the request context (a page's `page.request`) stays signed in at the broker.
 */
export async function registerUser(
  request: APIRequestContext,
  mode: Mode,
  user: NewUser,
  { keepSession = false } = {},
) {
  const origin = brokerUrl(mode);
  const headers = screenHeaders(mode);
  const signup = await request.post(`${origin}/api/auth/signup`, {
    headers,
    data: { ...user, country: 'DE', acceptTerms: true, acceptAgreement: true, keepLoggedIn: false, language: 'en' },
  });
  expect(signup.status(), await signup.text()).toBe(200);
  const types = await request.get(`${origin}/api/account-types`, { headers });
  const [type] = (await types.json()) as {
    id: string;
    environments: string[];
    currencies: string[];
    leverages: number[];
  }[];
  const account = await request.post(`${origin}/api/accounts`, {
    headers,
    data: {
      accountTypeId: type!.id,
      environment: type!.environments[0],
      currency: type!.currencies[0],
      leverage: type!.leverages[0],
      idempotencyKey: `e2e-${Date.now()}`,
    },
  });
  expect(account.status(), await account.text()).toBe(200);
  const {
    token,
    userId,
    account: { login },
  } = (await account.json()) as { token: string; userId: number; account: { login: number } };
  if (!keepSession) await request.post(`${origin}/api/auth/logout`, { headers });
  /** The SSO one-time token the account screen would have sent to the success URL, and the new account. */
  return { token, userId, login };
}

/** The headers the screens' HttpAdapter sends to a broker (its Origin and the anti-CSRF header). */
export function screenHeaders(mode: Mode) {
  return { origin: brokerUrl(mode), [clientHeader]: '1', 'content-type': 'application/json' };
}

/** A CRM API token: how the platform, and the broker's staff tools, authenticate server to server. */
export async function crmApiToken(request: APIRequestContext, mode: Mode): Promise<string> {
  const response = await request.post(`${brokerUrl(mode)}/oauth2/crmApiToken`, {
    data: { password: process.env.CRM_API_PASSWORD ?? 'dev-crm-password' },
  });
  expect(response.status(), await response.text()).toBe(200);
  return ((await response.json()) as { crmApiToken: string }).crmApiToken;
}
