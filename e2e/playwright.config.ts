import { defineConfig, devices } from '@playwright/test';
import { chromiumArgs, findChromium } from '../scripts/chromium.mjs';
import { simulatorUrl } from './env.ts';

// Everything runs on desktop; tests tagged @phone run on the phone viewport too (a representative subset,
// so the whole run stays within a few minutes on two cores).
export default defineConfig({
  testDir: './tests',
  outputDir: '../test-results/e2e',
  workers: 1,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: '../playwright-report' }]] : 'list',
  globalSetup: './global-setup.ts',
  use: {
    baseURL: simulatorUrl('handoff'),
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: findChromium(), args: chromiumArgs },
  },
  projects: [
    { name: 'desktop', use: { ...devices['Desktop Chrome'], channel: undefined } },
    { name: 'phone', grep: /@phone/, use: { ...devices['Pixel 7'], channel: undefined } },
  ],
});
