// `@broker-kit/core/testing`: the helpers of the kit's own tests and of the conformance command (the adapter
// contract, hostile inputs, property-test arbitraries). They import vitest and fast-check, so they have this entry
// of their own: no runtime entry reaches them, and the published package leaves them out.
export * from '../adapter/contract.ts';
export * from './arbitraries.ts';
export * from './hostile.ts';
