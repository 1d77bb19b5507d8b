import { expect, test } from '@playwright/test';

test('the server lists the screens and a hosted screen renders a working Lit element', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('link', { name: '/auth/login' })).toBeVisible();
  await page.getByRole('link', { name: '/auth/login' }).click();
  const button = page.getByRole('button', { name: 'Clicked 0 times' });
  await expect(button).toBeVisible();
  await button.click();
  await expect(page.getByRole('button', { name: 'Clicked 1 times' })).toBeVisible();
});
