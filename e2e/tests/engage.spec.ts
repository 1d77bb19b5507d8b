// Beyond "ready": KYC submitted for review, a support message on the live feed, a broker-defined action sent,
// the invite link to share, all through one-time tokens the platform issued.
import { expect, test } from '../support/test.ts';
import { SimulatorPage } from '../pages/simulator.ts';
import { InAppScreen } from '../pages/inapp.ts';
import { dayFromToday, KycScreen } from '../pages/kyc.ts';

test.beforeEach(async ({ page }) => {
  const sim = new SimulatorPage(page, 'handoff');
  await sim.goto();
  await sim.platformLogin();
});

test('a support message is sent and the live feed shows the agent typing', async ({ page }) => {
  const sim = new SimulatorPage(page, 'handoff');
  await sim.open('chat');
  const f = sim.webview;
  await new InAppScreen(f).expectReady('chat');
  // Typing is a live event, not history: the feed must be open before the message goes.
  await expect(f.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  await f.getByRole('textbox', { name: 'Message' }).fill('Where is my deposit?');
  await f.getByRole('button', { name: 'Send' }).click();
  await expect(f.getByRole('log', { name: 'Conversation' }).getByText('Where is my deposit?').last()).toBeVisible();
  // The typing indicator arrives over the live feed (Server-Sent Events), not with the send.
  await expect(f.getByText('Support is typing…')).toBeVisible();
});

test('the agent answer arrives over the live feed', async ({ page }) => {
  const sim = new SimulatorPage(page, 'handoff');
  await sim.open('chat');
  const f = sim.webview;
  await new InAppScreen(f).expectReady('chat');
  await expect(f.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  // The conversation outlives a visit: count the answers already there, then expect one more.
  const answers = f
    .getByRole('log', { name: 'Conversation' })
    .getByText('Payments usually arrive within minutes', { exact: false });
  const before = await answers.count();
  await f.getByRole('textbox', { name: 'Message' }).fill('Where is my deposit?');
  await f.getByRole('button', { name: 'Send' }).click();
  await expect(answers).toHaveCount(before + 1);
});

test('a broker-defined action is filled in, confirmed and sent', async ({ page }) => {
  const sim = new SimulatorPage(page, 'handoff');
  await sim.open('action');
  const f = sim.webview;
  await new InAppScreen(f).expectReady('action');
  await f.getByRole('combobox', { name: 'Leverage' }).click();
  await f.getByRole('option', { name: '1:100' }).click();
  await f
    .getByRole('button', { name: /Send|Submit|Continue/ })
    .first()
    .click();
  const confirm = f.getByRole('heading', { name: 'Check and confirm' });
  if (await confirm.isVisible().catch(() => false))
    await f
      .getByRole('button', { name: /Send|Submit|Confirm/ })
      .last()
      .click();
  await expect(f.getByText(/Your request (has been completed|has been received)/)).toBeVisible();
});

test('the invite screen shows the link and partner id to share', async ({ page }) => {
  const sim = new SimulatorPage(page, 'handoff');
  await sim.open('invite');
  const f = sim.webview;
  await new InAppScreen(f).expectReady('invite');
  await expect(f.getByText('Your invite link')).toBeVisible();
  await expect(f.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await expect(f.getByText(/partnerId=/).first()).toBeVisible();
});

test('KYC: personal details, address, documents, review, submitted for review', async ({ page }, testInfo) => {
  const sim = new SimulatorPage(page, 'handoff');
  await sim.open('kyc');
  const f = sim.webview;
  await new InAppScreen(f).expectReady('kyc');
  const kyc = new KycScreen(f);
  await kyc.savePersonal({ firstName: 'Dana', lastName: 'Demo', dateOfBirth: '1990-04-12', nationality: 'Germany' });
  await kyc.saveAddress({ line1: 'Hauptstrasse 1', city: 'Berlin', postalCode: '10115', country: 'Germany' });
  // The reference backend asks for a passport (with its expiry date) and a proof of address.
  await kyc.upload('Passport or national ID', 'document-0.png', dayFromToday(400));
  await kyc.upload('Proof of address', 'document-1.png');
  await kyc.submit();
  await page.screenshot({ path: testInfo.outputPath('kyc-pending.png') });
});
