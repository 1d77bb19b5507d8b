// Property tests of compileSafePattern: a broker's `pattern` runs on every keystroke, so a pattern that backtracks
// catastrophically would freeze the screen. Two checks, neither a stopwatch on the test's own thread:
// - structural: the shapes known to backtrack exponentially or with a high power are refused;
// - behavioural: every pattern it does compile is run on worst-case values in a worker, which is ended when it
//   misses a deadline far above what a linear or quadratic match needs (milliseconds against seconds), so only a
//   runaway match fails it, never a slow machine.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileStrings } from '../testing/hostile.ts';
import { compileSafePattern, matchesPattern, maxPatternInput } from './pattern.ts';

const atoms = ['a', 'b', '[ab]', '\\d', '.', '[^!]', '\\w'] as const;
const variable = ['*', '+', '?', '*?', '{0,3}', '{1,10}', '{0,100}', '{2,}', '{1,100}'] as const;
const repeats = ['*', '+', '{2}', '{1,10}', '{2,}', '{0,100}', '{3,5}', '+?'] as const;
const quantifiers = ['', '', '', ...variable, '{2}', '{3}'] as const;

const atom = fc.constantFrom(...atoms);

/** Small regular expressions over a few overlapping atoms: groups, alternation and every kind of quantifier. */
const { pattern } = fc.letrec<{ pattern: string; node: string; sequence: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(atom, fc.constantFrom(...quantifiers)).map(([a, q]) => a + q),
    fc
      .tuple(fc.constantFrom('(', '(?:'), tie('pattern'), fc.constantFrom(...quantifiers))
      .map(([open, p, q]) => `${open}${p})${q}`),
  ),
  sequence: fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((nodes) => nodes.join('')),
  pattern: fc.array(tie('sequence'), { minLength: 1, maxLength: 3 }).map((branches) => branches.join('|')),
}));

/** Values that make a backtracking engine try every split: long runs of what the atoms match, then a misfit. */
const worstCaseValues = [
  'a'.repeat(maxPatternInput - 1) + '!',
  '1'.repeat(maxPatternInput - 1) + '!',
  'ab'.repeat(maxPatternInput / 2 - 1) + 'a!',
  'a'.repeat(40) + '!',
  'a'.repeat(maxPatternInput),
];

describe('compileSafePattern: structure', () => {
  it('never throws, and anchors what it compiles to the whole value', () => {
    fc.assert(
      fc.property(fc.oneof(pattern, fc.string(), fc.constantFrom(...hostileStrings)), fc.string(), (source, value) => {
        const compiled = compileSafePattern(source);
        if (!compiled) return;
        expect(['v', 'u', '']).toContain(compiled.flags);
        expect(compiled.source).toBe(new RegExp(`^(?:${source})$`, compiled.flags).source);
        const match = compiled.exec(value);
        if (match) expect(match[0]).toBe(value);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses a repeated group that can match the same text in more than one way', () => {
    fc.assert(
      fc.property(
        atom,
        atom,
        fc.constantFrom(...variable),
        fc.constantFrom(...repeats),
        fc.constantFrom('(', '(?:'),
        (x, y, inner, outer, open) => {
          expect(compileSafePattern(`${open}${x}${inner})${outer}`)).toBeUndefined(); // (a+)+, (a{1,10}){1,10}
          expect(compileSafePattern(`${open}${x}|${y})${outer}`)).toBeUndefined(); // (a|a)*, (a|b){1,100}
          expect(compileSafePattern(`${open}${x}${y}${inner})${outer}`)).toBeUndefined(); // (ab?)+
          expect(compileSafePattern(`(?:${open}${x}${inner}))${outer}`)).toBeUndefined(); // nested one level down
        },
      ),
    );
  });

  it('refuses more free-running quantifiers in a row than a value of maxPatternInput can afford', () => {
    fc.assert(
      fc.property(fc.constantFrom('*', '+', '{0,}', '{1,1000}'), atom, (q, x) => {
        expect(compileSafePattern(`${x}${q}${x}${q}`)).toBeInstanceOf(RegExp); // quadratic at worst
        expect(compileSafePattern(`${x}${q}${x}${q}${x}${q}`)).toBeUndefined(); // .*.*.*
      }),
    );
    // Bounded choices multiply too: the budget is the same million ways.
    expect(compileSafePattern('a{0,100}'.repeat(2))).toBeInstanceOf(RegExp);
    expect(compileSafePattern('a{0,100}'.repeat(3))).toBeUndefined();
    expect(compileSafePattern('a?'.repeat(19) + 'a'.repeat(19))).toBeInstanceOf(RegExp);
    expect(compileSafePattern('a?'.repeat(20) + 'a'.repeat(20))).toBeUndefined();
    expect(compileSafePattern('(?:a|a)'.repeat(19))).toBeInstanceOf(RegExp);
    expect(compileSafePattern('(?:a|a)'.repeat(20))).toBeUndefined();
    expect(compileSafePattern('a{0,16}'.repeat(7))).toBeUndefined();
  });

  it('still compiles the formats brokers use', () => {
    for (const source of [
      '[0-9]{6,15}',
      '(?:DE|AT)[0-9]{2}',
      '[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}',
      '\\+?[0-9 ]{6,20}',
      '(?:\\d{3}-){2}\\d{4}',
      "[\\p{L} .'-]{1,100}",
      '\\d+(?:\\.\\d{1,2})?',
      '[^@\\s]+@[^@\\s]+',
      '[A-Z0-9]{2,4} ?[A-Z0-9]{3}',
    ])
      expect(compileSafePattern(source), source).toBeInstanceOf(RegExp);
  });
});

/** Runs matches in a worker; a match that has not finished by the deadline ends the worker and fails. */
class MatchWorker {
  private worker = this.start();
  private nextId = 0;

  private start(): Worker {
    const code = `onmessage = (event) => {
      const { id, source, flags, values } = event.data;
      const pattern = new RegExp(source, flags);
      for (const value of values) pattern.test(value);
      postMessage(id);
    };`;
    return new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  }

  run(compiled: RegExp, values: readonly string[], deadlineMs: number): Promise<'done' | 'runaway'> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.worker.terminate();
        this.worker = this.start();
        resolve('runaway');
      }, deadlineMs);
      const onMessage = (event: MessageEvent<number>) => {
        if (event.data !== id) return;
        clearTimeout(timer);
        this.worker.removeEventListener('message', onMessage);
        resolve('done');
      };
      this.worker.addEventListener('message', onMessage);
      this.worker.postMessage({ id, source: compiled.source, flags: compiled.flags, values });
    });
  }

  close() {
    this.worker.terminate();
  }
}

describe('compileSafePattern: behaviour', () => {
  const matcher = new MatchWorker();
  afterAll(() => matcher.close());

  it('the worker does catch a runaway match (the check can fail)', async () => {
    expect(await matcher.run(/^(?:(a+)+)$/, ['a'.repeat(40) + '!'], 1000)).toBe('runaway');
  }, 60_000);

  it('every pattern it compiles finishes on worst-case values of up to maxPatternInput characters', async () => {
    await fc.assert(
      fc.asyncProperty(pattern, async (source) => {
        const compiled = compileSafePattern(source);
        fc.pre(compiled !== undefined); // only the compiled ones are run: refused ones never reach a value
        // Longer values are never matched (matchesPattern leaves them to maxLength and the backend).
        expect(matchesPattern(compiled, 'x'.repeat(maxPatternInput + 1))).toBe(true);
        // A safe pattern takes microseconds here and a runaway one hours: the deadline only separates the two,
        // with room for a starved browser.
        expect(await matcher.run(compiled, worstCaseValues, 20_000), `${source} ran away`).toBe('done');
      }),
      { numRuns: 300 },
    );
  }, 600_000);
});
