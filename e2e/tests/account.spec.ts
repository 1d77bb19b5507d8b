// The screens a broker's client area links to, under SSO: the embedded platform (an OT token fetched on
// click, a minimal sandbox, no Referer) and the account upkeep screens, each from its own route.
import { expect, test } from '../support/test.ts';
import { brokerUrl } from '../env.ts';
import { newUser } from '../pages/auth.ts';
import { registerUser } from '../support/broker-api.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { TokenLeakWatch } from '../support/leaks.ts';

test('the embedded platform opens with a fresh token in a minimal sandbox', async ({ page }, testInfo) => {
  await registerUser(page.request, 'sso', newUser('web'), { keepSession: true });
  await page.route('https://app.ctrader.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>platform</title><p>platform</p>' }),
  );
  const leaks = new TokenLeakWatch(page);
  await page.goto(`${brokerUrl('sso')}/web?lang=en`);
  // The token lives a minute: it is fetched on the click, not with the page.
  await expect(page.locator('iframe')).toHaveCount(0);
  await page.getByRole('button', { name: 'Open platform' }).click();
  const frame = page.locator('iframe[src^="https://app.ctrader.com/"]');
  await expect(frame).toBeVisible();
  await expect(frame).toHaveAttribute('referrerpolicy', 'no-referrer');
  expect((await frame.getAttribute('sandbox'))?.split(' ').sort()).toEqual(
    ['allow-forms', 'allow-popups', 'allow-same-origin', 'allow-scripts'].sort(),
  );
  expect(new URL((await frame.getAttribute('src'))!).searchParams.get('token')).toMatch(/^[\w-]{20,}$/);
  await expectNoAxeViolations(page, '/web');
  await page.screenshot({ path: testInfo.outputPath('web.png') });
  leaks.expectNoLeaks(['https://app.ctrader.com/']);
});

test('the account screens open from their routes', async ({ page }) => {
  await page.goto(`${brokerUrl('sso')}/account/password-reset?lang=en`);
  await expect(page.getByRole('heading', { name: 'Reset your password' })).toBeVisible();
  await expectNoAxeViolations(page, 'password reset');

  await registerUser(page.request, 'sso', newUser('upkeep'), { keepSession: true });
  await page.goto(`${brokerUrl('sso')}/account/password?lang=en`);
  await expect(page.getByRole('heading', { name: 'Change password' })).toBeVisible();
  await expectNoAxeViolations(page, 'change password');
  await page.goto(`${brokerUrl('sso')}/account/email?lang=en&theme=dark`);
  await expect(page.getByRole('heading', { name: 'Change email' })).toBeVisible();
  await expectNoAxeViolations(page, 'change email, dark');
});

test('a broker whose success URL is its own page shows the signed-in state and drops the token', async ({ page }) => {
  const leaks = new TokenLeakWatch(page);
  await page.goto(`${brokerUrl('sso')}/callback/success?token=AbcdefghijklmnopQRSTUV_123&lang=en`);
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await expect(page.locator('body')).not.toContainText('AbcdefghijklmnopQRSTUV_123');
  await expectNoAxeViolations(page, 'callback');
  leaks.expectNoLeaks(['/callback/success']);
});
