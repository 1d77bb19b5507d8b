// The screens on a 390 px wide phone (the width the screens are designed for; the phone project's Pixel 7 is
// 412 px), opened as a webview shows them: the broker page filling the screen. Signup through to the success URL,
// and an in-app deposit to its confirmation, with nothing wider than the screen and axe clean at each step.
import { type Page } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { brokerUrl, simulatorUrl } from '../env.ts';
import { AuthScreens, newUser } from '../pages/auth.ts';
import { InAppScreen } from '../pages/inapp.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { TokenLeakWatch } from '../support/leaks.ts';

const width = 390;

/** Nothing on the page is wider than the phone: the user never scrolls sideways. */
async function expectFits(page: Page, label: string) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${label} is wider than the phone`).toBeLessThanOrEqual(width);
}

test.describe(`on a ${width} px wide phone`, () => {
  test.use({ viewport: { width, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true });

  test('SSO signup and account creation, then the success URL', async ({ page }, testInfo) => {
    const leaks = new TokenLeakWatch(page);
    await page.goto(`${brokerUrl('sso')}/auth/login?firstLogin=true&lang=en&source=iOS`);
    const screens = new AuthScreens(page);
    await expect(page.getByRole('heading', { name: 'Create your account' })).toBeVisible();
    await expectFits(page, 'signup');
    await expectNoAxeViolations(page, `signup at ${width} px`);
    await page.screenshot({ path: testInfo.outputPath('signup.png'), fullPage: true });

    await screens.signUp(newUser('narrow'));
    await expect(page.getByRole('heading', { name: 'Open a trading account' })).toBeVisible();
    await expectFits(page, 'account creation');
    await expectNoAxeViolations(page, `account creation at ${width} px`);
    await page.screenshot({ path: testInfo.outputPath('account.png'), fullPage: true });

    await screens.createAccount();
    await page.waitForURL((url) => url.href.startsWith(`${simulatorUrl('sso')}/callback/success?`));
    expect(new URL(page.url()).searchParams.get('token')).toMatch(/^[\w-]{20,}$/);
    leaks.expectNoLeaks();
  });

  test('an in-app deposit from the amount to its confirmation', async ({ page }, testInfo) => {
    // The platform's app signs in and opens the screen with a one-time token, as the simulator's buttons do.
    await page.request.post(`${simulatorUrl('handoff')}/sim/api/platform-login`);
    const opened = await page.request.post(`${simulatorUrl('handoff')}/sim/api/open`, {
      data: { action: 'deposit', lang: 'en' },
    });
    expect(opened.status(), await opened.text()).toBe(200);
    await page.goto(((await opened.json()) as { url: string }).url);
    await new InAppScreen(page).expectLoaded('deposit');
    await expectFits(page, 'deposit');
    await expectNoAxeViolations(page, `deposit at ${width} px`);

    await page.getByLabel('Amount').fill('25');
    await page.getByRole('button', { name: 'Review' }).click();
    await expect(page.getByRole('heading', { name: 'Check and confirm' })).toBeVisible();
    await expectFits(page, 'deposit confirmation');
    await expectNoAxeViolations(page, `deposit confirmation at ${width} px`);
    await page.screenshot({ path: testInfo.outputPath('deposit-confirm.png'), fullPage: true });
  });
});
