// custom-elements.json is what IDEs, Storybook and framework wrappers read: it must describe the elements as
// the source defines them today, not as they were when someone last ran `npm run manifest`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const elements = resolve(import.meta.dirname, '../packages/elements');
const cli = resolve(import.meta.dirname, '../node_modules/.bin/custom-elements-manifest');
const outdir = mkdtempSync(join(tmpdir(), 'bk-cem-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

/** The analyzer lists modules in the order its file walk meets them, which varies from run to run. */
function readManifest(path: string) {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { modules: { path: string }[] };
  return { ...manifest, modules: [...manifest.modules].sort((a, b) => a.path.localeCompare(b.path)) };
}

it('custom-elements.json matches the element sources (else: npm run manifest -w @broker-kit/elements)', () => {
  const run = spawnSync(cli, ['analyze', '--config', 'custom-elements-manifest.config.mjs'], {
    cwd: elements,
    // The analyzer joins outdir to its working directory, so it gets a relative path.
    env: { ...process.env, CEM_OUTDIR: relative(elements, outdir) },
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  const fresh = readManifest(join(outdir, 'custom-elements.json'));
  const committed = readManifest(join(elements, 'custom-elements.json'));
  expect(committed).toEqual(fresh);
}, 240_000);

it('lists every tag that a define.ts registers', () => {
  const manifest = JSON.parse(readFileSync(join(elements, 'custom-elements.json'), 'utf8')) as {
    modules: { declarations?: { tagName?: string }[] }[];
  };
  const tags = manifest.modules.flatMap((module) => module.declarations ?? []).flatMap((d) => d.tagName ?? []);
  for (const tag of ['bk-login', 'bk-deposit', 'bk-kyc', 'bk-action', 'bk-chat', 'bk-invite', 'bk-ribbon', 'bk-screen'])
    expect(tags).toContain(tag);
});

it('types every event it lists, so the React and Vue bindings type their handlers', () => {
  const manifest = JSON.parse(readFileSync(join(elements, 'custom-elements.json'), 'utf8')) as {
    modules: { declarations?: { tagName?: string; events?: { name?: string; type?: { text: string } }[] }[] }[];
  };
  const untyped = manifest.modules
    .flatMap((module) => module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .flatMap((declaration) =>
      (declaration.events ?? [])
        .filter((event) => event.name && !/^(Bk[A-Za-z]+)?Event$/.test(event.type?.text ?? ''))
        .map((event) => `${declaration.tagName} ${event.name}`),
    );
  expect(untyped).toEqual([]);
});
