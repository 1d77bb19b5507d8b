// `sideEffects` of a package.json as bundlers read it (`**` any folders, `*` any part of a name): the patterns
// that match none of the package's files, which a bundler would silently never keep.
const globToRegExp = (glob: string) => {
  const parts = glob.replace(/^\.\//, '').split(/(\*\*\/|\*\*|\*)/);
  const wildcards: Record<string, string> = { '**/': '(?:.*/)?', '**': '.*', '*': '[^/]*' };
  const source = parts.map((part) => wildcards[part] ?? part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('');
  return new RegExp(`^${source}$`);
};

/** `files` are relative to the package folder, with `/` separators. */
export function unmatchedSideEffects(sideEffects: boolean | string[] | undefined, files: string[]): string[] {
  if (!Array.isArray(sideEffects)) return [];
  return sideEffects.filter((pattern) => !files.some((file) => globToRegExp(pattern).test(file)));
}
