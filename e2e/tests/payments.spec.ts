// Deposit and withdrawal when the answer is no, as the user sees it in their language: an amount over the
// method's limit, a withdrawal of money that another device spent meanwhile, a session that ended before the
// confirmation. The screen keeps the amount and says what to do. (The reference backend does not rate-limit
// payments: RATE_LIMITED cannot be reached here; sso.spec.ts reaches it on the login screen.)
import { type APIRequestContext, type Request } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { brokerUrl } from '../env.ts';
import { InAppScreen } from '../pages/inapp.ts';
import { SimulatorPage } from '../pages/simulator.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { screenHeaders } from '../support/broker-api.ts';
import { pattern, text } from '../support/locales.ts';

const lang = 'de';

interface Options {
  account: { login: number; currency: string };
  methods: { id: string; min: string; max: string }[];
  available?: string;
}

/** What the screen itself was offered (the same request, with the webview's session cookie). */
async function paymentOptions(request: APIRequestContext, direction: 'deposit' | 'withdraw', account: number) {
  const response = await request.get(
    `${brokerUrl('handoff')}/api/payments/options?direction=${direction}&account=${account}`,
    { headers: screenHeaders('handoff') },
  );
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()) as Options;
}

test('an amount over the limit, a balance spent elsewhere, a session ended: localized, the amount kept', async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const submissions: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/payments') submissions.push(request);
  });
  const sim = new SimulatorPage(page, 'handoff');
  await sim.goto();
  await sim.platformLogin();
  const f = sim.webview;
  const amount = f.getByLabel(text(lang, 'payments:amount'), { exact: true });
  /** The amount the screen holds, as it would send it (the field shows it formatted for the language). */
  const kept = f.locator('input[type="hidden"][name="amount"]');
  const review = f.getByRole('button', { name: text(lang, 'payments:review') });

  // A deposit over the method's limit is refused before anything is sent, in German, the amount kept.
  await sim.open('deposit', { lang });
  await new InAppScreen(f).expectLoaded('deposit', lang);
  const account = Number(new URL((await sim.frame()).url()).searchParams.get('account'));
  const deposit = await paymentOptions(page.request, 'deposit', account);
  const method = deposit.methods[0]!;
  const over = String(Number(method.max) + 1);
  await amount.fill(over);
  await review.click();
  await expect(f.getByText(pattern(lang, 'payments:errors.max')).first()).toBeVisible();
  await expect(kept).toHaveValue(over);
  await expect(amount).not.toHaveValue('');
  expect(submissions, 'a payment was sent over the limit').toHaveLength(0);
  await expectNoAxeViolations(await sim.frame(), 'deposit over the limit');
  await page.screenshot({ path: testInfo.outputPath('deposit-over-limit.png') });

  // Within the limits it goes through, so there is money to withdraw.
  const amountIn = String(Number(method.min) * 10);
  await amount.fill(amountIn);
  await review.click();
  await f.getByRole('button', { name: pattern(lang, 'payments:deposit.submit') }).click();
  await expect(f.getByText(text(lang, 'payments:deposit.success')).first()).toBeVisible();

  // The withdrawal screen loads what is available; then another device withdraws all of it.
  await sim.open('withdraw', { lang });
  await new InAppScreen(f).expectLoaded('withdraw', lang);
  await expect(f.getByText(text(lang, 'payments:available')).first()).toBeVisible();
  const withdraw = await paymentOptions(page.request, 'withdraw', account);
  const available = withdraw.available!;
  expect(Number(available)).toBeGreaterThanOrEqual(Number(amountIn));
  const elsewhere = withdraw.methods.find(
    (candidate) => Number(candidate.min) <= Number(available) && Number(available) <= Number(candidate.max),
  )!;
  const spent = await page.request.post(`${brokerUrl('handoff')}/api/payments`, {
    headers: screenHeaders('handoff'),
    data: {
      direction: 'withdraw',
      account,
      methodId: elsewhere.id,
      amount: available,
      currency: withdraw.account.currency,
      idempotencyKey: `e2e-elsewhere-${Date.now()}`,
    },
  });
  expect(spent.status(), await spent.text()).toBe(200);
  expect(await spent.json()).toMatchObject({ status: 'completed' });

  // On the screen the amount still looks available: the backend refuses it, and the form says why.
  const before = submissions.length;
  await amount.fill(amountIn);
  await review.click();
  await f.getByRole('button', { name: pattern(lang, 'payments:withdraw.submit') }).click();
  await expect(f.getByText(text(lang, 'errors:INSUFFICIENT_FUNDS.message')).first()).toBeVisible();
  expect(submissions.length - before, 'the withdrawal reached the backend').toBe(1);
  await expect(kept).toHaveValue(amountIn);
  await expect(review).toBeVisible();
  await expectNoAxeViolations(await sim.frame(), 'withdrawal over the balance');
  await page.screenshot({ path: testInfo.outputPath('withdraw-insufficient.png') });

  // The session ends (signed out elsewhere) before the confirmation: no retry, the way back to the app.
  const loggedOut = await page.request.post(`${brokerUrl('handoff')}/api/auth/logout`, {
    headers: screenHeaders('handoff'),
  });
  expect(loggedOut.status()).toBe(204);
  await review.click();
  const confirm = f.getByRole('button', { name: pattern(lang, 'payments:withdraw.submit') });
  await confirm.click();
  await expect(f.getByRole('alert').filter({ hasText: text(lang, 'errors:SESSION_EXPIRED.title') })).toBeVisible();
  await expect(confirm).toHaveCount(0);
  await expectNoAxeViolations(await sim.frame(), 'withdrawal after the session ended');
});
