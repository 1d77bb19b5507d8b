// The broker's back office publishes a ribbon rule to a user: the reference backend checks the CRM API
// credential, sends the rule to the platform's manager API, and the app (the simulator) shows it; the simulator's
// log shows what the broker sent. Removing the rule takes it away again.
import { type APIRequestContext } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { brokerUrl, simulatorUrl } from '../env.ts';
import { AuthScreens, newUser } from '../pages/auth.ts';
import { SimulatorPage } from '../pages/simulator.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { registerUser } from '../support/broker-api.ts';

/** The credential the platform (and the broker's staff tools) authenticate with; the demo's default password. */
async function crmApiToken(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${brokerUrl('sso')}/oauth2/crmApiToken`, {
    data: { password: process.env.CRM_API_PASSWORD ?? 'dev-crm-password' },
  });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { crmApiToken: string }).crmApiToken;
}

test('a ribbon rule published from the back office reaches the app, and its removal too', async ({ page }) => {
  const user = newUser('ribbon');
  const { userId } = await registerUser(page.request, 'sso', user);
  const sim = new SimulatorPage(page, 'sso');
  await sim.goto();
  await sim.launch({ firstLogin: false });
  await new AuthScreens(sim.webview).logIn(user.email, user.password, { keepLoggedIn: false });
  await expect(sim.status).toContainText(`Signed in as user ${userId}`);
  await expect(page.getByTestId('sim-ribbons')).toHaveText('none set by the broker');

  const path = `${brokerUrl('sso')}/api/backoffice/ribbons/${userId}/verify-now`;
  const rule = {
    id: 'verify-now',
    color: '#1E6FD9',
    title: 'Verify your identity to unlock withdrawals',
    enabled: true,
    closable: true,
    scope: 'user',
    action: { urlinApp: '/inapp/kyc' },
  };
  // Without the CRM API credential the back office is closed.
  const anonymous = await page.request.put(path, { data: rule, headers: { 'x-broker-kit': '1' } });
  expect(anonymous.status()).toBe(403);
  const authorization = `Bearer ${await crmApiToken(page.request)}`;
  const published = await page.request.put(path, { data: rule, headers: { authorization } });
  expect(published.status(), await published.text()).toBe(200);

  // The app shows the rule the platform received.
  await sim.goto();
  const ribbons = page.getByTestId('sim-ribbons');
  await expect(ribbons.getByRole('button', { name: rule.title })).toBeVisible();
  await expectNoAxeViolations(page, 'simulator with a ribbon');

  // What the broker sent: the manager API call with the rule, the manager token masked.
  await page.goto(`${simulatorUrl('sso')}/log.html`);
  const call = page
    .getByTestId('sim-log')
    .getByRole('row')
    .filter({ hasText: `POST /ctid/users/${userId}/ribbons` });
  await expect(call.first()).toContainText(rule.title);
  await expect(page.getByTestId('sim-log')).not.toContainText('dev-manager-token');

  // The broker keeps and lists it; removing it sends it disabled and the app stops showing it.
  const listed = await page.request.get(`${brokerUrl('sso')}/api/backoffice/ribbons?userId=${userId}`, {
    headers: { authorization },
  });
  expect(
    ((await listed.json()) as { rules: { ribbon: { id: string } }[] }).rules.map((kept) => kept.ribbon.id),
  ).toEqual(['verify-now']);
  expect((await page.request.delete(path, { headers: { authorization } })).status()).toBe(204);
  await sim.goto();
  await expect(page.getByTestId('sim-ribbons')).toHaveText('none set by the broker');
});
