/** Longer broker patterns are ignored: a field's format never needs more, and length feeds backtracking. */
const maxPatternLength = 200;
/** Values longer than this are not matched against a pattern (the field's maxLength still applies). */
export const maxPatternInput = 1000;
/**
 * How many ways a pattern may have to split one value: two free-running quantifiers over a value of
 * maxPatternInput characters (`.*@.*`), a quadratic match of about a million steps at worst.
 */
const maxWays = (maxPatternInput + 1) ** 2;

/**
 * Compiles a broker-supplied `pattern` (anchored, like HTML's `pattern`) only when it is safe to run on user
 * input; otherwise returns undefined and the field goes without a format check (the backend still
 * validates). Refused: invalid syntax, over-long sources, backreferences and lookarounds; a group repeated more
 * than once that can itself match in several ways (`(a+)+`, `(a|aa)*`, `(\w+\s?)*`, `(a+){1,10}`), which
 * backtracks exponentially; and patterns whose choices multiply past maxWays: each variable quantifier counts the
 * repetitions it allows (an unbounded one, maxPatternInput), each alternation its branches, as if they all
 * overlapped (`.*.*.*x`, `a{0,100}` three times, `a?` twenty times).
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
  /** Contains a variable quantifier or an alternation: it can match one stretch of text in several ways. */
  ambiguous: boolean;
  branches: number;
}

function isLinearEnough(source: string): boolean {
  const stack: Group[] = [];
  let ways = 1;
  let topBranches = 1;
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
      stack.push({ ambiguous: false, branches: 1 });
      lastGroup = undefined;
      continue;
    }
    if (char === ')') {
      lastGroup = stack.pop();
      if (!lastGroup) return false;
      ways *= lastGroup.branches;
      if (ways > maxWays) return false;
      continue;
    }
    if (char === '|') {
      const group = stack.at(-1);
      if (group) group.branches++;
      else topBranches++;
      markAmbiguous(stack);
      lastGroup = undefined;
      continue;
    }
    const quantifier = quantifierAt(source, i);
    if (quantifier) {
      // A group that can match in several ways, repeated: the ways multiply per repetition (exponential).
      if (quantifier.max > 1 && lastGroup?.ambiguous) return false;
      if (quantifier.max !== quantifier.min) {
        ways *= Math.max(1, Math.min(quantifier.max, maxPatternInput) - quantifier.min + 1);
        if (ways > maxWays) return false;
        markAmbiguous(stack);
      }
      i += quantifier.length - 1;
      lastGroup = undefined;
      continue;
    }
    lastGroup = undefined;
  }
  return stack.length === 0 && ways * topBranches <= maxWays;
}

/** Everything inside the open groups can now match in more than one way. */
function markAmbiguous(stack: Group[]) {
  for (const group of stack) group.ambiguous = true;
}

function quantifierAt(source: string, index: number): { min: number; max: number; length: number } | undefined {
  const char = source[index];
  const lazy = source[index + 1] === '?' ? 1 : 0;
  if (char === '*') return { min: 0, max: Infinity, length: 1 + lazy };
  if (char === '+') return { min: 1, max: Infinity, length: 1 + lazy };
  if (char === '?') return { min: 0, max: 1, length: 1 + lazy };
  if (char !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(index));
  if (!match) return undefined;
  const min = Number(match[1]);
  const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
  const long = match[0].length + (source[index + match[0].length] === '?' ? 1 : 0);
  return { min, max, length: long };
}
