export * from './languages.ts';
export * from './setup.ts';
export * from './i18n.ts';
export * from './fetch-locales.ts';
export * from './format.ts';
