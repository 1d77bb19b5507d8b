// `@broker-kit/elements/testing`: mounting, axe and event helpers of the browser tests (they import vitest and
// axe-core), on an entry of their own so that no runtime entry reaches them; the published package leaves them out.
export * from './primitives/testing.ts';
