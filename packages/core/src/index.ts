export * from './errors.ts';
export * from './adapter/schemas.ts';
export * from './adapter/adapter.ts';
export * from './adapter/routes.ts';
