// Seed 002 through the simulator and the SSO broker: user creation in seven stages, an existing user's login,
// and automatic re-login, with nothing of the token left in an address bar or a Referer.
import { type APIRequestContext } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { SimulatorPage } from '../pages/simulator.ts';
import { AuthScreens, newUser } from '../pages/auth.ts';
import { TokenLeakWatch } from '../support/leaks.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { registerUser, screenHeaders } from '../support/broker-api.ts';
import { brokerUrl, simulatorUrl } from '../env.ts';

interface LogEntry {
  id: number;
  method: string;
  path: string;
}

async function platformLog(request: APIRequestContext): Promise<LogEntry[]> {
  const response = await request.get(`${simulatorUrl('sso')}/sim/api/log`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { entries: LogEntry[] }).entries;
}

test('seed 002: the seven stages of user creation, then automatic re-login @phone', async ({
  page,
  request,
}, testInfo) => {
  const leaks = new TokenLeakWatch(page);
  const sim = new SimulatorPage(page, 'sso');
  const screens = new AuthScreens(sim.webview);
  const logBefore = await platformLog(request);
  await sim.goto();

  // Stages 1–2: no stored token, so the app opens the broker's signup (firstLogin=true) in its webview.
  await sim.launch({
    firstLogin: true,
    partnerId: 'partner-42',
    device: testInfo.project.name === 'phone' ? 'phone' : 'desktop',
  });
  await expect(sim.status).toContainText('opened the broker login');
  await expect(sim.webview.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await expectNoAxeViolations(await sim.frame(), 'signup');
  await page.screenshot({ path: testInfo.outputPath('1-signup.png') });

  // Stages 2–4: signup; the broker creates the user on the platform and confirms the agreement.
  await screens.signUp(newUser('sso'));
  // Stage 5: account creation, then the broker creates and links the trader.
  await expect(sim.webview.getByRole('heading', { name: 'Open a trading account' })).toBeVisible();
  await expectNoAxeViolations(await sim.frame(), 'account creation');
  await page.screenshot({ path: testInfo.outputPath('2-account.png') });
  await screens.createAccount();

  // Stages 6–7: the success URL closes the webview; the token is exchanged server to server.
  await expect(sim.status).toContainText('Signed in as user');
  await expect(page.locator('iframe[name="webview"]')).toHaveCount(0);
  const userId = await sim.userId();
  expect(userId).toBeGreaterThan(0);
  await expect(page.getByTestId('sim-access-token')).toHaveText(/^••••.{4}$/);
  await page.screenshot({ path: testInfo.outputPath('3-session.png') });

  // What the broker and the platform sent each other during this flow, in seed 002's order.
  const firstNew = Math.max(0, ...logBefore.map((entry) => entry.id)) + 1;
  const calls = (await platformLog(request))
    .filter((entry) => entry.id >= firstNew)
    .sort((a, b) => a.id - b.id)
    .map((entry) => `${entry.method} ${entry.path}`);
  const expectedOrder = [
    /^POST \/ctid\/users$/,
    new RegExp(`^POST /ctid/users/${userId}/agreement$`),
    /^POST \/ctid\/traders$/,
    new RegExp(`^POST /ctid/users/${userId}/traders/\\d+$`),
    /^POST \/oauth2\/token$/,
  ];
  let from = 0;
  for (const pattern of expectedOrder) {
    const at = calls.findIndex((call, index) => index >= from && pattern.test(call));
    expect(at, `${pattern} after position ${from} in ${calls.join(', ')}`).toBeGreaterThanOrEqual(from);
    from = at + 1;
  }
  // The platform's CRM API token comes first; it is cached, so an earlier flow in this run may have fetched it.
  const log = await platformLog(request);
  const exchange = Math.max(...log.filter((entry) => entry.path === '/oauth2/token').map((entry) => entry.id));
  expect(log.some((entry) => entry.path === '/oauth2/crmApiToken' && entry.id < exchange)).toBe(true);

  // The same calls on the simulator's log page, with secrets masked.
  await page.goto(`${simulatorUrl('sso')}/log.html`);
  const logTable = page.getByTestId('sim-log');
  await expect(logTable.getByText(`POST /ctid/users/${userId}/agreement`).first()).toBeVisible();
  await expect(logTable).not.toContainText('dev-crm-password');
  await expect(logTable).not.toContainText('dev-manager-token');

  // Automatic re-login: next launch, the stored access token signs in with no login screen.
  await sim.goto();
  await sim.launch();
  await expect(sim.status).toContainText(`Signed in again automatically as user ${userId}`);
  await expect(page.locator('iframe[name="webview"]')).toHaveCount(0);

  leaks.expectNoLeaks();
});

test('an existing user logs in from firstLogin=false and lands signed in', async ({ page, request }) => {
  const user = newUser('existing');
  await registerUser(request, 'sso', user);
  const leaks = new TokenLeakWatch(page);
  const sim = new SimulatorPage(page, 'sso');
  await sim.goto();
  await sim.launch({ firstLogin: false });
  await new AuthScreens(sim.webview).logIn(user.email, user.password, { keepLoggedIn: false });
  await expect(sim.status).toContainText('Signed in as user');
  await expect(sim.session).toContainText(user.email);
  leaks.expectNoLeaks();
});

test('a wrong password is refused with the localized message and the form keeps the email; repeated, it waits', async ({
  page,
  request,
}) => {
  const user = newUser('wrong');
  await registerUser(request, 'sso', user);
  const sim = new SimulatorPage(page, 'sso');
  await sim.goto();
  await sim.launch({ firstLogin: false });
  const f = sim.webview;
  await expect(f.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expectNoAxeViolations(await sim.frame(), 'login');
  await new AuthScreens(f).logIn(user.email, 'Not-the-password-1', { keepLoggedIn: false });
  // The same answer whether or not the account exists (SECURITY 14).
  await expect(f.getByText('The email or password is incorrect.')).toBeVisible();
  await expect(f.getByLabel('Email')).toHaveValue(user.email);
  await expectNoAxeViolations(await sim.frame(), 'login with a wrong password');

  // Someone keeps guessing this account's password elsewhere until the broker slows the account down
  // (login per account); the next attempt on the screen says so and counts down.
  let answer = 0;
  for (let attempt = 0; attempt < 50 && answer !== 429; attempt += 1)
    answer = (
      await request.post(`${brokerUrl('sso')}/api/auth/login`, {
        headers: screenHeaders('sso'),
        data: { email: user.email, password: `Guess-${attempt}-wrong`, keepLoggedIn: false },
      })
    ).status();
  expect(answer, 'the account was never rate-limited').toBe(429);
  await f.getByRole('button', { name: 'Log in' }).click();
  await expect(f.getByRole('alert').filter({ hasText: 'Too many attempts' })).toBeVisible();
  await expect(f.getByRole('button', { name: /^Try again in \d+ seconds?$/ })).toBeDisabled();
  await expect(f.getByLabel('Email')).toHaveValue(user.email);
});

test('an email already registered is refused on signup, next to the field', async ({ page, request }) => {
  const user = newUser('taken');
  await registerUser(request, 'sso', user);
  const sim = new SimulatorPage(page, 'sso');
  await sim.goto();
  await sim.launch({ firstLogin: true });
  await new AuthScreens(sim.webview).signUp(user);
  await expect(sim.webview.getByText('This email is already registered.')).toBeVisible();
  await expect(sim.webview.getByLabel('First name')).toHaveValue(user.firstName);
});

test('the platform exchanges a success token once; a second exchange is refused', async ({ page, request }) => {
  const { token, userId } = await registerUser(request, 'sso', newUser('exchange'));
  await page.goto(`${simulatorUrl('sso')}/`);
  const first = await page.request.post(`${simulatorUrl('sso')}/sim/api/exchange`, { data: { token } });
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ status: 'signed-in', session: { userId } });
  const second = await page.request.post(`${simulatorUrl('sso')}/sim/api/exchange`, { data: { token } });
  expect(second.status()).toBe(502);
  expect(await second.json()).toMatchObject({ code: 'INVALID_OT_TOKEN' });
});
