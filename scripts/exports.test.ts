// The entries of core and elements as the workspace exports them: the test helpers (which import vitest,
// fast-check and axe-core) sit behind `testing` entries of their own, and no runtime entry reaches them through
// its imports; `sideEffects` names files that exist.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unmatchedSideEffects } from './side-effects.ts';

const root = resolve(import.meta.dirname, '..');
const packages = { core: join(root, 'packages/core'), elements: join(root, 'packages/elements') };
const require = createRequire(join(root, 'package.json'));

const filesBelow = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));

const importPatterns = [
  /^\s*(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/gm,
  /^\s*import\s*['"]([^'"]+)['"]/gm,
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** A workspace specifier as the workspace resolves it; undefined for a package from the registry. */
function resolveImport(specifier: string, from: string): string | undefined {
  if (specifier.startsWith('.')) return resolve(dirname(from), specifier);
  if (specifier.startsWith('@broker-kit/')) return require.resolve(specifier);
  return undefined;
}

/** Every source file the entries reach through static and literal dynamic imports, and every outside package. */
function reach(entries: string[]) {
  const files = new Set<string>();
  const outside = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (!file.endsWith('.ts')) continue;
    const code = readFileSync(file, 'utf8');
    for (const pattern of importPatterns) {
      for (const [, specifier] of code.matchAll(pattern)) {
        const target = resolveImport(specifier!, file);
        if (target) queue.push(target);
        else
          outside.add(
            specifier!
              .split('/')
              .slice(0, specifier!.startsWith('@') ? 2 : 1)
              .join('/'),
          );
      }
    }
  }
  return { files: [...files].map((file) => relative(root, file)), outside: [...outside] };
}

const runtimeEntries = [
  join(packages.core, 'src/index.ts'),
  join(packages.elements, 'src/index.ts'),
  join(packages.elements, 'src/cdn/broker-kit.ts'),
  ...filesBelow(join(packages.elements, 'src')).filter((file) => file.endsWith('/define.ts')),
];
const testOnly = /(^|\/)testing(\/|\.ts$)|\/adapter\/contract\.ts$|\.test\.ts$/;

describe('runtime entries', () => {
  const { files, outside } = reach(runtimeEntries);

  it('reach no test helper and no test library', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((file) => testOnly.test(file))).toEqual([]);
    expect(outside.filter((name) => /^(vitest|@vitest\/.*|fast-check|axe-core|@playwright\/.*)$/.test(name))).toEqual(
      [],
    );
  });

  it('the testing entries are where the helpers are, and the runtime paths do not export them', () => {
    expect(require.resolve('@broker-kit/core/testing')).toBe(join(packages.core, 'src/testing/index.ts'));
    expect(require.resolve('@broker-kit/elements/testing')).toBe(join(packages.elements, 'src/testing.ts'));
    expect(reach([require.resolve('@broker-kit/core/testing')]).files).toContain(
      'packages/core/src/adapter/contract.ts',
    );
    for (const hidden of [
      '@broker-kit/core/adapter/contract.ts',
      '@broker-kit/core/testing/hostile.ts',
      '@broker-kit/core/testing/arbitraries.ts',
      '@broker-kit/elements/primitives/testing.ts',
      '@broker-kit/elements/screens/payment/testing.ts',
    ])
      expect(() => require.resolve(hidden), hidden).toThrow(/not defined by "exports"/);
  });
});

it('every sideEffects pattern of the workspace packages names files that exist', () => {
  for (const dir of Object.values(packages)) {
    const { sideEffects } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      sideEffects: boolean | string[];
    };
    const files = filesBelow(join(dir, 'src')).map((file) => relative(dir, file));
    expect(unmatchedSideEffects(sideEffects, files), dir).toEqual([]);
  }
});
