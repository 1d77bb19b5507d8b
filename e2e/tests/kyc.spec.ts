// KYC end to end. The draft: what a user typed comes back after a reload of the webview from the broker's backend
// (the token is gone from the address bar by then; the session cookie resumes the visit), nothing of it waits in
// the browser's storage, and the next user signed in to the same webview never sees it. The review: the broker's
// staff reject with reasons through the back-office API, the trader reads them in their language and corrects only
// those, staff approve; a document that expires makes the approval due again. The vendor path: the trader is
// handed to the simulated vendor on its own origin, whose (duplicated) webhook approves once.
import { type APIRequestContext, type Frame } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { SimulatorPage } from '../pages/simulator.ts';
import { InAppScreen } from '../pages/inapp.ts';
import { AuthScreens, newUser } from '../pages/auth.ts';
import { dayFromToday, KycScreen } from '../pages/kyc.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { crmApiToken, registerUser } from '../support/broker-api.ts';
import { text } from '../support/locales.ts';
import { brokerUrl, kycVendorUrl } from '../env.ts';

/** Everything the broker's pages keep in the browser: both web storages and the names of IndexedDB databases. */
async function browserStorage(frame: Frame): Promise<string> {
  return frame.evaluate(async () =>
    JSON.stringify({
      session: { ...sessionStorage },
      local: { ...localStorage },
      databases: await indexedDB.databases(),
    }),
  );
}

test('KYC: a reload mid-flow brings the draft back from the backend; the next user in the webview never sees it', async ({
  page,
  request,
}, testInfo) => {
  const first = newUser('kyc-draft-a');
  const second = newUser('kyc-draft-b');
  await registerUser(request, 'sso', first);
  await registerUser(request, 'sso', second);
  const sim = new SimulatorPage(page, 'sso');
  const f = sim.webview;
  await sim.goto();
  await sim.launch({ firstLogin: false });
  await new AuthScreens(f).logIn(first.email, first.password, { keepLoggedIn: false });
  await expect(sim.status).toContainText('Signed in as user');

  await sim.open('kyc');
  await new InAppScreen(f).expectReady('kyc');
  const saved = page.waitForResponse(
    (response) =>
      response.url().endsWith('/api/kyc/draft') &&
      response.request().method() === 'PUT' &&
      (response.request().postData() ?? '').includes('1984-02-29'),
  );
  await f.getByLabel('Last name').fill('Quintrell-Draft');
  await f.getByLabel('Date of birth').fill('1984-02-29');
  expect((await saved).status()).toBe(204);
  let frame = await sim.frame();
  expect(await browserStorage(frame)).not.toMatch(/Quintrell|1984-02-29/);

  // The reload: the address bar no longer holds the token, the draft comes from the backend with the status.
  expect(new URL(frame.url()).searchParams.has('token')).toBe(false);
  const status = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/kyc');
  await frame.goto(frame.url());
  expect(await (await status).text()).toContain('Quintrell-Draft');
  await new InAppScreen(f).expectReady('kyc');
  await expect(f.getByLabel('Last name')).toHaveValue('Quintrell-Draft');
  await expect(f.getByLabel('Date of birth')).toHaveValue('1984-02-29');
  frame = await sim.frame();
  await expectNoAxeViolations(frame, 'KYC resumed after a reload');
  await page.screenshot({ path: testInfo.outputPath('kyc-draft-resumed.png') });

  // Another user signs in to the same app and webview.
  await page.getByRole('button', { name: 'Forget stored token' }).click();
  await sim.launch({ firstLogin: false });
  await new AuthScreens(f).logIn(second.email, second.password, { keepLoggedIn: false });
  await expect(sim.status).toContainText('Signed in as user');
  await sim.open('kyc');
  await new InAppScreen(f).expectReady('kyc');
  await expect(f.getByLabel('Last name')).toHaveValue(second.lastName);
  await expect(f.getByLabel('Date of birth')).toHaveValue('');
  await expect(f.locator('body')).not.toContainText('Quintrell');
  expect(await browserStorage(await sim.frame())).not.toMatch(/Quintrell|1984-02-29/);
});

/** A back-office call of the broker's staff console, with the CRM API credential. */
async function staff(request: APIRequestContext, method: 'GET' | 'POST' | 'PUT', path: string, data?: unknown) {
  const token = await crmApiToken(request, 'sso');
  const response = await request.fetch(`${brokerUrl('sso')}/api/backoffice/kyc${path}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
    ...(data !== undefined && { data }),
  });
  expect(response.status(), await response.text()).toBe(200);
  return response.json();
}

/** Signs a new SSO user in inside the simulator's webview and opens the KYC screen. */
async function openKyc(page: import('@playwright/test').Page, request: APIRequestContext, tag: string) {
  const user = newUser(tag);
  const { userId } = await registerUser(request, 'sso', user);
  const sim = new SimulatorPage(page, 'sso');
  await sim.goto();
  await sim.launch({ firstLogin: false });
  await new AuthScreens(sim.webview).logIn(user.email, user.password, { keepLoggedIn: false });
  await expect(sim.status).toContainText('Signed in as user');
  await sim.open('kyc');
  await new InAppScreen(sim.webview).expectReady('kyc');
  return { sim, userId, kyc: new KycScreen(sim.webview) };
}

const address = { line1: '12 Rue de la Paix', city: 'Paris', postalCode: '75002', country: 'France' };

test('KYC review: rejected with reasons, corrected and resubmitted, approved; an expired document makes it due again', async ({
  page,
  request,
}, testInfo) => {
  const { sim, userId, kyc } = await openKyc(page, request, 'kyc-review');
  const f = sim.webview;
  await kyc.savePersonal({ dateOfBirth: '1985-06-15', nationality: 'France' });
  await kyc.saveAddress(address);
  await kyc.upload('Passport or national ID', 'passport.png', dayFromToday(900));
  await kyc.upload('Proof of address', 'bill.png');
  await kyc.submit();

  const queue = await staff(request, 'GET', '/cases?status=pending&limit=100');
  expect(queue.cases.map((row: { userId: number }) => row.userId)).toContain(userId);
  await staff(request, 'POST', `/cases/${userId}/standard/reject`, {
    reviewer: 'e2e.reviewer@broker.example',
    items: [
      { item: 'dateOfBirth', reason: 'mismatch' },
      { item: 'passport', reason: 'unreadable', note: 'Glare over the photo page' },
    ],
  });

  // The trader reads the reasons in their language (German here), then corrects only what they name.
  await sim.open('kyc', { lang: 'de' });
  const german = (key: string) => text('de', key);
  await expect(f.getByText(german('kyc:reasons.mismatch'))).toBeVisible();
  await expect(f.getByText(german('kyc:reasons.unreadable'))).toBeVisible();
  await expect(f.getByText('Glare over the photo page')).toBeVisible();
  await sim.open('kyc', { lang: 'en' });
  await new InAppScreen(f).expectReady('kyc');
  await expect(f.locator('[data-corrections]')).toContainText('Date of birth: It does not match your other details.');
  await expectNoAxeViolations(await sim.frame(), 'KYC corrections');
  await page.screenshot({ path: testInfo.outputPath('kyc-corrections.png') });
  await expect(f.getByLabel('Date of birth')).toBeVisible();
  await expect(f.getByRole('combobox', { name: 'Nationality' })).toHaveCount(0);
  await f.getByLabel('Date of birth').fill('1985-06-16');
  await f.getByRole('button', { name: 'Save and continue' }).click();
  await expect(f.locator('[data-document]')).toHaveCount(1);
  await kyc.upload('Passport or national ID', 'passport-clear.png', dayFromToday(900));
  await kyc.submit();

  const approved = await staff(request, 'POST', `/cases/${userId}/standard/approve`, {
    reviewer: 'e2e.lead@broker.example',
  });
  expect(approved.decisions.map((decision: { decision: string }) => decision.decision)).toEqual(['reject', 'approve']);
  await sim.open('kyc', { lang: 'en' });
  await expect(f.getByText('You are verified')).toBeVisible();

  // The reviewer reads an expiry date on the passport that has passed: the approval is due again.
  const passport = approved.documents.find(
    (document: { documentType: string; state: string }) =>
      document.documentType === 'passport' && document.state === 'current',
  );
  await staff(request, 'PUT', `/cases/${userId}/standard/documents/${passport.id}/expiry`, {
    reviewer: 'e2e.lead@broker.example',
    expiresOn: dayFromToday(-1),
  });
  const due = await staff(request, 'GET', '/cases?due=true&limit=100');
  expect(due.cases.map((row: { userId: number }) => row.userId)).toContain(userId);
  await sim.open('kyc', { lang: 'en' });
  await expect(f.getByText('Your verification needs renewing')).toBeVisible();
  await expect(f.getByText('A document you gave us has expired. Upload a valid one.')).toBeVisible();
  await f.getByRole('button', { name: 'Renew verification' }).click();
  await kyc.upload('Passport or national ID', 'passport-new.png', dayFromToday(1200));
  await kyc.submit();
});

test('KYC through the vendor: its page on its own origin decides, a duplicated webhook counts once', async ({
  page,
  request,
}) => {
  const { sim, kyc } = await openKyc(page, request, 'kyc-vendor');
  const f = sim.webview;
  // The broker verifies this KYC type through its vendor.
  await (await sim.frame()).goto(`${brokerUrl('sso')}/inapp/kyc?kycType=vendor`);
  await new InAppScreen(f).expectReady('kyc');
  await kyc.savePersonal({ dateOfBirth: '1979-01-30', nationality: 'Italy' });
  await kyc.saveAddress(address);
  await f.getByRole('button', { name: 'Continue to verification' }).click();
  await expect(f.getByRole('heading', { name: 'Identity check' })).toBeVisible();
  expect(new URL((await sim.frame()).url()).origin).toBe(kycVendorUrl);
  await f.getByLabel('Twice (duplicate)').check();
  await f.getByRole('button', { name: 'Approve' }).click();
  await expect(f.getByText('You are verified')).toBeVisible();
  const checks = (await (
    await request.get(`${kycVendorUrl}/v1/checks`, { headers: { authorization: 'Bearer dev-kyc-vendor-api-key-0000' } })
  ).json()) as { applicant: { lastName: string }; deliveries: { outcome?: string }[] }[];
  const ours = checks.filter((check) => check.deliveries.length > 0).at(-1)!;
  expect(ours.deliveries.map((delivery) => delivery.outcome)).toEqual(['applied', 'duplicate']);
});
