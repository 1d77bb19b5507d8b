// The packages as a broker's front-end team gets them: `npm pack` of core and elements, unpacked into the
// client areas of demo/integrations (default Vite apps: vanilla TypeScript, React 19, Vue 3, plus a plain page
// with the script-tag build). Each is type-checked and built with the app's own unchanged configuration, served
// from its own origin, and a user logs in through it against the reference server (CORS, allowedClientOrigins).
import { expect, test } from '../support/test.ts';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import { unmatchedSideEffects } from '../../scripts/side-effects.ts';
import { brokerUrl, integrationPorts } from '../env.ts';
import { newUser } from '../pages/auth.ts';
import { registerUser } from '../support/broker-api.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = {
  tsc: join(root, 'node_modules/typescript/bin/tsc'),
  vueTsc: join(root, 'node_modules/vue-tsc/bin/vue-tsc.js'),
  vite: join(root, 'node_modules/vite/bin/vite.js'),
};
const apps = ['html', 'react', 'vue'] as const;
type App = (typeof apps)[number];
/** Each app's own type check, as its `npm run build` runs it. */
const typeCheck: Record<App, string[]> = {
  html: [bin.tsc, '-p', 'tsconfig.json'],
  react: [bin.tsc, '-b'],
  vue: [bin.vueTsc, '-b'],
};

let work: string;
let tarballs: { core: string; elements: string };
const servers: PreviewServer[] = [];

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  try {
    execFileSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${args.slice(1).join(' ')} in ${cwd} failed:\n${stdout}\n${stderr}`);
  }
}

/** Unpacks a tarball as `npm install <tarball>` lays it out: `node_modules/<name>/`. */
function unpack(tarball: string, into: string) {
  mkdirSync(into, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', into, '--strip-components=1']);
}

async function serve(outDir: string, port: number) {
  const server = await preview({
    configFile: false,
    logLevel: 'warn',
    root: dirname(outDir),
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
  servers.push(server);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // Packing and three production builds: minutes on a busy two-core machine, not the default 45 s.
  test.setTimeout(600_000);
  work = mkdtempSync(join(tmpdir(), 'broker-kit-integrations-'));
  const out = execFileSync(process.execPath, [join(root, 'scripts/packages.mjs'), '--pack', join(work, 'packs')], {
    cwd: root,
    encoding: 'utf8',
  });
  const [coreTarball, elementsTarball] = out.trim().split('\n').slice(-2) as [string, string];
  tarballs = { core: coreTarball, elements: elementsTarball };
  for (const app of apps) {
    const dir = join(root, 'demo/integrations', app);
    const modules = join(dir, 'node_modules/@broker-kit');
    rmSync(modules, { recursive: true, force: true });
    unpack(coreTarball, join(modules, 'core'));
    unpack(elementsTarball, join(modules, 'elements'));
    run(typeCheck[app], dir);
    const outDir = join(work, app);
    run([bin.vite, 'build', '--logLevel', 'warn', '--outDir', outDir], dir, { VITE_BROKER_URL: brokerUrl('sso') });
    await serve(outDir, integrationPorts[app]);
  }
  // The script-tag page, beside the package's cdn/ folder as a CDN serves it.
  const cdnDir = join(work, 'cdn');
  unpack(elementsTarball, join(work, 'elements'));
  cpSync(join(work, 'elements/cdn'), join(cdnDir, 'cdn'), { recursive: true });
  const page = readFileSync(join(root, 'demo/integrations/cdn/index.html'), 'utf8');
  writeFileSync(
    join(cdnDir, 'index.html'),
    page.replace('<head>', `<head>\n    <meta name="broker-url" content="${brokerUrl('sso')}" />`),
  );
  await serve(cdnDir, integrationPorts.cdn);
});

test.afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  if (work) rmSync(work, { recursive: true, force: true });
});

for (const app of [...apps, 'cdn'] as const) {
  test(`a client area (${app}) logs a user in with the packed packages, from its own origin`, async ({
    page,
    request,
  }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    const user = newUser(`integration-${app}`);
    const { userId } = await registerUser(request, 'sso', user);
    await page.goto(`http://127.0.0.1:${integrationPorts[app]}/`);
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('status')).toHaveText(`Signed in as ${userId}`);
    expect(errors).toEqual([]);
  });
}

/** The files of a tarball, without the `package/` prefix. */
function filesOf(tarball: string): string[] {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((name) => name.replace(/^package\//, ''));
}

// Static imports and exports at the start of a line (as tsc emits them), and dynamic imports of a literal.
const importPatterns = [
  /^(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];
const bareImports = (code: string) =>
  importPatterns
    .flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1]!))
    .filter((s) => !s.startsWith('.'));
/** `lit/decorators.js` → `lit`, `@lit/context` → `@lit/context`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

for (const name of ['core', 'elements'] as const) {
  test(`the ${name} tarball holds built modules with types and declares every runtime import`, () => {
    const files = filesOf(tarballs[name]);
    for (const file of ['package.json', 'README.md', 'LICENSE', 'index.js', 'index.d.ts', 'index.js.map'])
      expect(files).toContain(file);
    expect(files.filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))).toEqual([]);
    expect(files.filter((file) => /\.test\.|(^|\/)testing(\/|\.)/.test(file))).toEqual([]);
    const dir = join(work, `check-${name}`);
    unpack(tarballs[name], dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      exports: Record<string, unknown>;
      sideEffects?: boolean | string[];
    };
    const declared = new Set([
      ...Object.keys(manifest.dependencies ?? {}),
      ...Object.keys(manifest.peerDependencies ?? {}),
    ]);
    const imported = new Set<string>();
    for (const file of files.filter((file) => file.endsWith('.js') && !file.startsWith('cdn/')))
      for (const specifier of bareImports(readFileSync(join(dir, file), 'utf8'))) imported.add(packageOf(specifier));
    expect([...imported].filter((dependency) => !declared.has(dependency))).toEqual([]);
    expect(manifest.exports['./package.json']).toBe('./package.json');
    expect(unmatchedSideEffects(manifest.sideEffects, files)).toEqual([]);
    if (name === 'elements') {
      expect(files).toContain('custom-elements.json');
      for (const entry of [
        'define/login.js',
        'define/deposit.js',
        'define/all.js',
        'cdn/broker-kit.js',
        'react.d.ts',
        'vue.d.ts',
      ])
        expect(files).toContain(entry);
      expect(manifest.peerDependencies).toHaveProperty('@broker-kit/core');
    }
  });
}

test('the React types reject a misspelt property and a wrongly typed event handler', () => {
  const dir = join(root, 'demo/integrations/react');
  const probe = join(dir, 'src/type-probe.tsx');
  writeFileSync(
    probe,
    [
      "import type {} from '@broker-kit/elements/react';",
      'export const misspelt = <bk-login adaptr={undefined} />;',
      'export const wrongHandler = <bk-deposit onbk-result={(event: { detail: string }) => event} />;',
      '',
    ].join('\n'),
  );
  try {
    expect(() => run([bin.tsc, '-p', 'tsconfig.app.json'], dir)).toThrow(
      /type-probe\.tsx\(2,[\s\S]*adaptr[\s\S]*type-probe\.tsx\(3,/,
    );
  } finally {
    rmSync(probe, { force: true });
  }
});
