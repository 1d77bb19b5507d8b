// Builds the two published packages from the workspace sources: `packages/core/dist/` and
// `packages/elements/dist/` are each a complete package folder (built ES modules, .d.ts, source maps with their
// sources, README, LICENSE, package.json with the published exports). The workspace itself keeps exporting the
// TypeScript sources, so tests, `npm start` and the hosted bundle need no build.
//
//   node scripts/packages.mjs          build both folders
//   node scripts/packages.mjs --pack D build, then `npm pack` both into folder D (prints the tarball paths)
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const core = join(root, 'packages/core');
const elements = join(root, 'packages/elements');
const tsc = join(root, 'node_modules/typescript/bin/tsc');

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
const write = (path, text) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
};

/** Every translation file as `[language, namespace, texts]`, without the translators' `_review` marker. */
export function localeFiles() {
  const dir = join(core, 'src/i18n/locales');
  return readdirSync(dir)
    .sort()
    .flatMap((language) =>
      readdirSync(join(dir, language))
        .filter((file) => file.endsWith('.json'))
        .sort()
        .map((file) => {
          const { _review, ...texts } = readJson(join(dir, language, file));
          return [language, file.slice(0, -'.json'.length), texts];
        }),
    );
}

/** The folders under primitives/ and screens/ that register a tag: `define/<folder>.js` → `bk-<folder>`. */
export function definedFolders() {
  return ['primitives', 'screens'].flatMap((kind) =>
    readdirSync(join(elements, 'src', kind), { withFileTypes: true })
      .filter(
        (entry) => entry.isDirectory() && readdirSync(join(elements, 'src', kind, entry.name)).includes('define.ts'),
      )
      .map((entry) => ({ kind, name: entry.name })),
  );
}

/** The published package.json: the workspace one with the built exports and the fields a registry shows. */
function publishedManifest(dir, fields) {
  const {
    scripts: _scripts,
    devDependencies: _dev,
    exports: _exports,
    sideEffects: _side,
    ...source
  } = readJson(join(dir, 'package.json'));
  return {
    ...source,
    license: 'MIT',
    ...fields,
  };
}

/** Lists every file below `dir`, relative to it. */
export function filesBelow(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1));
}

/** Compiles a package's sources into `dist/`; tsc leaves some dynamic `import('./x.ts')` as written. */
function compile(dir) {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [tsc, '-p', join(dir, 'tsconfig.build.json')], { stdio: 'inherit' });
  for (const file of filesBelow(join(dir, 'dist')).filter((name) => name.endsWith('.js'))) {
    const path = join(dir, 'dist', file);
    const code = readFileSync(path, 'utf8');
    const fixed = code.replace(/(import\(\s*['"]\.{1,2}\/[^'"]+)\.ts(['"])/g, '$1.js$2');
    if (fixed !== code) writeFileSync(path, fixed);
  }
}

function copyCommon(dir) {
  copyFileSync(join(dir, 'README.md'), join(dir, 'dist/README.md'));
  copyFileSync(join(root, 'LICENSE'), join(dir, 'dist/LICENSE'));
}

function buildCore() {
  compile(core);
  const dist = join(core, 'dist');
  // Each translation file as a tiny ES module (any bundler and any browser loads it) and as JSON (for
  // `fetchLocales`), with the glob of the sources replaced by a plain table of `import()`s.
  const entries = [];
  for (const [language, namespace, texts] of localeFiles()) {
    const json = JSON.stringify(texts);
    write(join(dist, `i18n/locales/${language}/${namespace}.json`), json);
    write(
      join(dist, `i18n/locales/${language}/${namespace}.js`),
      `export default JSON.parse(${JSON.stringify(json)});\n`,
    );
    entries.push(
      `  './locales/${language}/${namespace}.json': () => import('./locales/${language}/${namespace}.js').then((m) => m.default),`,
    );
  }
  write(
    join(dist, 'i18n/locale-table.js'),
    `// One lazy loader per translation file (generated).\nconst table = {\n${entries.join('\n')}\n};\nexport const localeTable = () => table;\n`,
  );
  write(
    join(dist, 'i18n/locale-table.d.ts'),
    'export declare const localeTable: () => Record<string, () => Promise<Record<string, unknown>>>;\n',
  );
  rmSync(join(dist, 'i18n/locale-table.js.map'), { force: true });
  rmSync(join(dist, 'i18n/locale-table.d.ts.map'), { force: true });
  writeJson(
    join(dist, 'package.json'),
    publishedManifest(core, {
      main: './index.js',
      module: './index.js',
      types: './index.d.ts',
      exports: {
        '.': { types: './index.d.ts', default: './index.js' },
        './i18n/locales/*': './i18n/locales/*',
        './package.json': './package.json',
      },
      sideEffects: false,
    }),
  );
  copyCommon(core);
}

async function buildElements() {
  compile(elements);
  const dist = join(elements, 'dist');
  const folders = definedFolders();
  for (const { kind, name } of folders) {
    write(join(dist, `define/${name}.js`), `import '../${kind}/${name}/define.js';\n`);
    // The index too, for the types only: it brings every event's entry in GlobalEventHandlersEventMap.
    write(
      join(dist, `define/${name}.d.ts`),
      `import '../${kind}/${name}/define.js';\nimport '../index.js';\nexport {};\n`,
    );
  }
  const all = folders.map(({ name }) => `import './${name}.js';\n`).join('');
  write(join(dist, 'define/all.js'), all);
  write(join(dist, 'define/all.d.ts'), `${all}export {};\n`);
  await buildCdn(join(dist, 'cdn'));
  copyFileSync(join(elements, 'custom-elements.json'), join(dist, 'custom-elements.json'));
  const { generateFrameworkTypes } = await import('./framework-types.mjs');
  generateFrameworkTypes(
    readJson(join(elements, 'custom-elements.json')),
    dist,
    readJson(join(elements, 'package.json')),
  );
  writeJson(
    join(dist, 'package.json'),
    publishedManifest(elements, {
      main: './index.js',
      module: './index.js',
      types: './index.d.ts',
      exports: {
        '.': { types: './index.d.ts', default: './index.js' },
        './define/*.js': { types: './define/*.d.ts', default: './define/*.js' },
        './react': { types: './react.d.ts' },
        './vue': { types: './vue.d.ts' },
        './cdn/*': './cdn/*',
        './custom-elements.json': './custom-elements.json',
        './vscode.html-custom-data.json': './vscode.html-custom-data.json',
        './web-types.json': './web-types.json',
        './package.json': './package.json',
      },
      customElements: 'custom-elements.json',
      'web-types': './web-types.json',
      sideEffects: ['./define/*.js', './**/define.js', './cdn/**'],
    }),
  );
  copyCommon(elements);
}

/** The script-tag build: one entry module, one lazy chunk per tag, the texts as JSON in `locales/`. */
async function buildCdn(outDir) {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: elements,
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: true,
      minify: true,
      lib: { entry: join(elements, 'src/cdn/broker-kit.ts'), formats: ['es'], fileName: () => 'broker-kit.js' },
      rolldownOptions: { output: { chunkFileNames: 'chunks/[name]-[hash].js' } },
    },
  });
  for (const [language, namespace, texts] of localeFiles())
    write(join(outDir, `locales/${language}/${namespace}.json`), JSON.stringify(texts));
}

/** Packs both folders into `destination`; returns the tarball paths (core first). */
export function pack(destination) {
  mkdirSync(destination, { recursive: true });
  return [core, elements].map((dir) => {
    const out = execFileSync('npm', ['pack', '--json', '--pack-destination', destination, join(dir, 'dist')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return join(destination, JSON.parse(out)[0].filename);
  });
}

export async function buildPackages() {
  buildCore();
  await buildElements();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildPackages();
  const at = process.argv.indexOf('--pack');
  if (at !== -1) for (const file of pack(resolve(process.argv[at + 1] ?? 'packs'))) console.log(file);
}
