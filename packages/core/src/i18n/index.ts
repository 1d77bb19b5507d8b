export * from './languages.ts';
export * from './i18n.ts';
