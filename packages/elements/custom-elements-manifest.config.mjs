// Generates custom-elements.json (referenced from package.json "customElements") from the JSDoc of the
// element classes: tags come from the define.ts files, everything else from the class comments.
export default {
  globs: ['src/primitives/**/*.ts', 'src/screens/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/primitives/testing.ts'],
  // The freshness test (scripts/manifest.test.ts) writes a copy elsewhere to compare with the committed file.
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  packagejson: false,
};
