// Monitoring end to end: real screens in Chromium report their own load timings to the real reference server,
// whose /metrics then shows them per route and language; a broker that switched them off gets no reports.
import { expect, test, type APIRequestContext, type Request } from '@playwright/test';
import { brokerUrl, metricsToken, type Mode } from '../env.ts';
import { SimulatorPage } from '../pages/simulator.ts';
import { InAppScreen } from '../pages/inapp.ts';
import { AuthScreens } from '../pages/auth.ts';

/** The sum of every sample of `name` whose labels include `labels`. */
async function metric(
  request: APIRequestContext,
  mode: Mode,
  name: string,
  labels: Record<string, string>,
): Promise<number> {
  const response = await request.get(`${brokerUrl(mode)}/metrics`, {
    headers: { authorization: `Bearer ${metricsToken}` },
  });
  expect(response.status()).toBe(200);
  let total = 0;
  for (const line of (await response.text()).split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)))
      total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

const timingReports = (page: import('@playwright/test').Page) => {
  const sent: Request[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/telemetry/screen-timing') sent.push(request);
  });
  return sent;
};

test('an in-app screen opened by the platform reports its load, and /metrics shows it by route and language', async ({
  page,
  request,
}) => {
  const usable = { route: '/inapp/deposit', lang: 'en', phase: 'usable' };
  const before = await metric(request, 'handoff', 'broker_kit_screen_load_seconds_count', usable);
  const validations = { operation: 'validation', code: 'OK' };
  const validatedBefore = await metric(request, 'handoff', 'broker_kit_token_outcomes_total', validations);
  const sent = timingReports(page);

  const sim = new SimulatorPage(page, 'handoff');
  await sim.goto();
  await sim.platformLogin();
  await sim.open('deposit');
  await new InAppScreen(sim.webview).expectReady('deposit');

  await expect.poll(() => metric(request, 'handoff', 'broker_kit_screen_load_seconds_count', usable)).toBe(before + 1);
  expect(await metric(request, 'handoff', 'broker_kit_token_outcomes_total', validations)).toBeGreaterThan(
    validatedBefore,
  );
  // The report is the route, the language, two times and error codes: no token, no user.
  expect(sent).toHaveLength(1);
  const body = sent[0]!.postDataJSON() as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(['errors', 'firstControlMs', 'lang', 'route', 'usableMs']);
  expect(body).toMatchObject({ route: '/inapp/deposit', lang: 'en', errors: [] });
});

test('a screen whose token is refused reports the error code it met', async ({ page, request }) => {
  const errorsOf = (code: string) =>
    metric(request, 'handoff', 'broker_kit_screen_errors_total', { route: '/inapp/withdraw', lang: 'fr', code });
  const tokenCodes = ['CID_NON_EXISTED_TOKEN', 'INVALID_OT_TOKEN'];
  const before = await Promise.all(tokenCodes.map(errorsOf));
  const sent = timingReports(page);
  // A token nobody issued, new to this server.
  await page.goto(`${brokerUrl('handoff')}/inapp/withdraw?token=never-issued-${Date.now()}&lang=fr`);
  await expect(page.getByRole('alert').first()).toBeVisible();
  await expect.poll(() => sent.length).toBe(1);
  const report = sent[0]!.postDataJSON() as { route: string; lang: string; errors: string[] };
  expect(report).toMatchObject({ route: '/inapp/withdraw', lang: 'fr' });
  expect(report.errors).toHaveLength(1);
  const code = report.errors[0]!;
  expect(tokenCodes).toContain(code);
  const index = tokenCodes.indexOf(code);
  await expect.poll(() => errorsOf(code)).toBe(before[index]! + 1);
});

test('a broker that switched screen timings off gets no reports', async ({ page }) => {
  const sent = timingReports(page);
  await page.goto(`${brokerUrl('sso')}/auth/login?lang=en`);
  const login = new AuthScreens(page);
  await expect(login.frame.getByRole('heading', { name: 'Log in' })).toBeVisible();
  // The screen has long been usable (a report would have gone on that frame) once it took what was typed.
  await page.getByLabel('Email').fill('nobody@example.com');
  await expect(page.getByLabel('Email')).toHaveValue('nobody@example.com');
  expect(sent).toEqual([]);
});
