// A forgotten password, end to end: the link asked for on the login screen in the app's webview, the mail read
// from the broker's dev outbox, the new password chosen on the hosted screen (the token gone from the address
// bar at once, sent in no Referer), then a login with it in the app; the old password and a second use of the
// link are refused.
import { type Page } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { brokerUrl } from '../env.ts';
import { AuthScreens, newUser } from '../pages/auth.ts';
import { SimulatorPage } from '../pages/simulator.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { registerUser } from '../support/broker-api.ts';
import { TokenLeakWatch } from '../support/leaks.ts';

/** The newest reset mail to the address in the dev outbox, checked, and the link it carries. */
async function readMail(page: Page, email: string, subject: string, lifetime: string) {
  await page.goto(`${brokerUrl('sso')}/dev/outbox`);
  const mail = page.getByRole('article').filter({ hasText: email }).first();
  await expect(mail.getByRole('heading', { name: subject })).toBeVisible();
  await expect(mail).toContainText(lifetime);
  const link = mail.getByRole('link', { name: `Open the link sent to ${email}` });
  const href = (await link.getAttribute('href'))!;
  expect(new URL(href).pathname).toBe('/account/password-reset');
  return { link, href };
}

async function chooseNewPassword(page: Page, password: string) {
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Confirm new password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Save new password' }).click();
}

test('a forgotten password is reset from the mailed link, and the link works once', async ({ page }, testInfo) => {
  const user = newUser('reset');
  await registerUser(page.request, 'sso', user);
  const newPassword = 'Difference-Engine-1822';
  const leaks = new TokenLeakWatch(page);

  // The user asks for a link from the login screen in the app.
  const sim = new SimulatorPage(page, 'sso');
  await sim.goto();
  await sim.launch({ firstLogin: false });
  await sim.webview.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(sim.webview.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await sim.webview.getByLabel('Email').fill(user.email);
  await sim.webview.getByRole('button', { name: 'Send reset link' }).click();
  await expect(sim.webview.getByText('Check your email')).toBeVisible();
  // The simulator links to the broker's dev outbox, where the demo's mail goes.
  await expect(page.getByRole('link', { name: "the broker's dev outbox" })).toHaveAttribute(
    'href',
    `${brokerUrl('sso')}/dev/outbox`,
  );

  // The mail, then the hosted screen from its link: the token leaves the address bar before the screen shows.
  const mail = await readMail(page, user.email, 'Reset your Demo Broker password', 'within 30 minutes');
  await expectNoAxeViolations(page, 'dev outbox');
  await mail.link.click();
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
  await expectNoAxeViolations(page, 'choose a new password');
  await page.screenshot({ path: testInfo.outputPath('1-choose.png') });
  await chooseNewPassword(page, newPassword);
  await expect(page.getByText('Password changed')).toBeVisible();
  await expectNoAxeViolations(page, 'password changed');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();

  // In the app: the old password is refused, the new one signs in.
  await sim.goto();
  await sim.launch({ firstLogin: false });
  const screens = new AuthScreens(sim.webview);
  await screens.logIn(user.email, user.password, { keepLoggedIn: false });
  await expect(sim.webview.getByText('The email or password is incorrect.')).toBeVisible();
  await sim.goto();
  await sim.launch({ firstLogin: false });
  await screens.logIn(user.email, newPassword, { keepLoggedIn: false });
  await expect(sim.status).toContainText('Signed in as user');
  await expect(sim.session).toContainText(user.email);

  // The same link a second time: refused, with a way to ask again.
  await page.goto(mail.href);
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await chooseNewPassword(page, 'Another-Engine-1843');
  const refused = page.getByRole('alert').filter({ hasText: 'This link no longer works' });
  await expect(refused).toBeVisible();
  await expectNoAxeViolations(page, 'used link');
  await page.screenshot({ path: testInfo.outputPath('2-used-link.png') });
  await page.getByRole('button', { name: 'Send a new link' }).click();
  await expect(page.getByLabel('Email')).toBeFocused();

  // Tokens travelled only in the link itself and the success URL, never in a Referer.
  leaks.expectNoLeaks(['/account/password-reset', '/callback/success']);
});

test('a link asked for in Arabic opens the screen right to left, in the theme of the page', async ({ page }) => {
  const user = newUser('reset-ar');
  await registerUser(page.request, 'sso', user);
  const asked = await page.request.post(`${brokerUrl('sso')}/api/auth/password-reset`, {
    headers: { origin: brokerUrl('sso'), 'x-broker-kit': '1' },
    data: { email: user.email, language: 'ar' },
  });
  expect(asked.status()).toBe(204);
  const { href } = await readMail(page, user.email, 'إعادة تعيين كلمة مرور Demo Broker', 'خلال 30 دقيقة');
  expect(new URL(href).searchParams.get('lang')).toBe('ar');
  await page.goto(`${href}&theme=dark`);
  await expect(page.getByRole('heading', { name: 'اختر كلمة مرور جديدة' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  expect(page.url()).not.toContain('token=');
  await expectNoAxeViolations(page, 'choose a new password, Arabic dark');
});
