// The business rules of the kit, written once: the screens check early with them, the reference server and
// the in-memory backend decide with them.
export * from './problems.ts';
export * from './identity.ts';
export * from './countries.ts';
export * from './dates.ts';
export * from './money.ts';
export * from './payments.ts';
export * from './sensitive.ts';
export * from './kyc.ts';
export * from './kyc-case.ts';
export * from './actions.ts';
export { compileSafePattern, matchesPattern, maxPatternInput } from './pattern.ts';
