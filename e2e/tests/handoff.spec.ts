// Seed 001 through the simulator: every in-app screen opened with a one-time token the platform issued, then
// the same screens after the broker moved to SSO, with no other change (seed 000's migration path).
import { expect, test } from '../support/test.ts';
import { SimulatorPage, type InAppAction } from '../pages/simulator.ts';
import { InAppScreen } from '../pages/inapp.ts';
import { AuthScreens, newUser } from '../pages/auth.ts';
import { TokenLeakWatch } from '../support/leaks.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { registerUser } from '../support/broker-api.ts';

const actions: InAppAction[] = ['deposit', 'withdraw', 'kyc', 'action', 'chat', 'invite'];

test.describe('under one-time token handoff', () => {
  for (const action of actions) {
    test(`the platform opens /inapp/${action} with a token and the screen is ready${action === 'deposit' ? ' @phone' : ''}`, async ({
      page,
    }, testInfo) => {
      const leaks = new TokenLeakWatch(page);
      const sim = new SimulatorPage(page, 'handoff');
      await sim.goto();
      await sim.platformLogin();
      await sim.open(action);
      const screen = new InAppScreen(sim.webview);
      await screen.expectReady(action);
      const frame = await sim.frame();
      expect(new URL(frame.url()).searchParams.has('token'), 'token left in the address bar').toBe(false);
      await expectNoAxeViolations(frame, `/inapp/${action}`);
      await page.screenshot({ path: testInfo.outputPath(`${action}.png`) });
      leaks.expectNoLeaks();
    });
  }

  test('a deposit from amount to confirmation moves money on the platform once', async ({ page }, testInfo) => {
    const sim = new SimulatorPage(page, 'handoff');
    await sim.goto();
    await sim.platformLogin();
    await sim.open('deposit');
    const f = sim.webview;
    await new InAppScreen(f).expectReady('deposit');
    await f.getByLabel('Amount').fill('150');
    await f.getByRole('button', { name: 'Review' }).click();
    await expect(f.getByRole('heading', { name: 'Check and confirm' })).toBeVisible();
    await f.getByRole('button', { name: /^Deposit / }).click();
    await expect(f.getByText(/Deposit complete|Processing/).first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('deposit-done.png') });
    await page.goto(`${sim.url}/log.html`);
    await expect(page.getByTestId('sim-log').getByText(/POST \/webserv\/traders\/\d+\/changebalance/)).toHaveCount(1);
  });

  test('leaving an in-app screen returns to the app with its result', async ({ page }) => {
    const sim = new SimulatorPage(page, 'handoff');
    await sim.goto();
    await sim.platformLogin();
    await sim.open('withdraw');
    await new InAppScreen(sim.webview).expectReady('withdraw');
    await sim.webview.getByRole('button', { name: 'Back to the app' }).first().click();
    await expect(sim.status).toContainText('The broker screen closed: withdraw cancelled');
    await expect(page.locator('iframe[name="webview"]')).toHaveCount(0);
  });

  test('dark theme and Arabic right to left @phone', async ({ page }, testInfo) => {
    const sim = new SimulatorPage(page, 'handoff');
    await sim.goto();
    await sim.platformLogin();
    await sim.open('deposit', { lang: 'ar', theme: 'dark' });
    const frame = await sim.frame();
    await expect(sim.webview.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(sim.webview.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(sim.webview.locator('html')).toHaveClass(/bk-theme-dark/);
    await expect(sim.webview.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expectNoAxeViolations(frame, 'deposit in Arabic, dark');
    await page.screenshot({ path: testInfo.outputPath('deposit-ar-dark.png') });
  });

  // One visit per screen and look, in one test: each screen dark (left to right), then in Arabic (right to left).
  test('every in-app screen in dark theme, and in Arabic right to left', async ({ page }, testInfo) => {
    test.setTimeout(120_000);
    const sim = new SimulatorPage(page, 'handoff');
    await sim.goto();
    await sim.platformLogin();
    const looks = [
      { name: 'dark', options: { theme: 'dark', lang: 'en' }, dir: 'ltr' },
      { name: 'Arabic', options: { theme: 'light', lang: 'ar' }, dir: 'rtl' },
    ] as const;
    for (const look of looks) {
      for (const action of actions) {
        await sim.open(action, look.options);
        await new InAppScreen(sim.webview).expectLoaded(action, look.options.lang);
        const html = sim.webview.locator('html');
        await expect(html).toHaveAttribute('lang', look.options.lang);
        await expect(html).toHaveAttribute('dir', look.dir);
        if (look.options.theme === 'dark') await expect(html).toHaveClass(/bk-theme-dark/);
        else await expect(html).not.toHaveClass(/bk-theme-dark/);
        await expectNoAxeViolations(await sim.frame(), `/inapp/${action} (${look.name})`);
        await page.screenshot({ path: testInfo.outputPath(`${action}-${look.name}.png`) });
      }
    }
  });
});

test.describe('the same screens after the broker moved to SSO', () => {
  test('a user signed in through the broker opens every in-app screen', async ({ page, request }, testInfo) => {
    const user = newUser('migrated');
    await registerUser(request, 'sso', user);
    const leaks = new TokenLeakWatch(page);
    const sim = new SimulatorPage(page, 'sso');
    await sim.goto();
    await sim.launch({ firstLogin: false });
    await new AuthScreens(sim.webview).logIn(user.email, user.password);
    await expect(sim.status).toContainText('Signed in as user');
    for (const action of actions) {
      await sim.open(action);
      await new InAppScreen(sim.webview).expectReady(action);
      await new InAppScreen(sim.webview).expectLoaded(action);
      await expectNoAxeViolations(await sim.frame(), `/inapp/${action} under SSO`);
      await page.screenshot({ path: testInfo.outputPath(`sso-${action}.png`) });
    }
    // Under SSO the broker can issue the in-app token itself, for the app holding the user's access token.
    await sim.open('deposit', { scenario: 'broker-issued' });
    await new InAppScreen(sim.webview).expectReady('deposit');
    leaks.expectNoLeaks();
  });
});
