/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the build put the translation files (`<language>/<namespace>.json`), with a trailing slash. */
  readonly BK_LOCALES_URL: string;
}
