// The KYC draft end to end: what a user typed comes back after a reload of the webview from the broker's backend
// (the token is gone from the address bar by then; the session cookie resumes the visit), nothing of it waits in
// the browser's storage, and the next user signed in to the same webview never sees it.
import { type Frame } from '@playwright/test';
import { expect, test } from '../support/test.ts';
import { SimulatorPage } from '../pages/simulator.ts';
import { InAppScreen } from '../pages/inapp.ts';
import { AuthScreens, newUser } from '../pages/auth.ts';
import { expectNoAxeViolations } from '../support/axe.ts';
import { registerUser } from '../support/broker-api.ts';

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
