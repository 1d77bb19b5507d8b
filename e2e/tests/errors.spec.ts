// Every token problem the platform and the broker can answer, as the user sees it: localized, in an alert,
// with a way back to the app; and a replay of the very same link.
import { expect, test } from '../support/test.ts';
import { SimulatorPage, type Scenario } from '../pages/simulator.ts';
import { InAppScreen, tokenErrorTitles } from '../pages/inapp.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { brokerUrl, simulatorUrl } from '../env.ts';

const cases: [Scenario, RegExp][] = [
  ['expired', tokenErrorTitles.expired],
  ['replayed', tokenErrorTitles.used],
  ['unknown', tokenErrorTitles.used],
  ['user-deleted', tokenErrorTitles.userNotFound],
  ['platform-down', tokenErrorTitles.unavailable],
  ['client-auth-failure', tokenErrorTitles.unavailable],
  ['insufficient-permissions', tokenErrorTitles.unavailable],
];

for (const [scenario, title] of cases) {
  test(`a ${scenario} token shows "${title.source}"`, async ({ page }) => {
    const sim = new SimulatorPage(page, 'handoff');
    await sim.goto();
    await sim.platformLogin();
    await sim.open('deposit', { scenario });
    const screen = new InAppScreen(sim.webview);
    await screen.expectTokenError(title);
    await expect(sim.webview.getByRole('button', { name: /Back|Close/ }).first()).toBeVisible();
    await expectNoAxeViolations(await sim.frame(), `${scenario} token`);
  });
}

test('the same link opened twice: the second visit is refused @phone', async ({ page }) => {
  await page.goto(`${simulatorUrl('handoff')}/`);
  await page.request.post(`${simulatorUrl('handoff')}/sim/api/platform-login`);
  const opened = await page.request.post(`${simulatorUrl('handoff')}/sim/api/open`, { data: { action: 'deposit' } });
  const { url } = (await opened.json()) as { url: string };
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: tokenErrorTitles.used })).toHaveCount(0);
  expect(page.url()).not.toContain('token=');

  const second = await page.context().newPage();
  await second.goto(url);
  await expect(second.getByRole('alert').filter({ hasText: tokenErrorTitles.used }).first()).toBeVisible();
});

test('a screen opened without a token says the link is incomplete', async ({ page }) => {
  await page.goto(`${brokerUrl('handoff')}/inapp/deposit?account=5000001&lang=en`);
  await expect(page.getByRole('alert').filter({ hasText: tokenErrorTitles.missing }).first()).toBeVisible();
  await expectNoAxeViolations(page, 'missing token');
});

test('an error in German stays German', async ({ page }) => {
  const sim = new SimulatorPage(page, 'handoff');
  await sim.goto();
  await sim.platformLogin();
  await sim.open('chat', { scenario: 'expired', lang: 'de' });
  await expect(sim.webview.locator('html')).toHaveAttribute('lang', 'de');
  await expect(sim.webview.getByRole('alert').filter({ hasText: tokenErrorTitles.expired })).toHaveCount(0);
  await expect(sim.webview.getByRole('alert').first()).toBeVisible();
});
