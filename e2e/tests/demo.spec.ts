// The playground shows seed 000's table and judges a module set live; the log page masks every secret.
import { expect, test } from '../support/test.ts';
import { simulatorUrl } from '../env.ts';
import { expectNoAxeViolations } from '../support/axe.ts';

test('the playground judges a module set against the identity mode, live', async ({ page }) => {
  await page.goto(`${simulatorUrl('handoff')}/playground/`);
  const table = page.getByTestId('pg-table');
  await expect(table.getByRole('row', { name: /Embedded cTrader web/ })).toContainText('Not compatible');
  await expect(page.getByTestId('pg-verdict')).toContainText('This configuration is valid.');
  await page.getByRole('radio', { name: 'One-time token handoff' }).check();
  await page.getByRole('checkbox', { name: 'In-app ribbons' }).check();
  await expect(page.getByTestId('pg-verdict')).toContainText(
    'In-app ribbons is not compatible with One-time token handoff',
  );
  await page.getByRole('checkbox', { name: 'In-app ribbons' }).uncheck();
  await expect(page.getByTestId('pg-verdict')).toContainText('This configuration is valid.');
});

test('the simulator and its log page are accessible too', async ({ page }) => {
  await page.goto(`${simulatorUrl('handoff')}/`);
  await expect(page.getByRole('heading', { name: 'Platform simulator' })).toBeVisible();
  await expectNoAxeViolations(page, 'simulator');
  await page.goto(`${simulatorUrl('handoff')}/log.html`);
  await expect(page.getByRole('heading', { name: 'What the broker sent' })).toBeVisible();
  await expectNoAxeViolations(page, 'log page');
  await page.goto(`${simulatorUrl('handoff')}/playground/`);
  await expect(page.getByTestId('pg-table')).toBeVisible();
  await expectNoAxeViolations(page, 'playground');
});
