// What takes the room: a second build of the hosted bundle with a Vite manifest and hidden source maps (the
// emitted files are byte-identical to the normal build's), then the minified bytes of each loaded chunk are
// attributed to the source modules that produced them, grouped by package or kit folder.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { compressedSizes } from './sizes.ts';

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

export async function buildForAnalysis(hostedDir: string, outDir: string): Promise<Manifest> {
  await build({
    configFile: join(hostedDir, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, manifest: true, sourcemap: 'hidden' },
  });
  return JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest;
}

/** Files a key loads before it runs: itself, its static imports (transitively) and their CSS. */
function staticClosure(manifest: Manifest, key: string, into: Set<string>): void {
  const chunk = manifest[key];
  if (!chunk || into.has(chunk.file)) return;
  into.add(chunk.file);
  for (const css of chunk.css ?? []) into.add(css);
  for (const imported of chunk.imports ?? []) staticClosure(manifest, imported, into);
}

/** The manifest's view of a route: the shell entry's closure plus the screen's define module's closure. */
export function manifestFiles(manifest: Manifest, screenFolder: string): Set<string> {
  const files = new Set<string>();
  const entry = Object.keys(manifest).find((key) => manifest[key]?.isEntry);
  if (entry) staticClosure(manifest, entry, files);
  staticClosure(manifest, `../elements/src/screens/${screenFolder}/define.ts`, files);
  return files;
}

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const digit = new Map([...base64].map((char, index) => [char, index]));

/** Source map "mappings" → per generated line, [column, source index] pairs (names and positions dropped). */
function decodeMappings(mappings: string): [number, number][][] {
  const lines: [number, number][][] = [];
  let source = 0;
  for (const line of mappings.split(';')) {
    const segments: [number, number][] = [];
    let column = 0;
    for (const segment of line.split(',')) {
      if (!segment) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const bits = digit.get(char) ?? 0;
        value += (bits & 31) << shift;
        if (bits & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length >= 4) {
        source += values[1] ?? 0;
        segments.push([column, source]);
      } else segments.push([column, -1]);
    }
    lines.push(segments);
  }
  return lines;
}

/** A readable group for a source path: the npm package, or the kit package and folder. */
export function groupOf(source: string): string {
  const modules = source.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = source.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const kit = source.match(/(core|elements|hosted)\/src\/(.*)$/);
  if (!kit) return source;
  const [, pkg, rest] = kit;
  const parts = rest!.split('/');
  if (parts[0] === 'i18n' && parts[1] === 'locales') return `${pkg}/i18n/locales/${parts[2]}/*.json`;
  return parts.length > 2 ? `${pkg}/${parts.slice(0, 2).join('/')}` : `${pkg}/${parts.join('/')}`;
}

export interface ModuleShare {
  group: string;
  min: number;
  /** The chunk's gzip size shared out in proportion to minified bytes (gzip does not split exactly). */
  gzip: number;
}

/** Minified bytes of `files` (JS, relative to outDir) by source group; code no source maps to is "generated". */
export function breakdown(outDir: string, files: readonly string[]): ModuleShare[] {
  const shares = new Map<string, ModuleShare>();
  const add = (group: string, min: number, gzip: number) => {
    const share = shares.get(group) ?? { group, min: 0, gzip: 0 };
    share.min += min;
    share.gzip += gzip;
    shares.set(group, share);
  };
  for (const file of files) {
    const code = readFileSync(join(outDir, file));
    const gzipRatio = compressedSizes(code).gzip / code.length;
    let map: { sources: string[]; mappings: string };
    try {
      map = JSON.parse(readFileSync(join(outDir, `${file}.map`), 'utf8')) as typeof map;
    } catch {
      add('(no source map)', code.length, code.length * gzipRatio);
      continue;
    }
    // A chunk built from one module (a locale JSON, say) belongs to it whole, mapped or not.
    if (map.sources.length === 1) {
      add(groupOf(map.sources[0]!), code.length, code.length * gzipRatio);
      continue;
    }
    const lines = code.toString('utf8').split('\n');
    const decoded = decodeMappings(map.mappings);
    // Text before a line's first segment continues the previous line's source: the inside of a multi-line
    // template literal (Lit's css`` and html``) has no segments of its own.
    let current = -1;
    const groupAt = (source: number) =>
      source >= 0 ? groupOf(map.sources[source] ?? '?') : '(generated: decorator helper, glue)';
    lines.forEach((text, index) => {
      const segments = decoded[index] ?? [];
      const lead = (segments[0]?.[0] ?? text.length) + 1;
      add(groupAt(current), lead, lead * gzipRatio);
      segments.forEach(([column, source], i) => {
        const length = Math.max(0, (segments[i + 1]?.[0] ?? text.length) - column);
        add(groupAt(source), length, length * gzipRatio);
        current = source;
      });
    });
  }
  return [...shares.values()].sort((a, b) => b.min - a.min);
}
