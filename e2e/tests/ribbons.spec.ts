// The broker's ribbons page (/inapp/ribbons) in its client area, under the SSO session a user's login opened: the
// ribbons the broker set for this user, one at a time in their targeting precedence (this account's, then the
// broker's, then the user's), each closed in turn, and an in-app action followed. Under one-time token handoff
// the route is refused in the user's language.
import { expect, test } from '../support/test.ts';
import { brokerUrl } from '../env.ts';
import { newUser } from '../pages/auth.ts';
import { InAppScreen } from '../pages/inapp.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { crmApiToken, registerUser } from '../support/broker-api.ts';
import { text } from '../support/locales.ts';
import { TokenLeakWatch } from '../support/leaks.ts';

test('the ribbons show one at a time in their targeting precedence; a closed one stays closed', async ({
  page,
}, testInfo) => {
  const { userId, login } = await registerUser(page.request, 'sso', newUser('ribbons'), { keepSession: true });
  // The broker's rules for this user, published as its back office does (the broker-wide rule is in its
  // configuration: "Complete your verification", closable, to the KYC screen).
  const authorization = `Bearer ${await crmApiToken(page.request, 'sso')}`;
  const rules = [
    {
      id: 'user-welcome',
      color: '#FFD400',
      title: 'Invite a friend and trade together',
      enabled: true,
      closable: false,
      scope: 'user',
      action: { urlinApp: '/inapp/invite' },
    },
    {
      id: 'account-margin',
      color: '#B00020',
      title: `Account ${login}: add funds to keep your positions open`,
      enabled: true,
      closable: true,
      scope: 'account',
      target: String(login),
    },
    {
      id: 'account-off',
      color: '#000000',
      title: 'A switched-off rule',
      enabled: false,
      closable: true,
      scope: 'user',
    },
  ];
  for (const rule of rules) {
    const published = await page.request.put(`${brokerUrl('sso')}/api/backoffice/ribbons/${userId}/${rule.id}`, {
      data: rule,
      headers: { authorization },
    });
    expect(published.status(), await published.text()).toBe(200);
  }

  const leaks = new TokenLeakWatch(page);
  await page.goto(`${brokerUrl('sso')}/inapp/ribbons?account=${login}&lang=en`);
  const ribbon = page.getByRole('region', { name: 'Announcement' });
  const close = ribbon.getByRole('button', { name: 'Close announcement' });

  // The most specific first: this account's rule, although it was published after the user's.
  await expect(ribbon).toHaveCount(1);
  await expect(ribbon).toContainText(rules[1]!.title);
  await expectNoAxeViolations(page, 'ribbon: account');
  await page.screenshot({ path: testInfo.outputPath('1-account.png') });
  await close.click();

  // Then the broker's own; closed, it stays closed for the visit.
  await expect(ribbon.getByRole('link', { name: 'Complete your verification' })).toBeVisible();
  await close.click();
  await expect(ribbon).toContainText(rules[0]!.title);
  await page.reload();
  await expect(ribbon).toContainText(rules[0]!.title);
  await expect(page.getByText('A switched-off rule')).toHaveCount(0);

  // The user's rule cannot be closed; its action opens an in-app screen with the same session.
  await expect(close).toHaveCount(0);
  await expectNoAxeViolations(page, 'ribbon: user');
  await ribbon.getByRole('link', { name: rules[0]!.title }).click();
  await expect(page).toHaveURL(`${brokerUrl('sso')}/inapp/invite`);
  await new InAppScreen(page).expectLoaded('invite');
  await expect(page.getByText('Your invite link')).toBeVisible();
  leaks.expectNoLeaks();
});

test('under one-time token handoff the ribbons page is refused, in the user language @phone', async ({ page }) => {
  await page.goto(`${brokerUrl('handoff')}/inapp/ribbons?account=5000001&lang=de`);
  const notices = text('de', 'hosted:modules.ribbons');
  // The refused module is the heading; the reason is a whole sentence of its own.
  await expect(page.getByRole('heading', { level: 1, name: notices })).toBeVisible();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByText(text('de', 'hosted:incompatible.message'))).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('region', { name: text('de', 'engage:ribbon.label') })).toHaveCount(0);
  await expectNoAxeViolations(page, 'ribbons refused');
});
