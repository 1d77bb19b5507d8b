/** Longer broker patterns are ignored: a field's format never needs more, and length feeds backtracking. */
const maxPatternLength = 200;
/** Values longer than this are not matched against a pattern (the field's maxLength still applies). */
export const maxPatternInput = 1000;

/**
 * Compiles a broker-supplied `pattern` (anchored, like HTML's `pattern`) only when it is safe to run on user
 * input; otherwise returns undefined and the field goes without a format check (the backend still
 * validates). Refused: invalid syntax, over-long sources, backreferences and lookarounds, and the shapes that
 * backtrack catastrophically: an unboundedly repeated group that itself repeats or alternates (`(a+)+`,
 * `(a|aa)*`, `(\w+\s?)*`), and more than three unbounded quantifiers in one pattern (`.*.*.*.*x`).
 */
export function compileSafePattern(source: string | undefined): RegExp | undefined {
  if (!source || source.length > maxPatternLength) return undefined;
  if (!isLinearEnough(source)) return undefined;
  for (const flags of ['v', 'u', '']) {
    try {
      return new RegExp(`^(?:${source})$`, flags);
    } catch {
      // try the next, more lenient flag set
    }
  }
  return undefined;
}

/** Whether a value matches a compiled pattern; over-long values are left to maxLength and the backend. */
export function matchesPattern(pattern: RegExp, value: string): boolean {
  return value.length > maxPatternInput || pattern.test(value);
}

interface Group {
  repeats: boolean;
}

function isLinearEnough(source: string): boolean {
  const stack: Group[] = [];
  let unbounded = 0;
  let inClass = false;
  let lastGroup: Group | undefined;
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    const next = source[i + 1];
    if (char === '\\') {
      if (!inClass && next !== undefined && /[1-9k]/.test(next)) return false; // backreference
      i++;
      lastGroup = undefined;
      continue;
    }
    if (inClass) {
      if (char === ']') inClass = false;
      continue;
    }
    if (char === '[') {
      inClass = true;
      lastGroup = undefined;
      continue;
    }
    if (char === '(') {
      if (next === '?') {
        // Only non-capturing groups; lookarounds and named groups are refused.
        if (source[i + 2] !== ':') return false;
        i += 2;
      }
      stack.push({ repeats: false });
      lastGroup = undefined;
      continue;
    }
    if (char === ')') {
      lastGroup = stack.pop();
      if (!lastGroup) return false;
      continue;
    }
    if (char === '|') {
      markRepeats(stack);
      lastGroup = undefined;
      continue;
    }
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      if (quantifier.unbounded) {
        unbounded++;
        if (unbounded > 3) return false;
        if (lastGroup?.repeats) return false; // a repeated group that repeats inside
      }
      markRepeats(stack);
      i += quantifier.length - 1;
      lastGroup = undefined;
      continue;
    }
    lastGroup = undefined;
  }
  return stack.length === 0;
}

/** Everything inside the open groups now contains repetition or alternation. */
function markRepeats(stack: Group[]) {
  for (const group of stack) group.repeats = true;
}

function quantifierAt(source: string, index: number): { unbounded: boolean; length: number } | undefined {
  const char = source[index];
  const lazy = source[index + 1] === '?' ? 1 : 0;
  if (char === '*' || char === '+') return { unbounded: true, length: 1 + lazy };
  if (char === '?') return { unbounded: false, length: 1 };
  if (char !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
  if (!match) return undefined;
  const upper = match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
  const long = match[0].length + (source[index + match[0].length] === '?' ? 1 : 0);
  // A large finite bound backtracks like an unbounded one.
  return { unbounded: upper > 100, length: long };
}
