import { defineConfig } from 'vitest/config';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

// Heavy dependencies pre-bundled up front: a mid-run "dependency optimized" reload would flake browser tests.
const optimized = [
  'lit',
  'lit/decorators.js',
  'lit/directives/class-map.js',
  'lit/directives/if-defined.js',
  'lit/directives/live.js',
  'lit/directives/ref.js',
  'lit/directives/repeat.js',
  'lit/directives/style-map.js',
  '@lit/context',
  '@lit/task',
  '@floating-ui/dom',
  'zod',
  'zod/mini',
  'i18next',
  'axe-core',
  'qrcode-generator',
];

// Limits are generous because the suite must pass on a busy two-core machine: a wait ends on the state it
// waits for, and a limit only decides how long a real failure takes to report.
export default defineConfig({
  optimizeDeps: { include: optimized },
  test: {
    expect: { poll: { timeout: 15_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{core,server,conformance}/src/**/*.test.ts', 'demo/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.browser.test.ts', '**/node_modules/**'],
          // Node tests start servers and processes of their own.
          testTimeout: 120_000,
          hookTimeout: 240_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['packages/{elements,hosted}/src/**/*.test.ts', 'packages/core/src/**/*.browser.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({ launchOptions: { executablePath: findChromium(), args: chromiumArgs } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
