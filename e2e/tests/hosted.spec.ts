// The hosted shell as the reference backend serves it: the token leaves the address bar at once, modules the
// identity mode cannot run are refused in the user's language, nothing breaks the CSP or Trusted Types, and
// webviews get minified code without source maps.
import { type ConsoleMessage } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { brokerUrl } from '../env.ts';
import { TokenLeakWatch } from '../support/leaks.ts';
import { expectNoAxeViolations } from '../support/axe.ts';

test('the token is taken out of the address bar and never sent in a URL or Referer', async ({ page }) => {
  const leaks = new TokenLeakWatch(page);
  const bodies: string[] = [];
  page.on('request', (request) => bodies.push(request.postData() ?? ''));
  await page.goto(
    `${brokerUrl('handoff')}/inapp/deposit?token=NotARealToken_123456&account=5000001&lang=en&theme=light`,
  );
  await expect(page.getByRole('alert').first()).toBeVisible();
  expect(page.url()).toBe(`${brokerUrl('handoff')}/inapp/deposit?account=5000001&lang=en&theme=light`);
  expect(
    bodies.some((body) => body.includes('NotARealToken_123456')),
    'the token went to the backend',
  ).toBe(true);
  leaks.expectNoLeaks(['/inapp/deposit']);
  const entryRequests = leaks.requests.filter((request) => request.url.includes('NotARealToken_123456'));
  expect(entryRequests).toHaveLength(1);
});

test('the embedded platform is refused under handoff, in the user language @phone', async ({ page }) => {
  await page.goto(`${brokerUrl('handoff')}/web?lang=fr`);
  await expect(page.getByRole('heading', { name: 'L’application web de trading' })).toBeVisible();
  await expect(page.getByText('Ce service nécessite une connexion avec votre compte courtier.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await expectNoAxeViolations(page, 'refusal');
});

test('login renders under the server CSP with Trusted Types and no violation', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (/Content Security Policy|TrustedHTML|TrustedScript|Trusted Type/i.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const response = await page.goto(`${brokerUrl('sso')}/auth/login?firstLogin=false&lang=en`);
  const csp = response!.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(response!.headers()['referrer-policy']).toBe('no-referrer');
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  expect(problems).toEqual([]);
});

test('webviews get minified code and no source maps', async ({ page, request }) => {
  await page.goto(`${brokerUrl('sso')}/auth/login`);
  const scripts = await page
    .locator('script[src]')
    .evaluateAll((nodes) => nodes.map((node) => (node as HTMLScriptElement).src));
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const code = await (await request.get(src)).text();
    expect(code).not.toContain('sourceMappingURL');
    expect(code.split('\n').length, `${src} looks unminified`).toBeLessThan(20);
    expect((await request.get(`${src}.map`)).ok()).toBe(false);
  }
});
