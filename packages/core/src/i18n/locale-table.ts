/// <reference types="vite/client" />

/**
 * One lazy loader per `./locales/<language>/<namespace>.json`. Under Vite (the workspace, the hosted bundle) a
 * glob; the published package replaces this module with a plain table of `import()`s (scripts/packages.mjs),
 * because an app's bundler does not expand `import.meta.glob` inside a dependency.
 */
export const localeTable = (): Record<string, () => Promise<Record<string, unknown>>> =>
  import.meta.glob<Record<string, unknown>>('./locales/*/*.json', { import: 'default' });
