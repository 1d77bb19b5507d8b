export * from './ports.ts';
export * from './identity.ts';
export * from './accounts.ts';
