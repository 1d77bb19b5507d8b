// Generates custom-elements.json (referenced from package.json "customElements") from the JSDoc of the
// element classes: tags come from the define.ts files, everything else from the class comments.
export default {
  globs: ['src/primitives/**/*.ts', 'src/screens/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/primitives/testing.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
