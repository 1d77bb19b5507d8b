import { BrokerKitError } from '../errors.ts';

/**
 * A field problem as it travels in a VALIDATION_FAILED body (`fields.<name>`): short, stable reasons a screen
 * localizes. `limit` and `detail` are for the screens' own, more precise messages; the wire carries the reason.
 */
export const fieldReasons = [
  'required',
  'invalid',
  /** An amount finer than its currency's minor unit: refused, never rounded. */
  'precision',
  'too_short',
  'too_long',
  'too_small',
  'too_large',
  'weak',
  'taken',
] as const;
export type FieldReason = (typeof fieldReasons)[number];

export interface FieldProblem {
  reason: FieldReason;
  /** The length or amount the value broke (too_short, too_long, too_small, too_large). */
  limit?: number | string;
  /** Which part of the rule: for `weak` passwords `spaces`, `letter`, `digit` or `email`; for dates `age`. */
  detail?: string;
}

/** Field names to their wire reasons. */
export type FieldProblems = Record<string, FieldReason>;

/** Collects the problems of several fields; `assert` throws VALIDATION_FAILED when there are any. */
export class FieldCheck {
  readonly problems: FieldProblems = {};

  add(field: string, problem: FieldProblem | FieldReason | undefined): this {
    if (problem !== undefined) this.problems[field] ??= typeof problem === 'string' ? problem : problem.reason;
    return this;
  }

  get ok(): boolean {
    return Object.keys(this.problems).length === 0;
  }

  assert(message = 'Some fields are not valid'): void {
    if (!this.ok) throw new BrokerKitError('VALIDATION_FAILED', message, { fields: { ...this.problems } });
  }
}

/**
 * A request whose shape its wire schema refuses (a missing member, a number where text is due): INVALID_REQUEST,
 * each member named by its path. Shape comes before rules: VALIDATION_FAILED is for well-formed values.
 */
export function requestShapeError(issues: readonly { path: readonly PropertyKey[] }[]): BrokerKitError {
  const fields: FieldProblems = {};
  for (const issue of issues) fields[issue.path.map(String).join('.') || '_'] ??= 'invalid';
  return new BrokerKitError('INVALID_REQUEST', 'The request body has the wrong shape', { fields });
}
