// Sizes of what a route loads: minified bytes from the built files, gzip -9 and brotli (quality 11).
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export type Kind = 'js' | 'css' | 'json';

export interface FileSize {
  file: string;
  kind: Kind;
  min: number;
  gzip: number;
  brotli: number;
}

export interface Totals {
  files: number;
  min: number;
  gzip: number;
  brotli: number;
}

export function compressedSizes(bytes: Buffer): { min: number; gzip: number; brotli: number } {
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

export function kindOf(path: string): Kind | undefined {
  const ext = extname(path);
  if (ext === '.js' || ext === '.mjs') return 'js';
  if (ext === '.css') return 'css';
  if (ext === '.json') return 'json';
  return undefined;
}

/**
 * The size of one loaded file: from `distDir` when the build emitted it, else from `fetchBody` (the broker
 * configuration, which the backend serves).
 */
export function sizeOf(path: string, distDir: string, body?: Buffer): FileSize | undefined {
  const kind = kindOf(path);
  if (!kind) return undefined;
  let bytes = body;
  if (!bytes) {
    try {
      bytes = readFileSync(join(distDir, path));
    } catch {
      return undefined;
    }
  }
  return { file: path, kind, ...compressedSizes(bytes) };
}

export function totals(files: readonly FileSize[], kind: Kind): Totals {
  const of = files.filter((file) => file.kind === kind);
  return {
    files: of.length,
    min: of.reduce((sum, file) => sum + file.min, 0),
    gzip: of.reduce((sum, file) => sum + file.gzip, 0),
    brotli: of.reduce((sum, file) => sum + file.brotli, 0),
  };
}

export const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
