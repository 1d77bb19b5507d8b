// The values of a broker-defined generic action, checked against the fields the broker declared.
import type { ActionField, ActionValues } from '../adapter/schemas.ts';
import { isIsoDate } from './dates.ts';
import { emailProblem } from './identity.ts';
import { compileSafePattern, matchesPattern } from './pattern.ts';
import type { FieldProblem, FieldProblems } from './problems.ts';

/** A text value without a declared maxLength. */
export const actionTextMaxLength = 1000;

/**
 * The problem with one value, or undefined. Numbers may arrive as numbers or numeric text (a form's input);
 * `detail` names the failed check (`number`, `email`, `date`, `select`, `pattern`, `checkbox`).
 */
export function actionValueProblem(
  field: ActionField,
  value: string | number | boolean | undefined,
): FieldProblem | undefined {
  const empty =
    value === undefined ||
    (typeof value === 'string' && value.trim() === '') ||
    (field.type === 'checkbox' && value === false);
  if (empty) return field.required ? { reason: 'required', detail: field.type } : undefined;
  if (field.type === 'checkbox')
    return typeof value === 'boolean' ? undefined : { reason: 'invalid', detail: 'checkbox' };
  if (field.type === 'number' || field.type === 'amount') {
    const text = typeof value === 'string' ? value.trim() : value;
    const number =
      typeof text === 'number' ? text : typeof text === 'string' && text !== '' ? Number(text) : Number.NaN;
    if (!Number.isFinite(number)) return { reason: 'invalid', detail: 'number' };
    if (field.type === 'amount' && !(typeof text === 'string' && /^\d{1,12}(\.\d{1,8})?$/.test(text)))
      return { reason: 'invalid', detail: 'number' };
    if (field.min !== undefined && number < field.min) return { reason: 'too_small', limit: field.min };
    if (field.max !== undefined && number > field.max) return { reason: 'too_large', limit: field.max };
    return undefined;
  }
  if (typeof value !== 'string') return { reason: 'invalid' };
  const text = value.trim();
  const maxLength = field.maxLength ?? actionTextMaxLength;
  if (text.length > maxLength) return { reason: 'too_long', limit: maxLength };
  if (field.type === 'email' && emailProblem(text)) return { reason: 'invalid', detail: 'email' };
  if (field.type === 'date' && !isIsoDate(text)) return { reason: 'invalid', detail: 'date' };
  if (field.type === 'select' && !field.options?.some((option) => option.value === text))
    return { reason: 'invalid', detail: 'select' };
  const pattern = compileSafePattern(field.pattern);
  if (pattern && !matchesPattern(pattern, text)) return { reason: 'invalid', detail: 'pattern' };
  return undefined;
}

/** Every declared field's problem, and `invalid` for a value of a field the action does not declare. */
export function actionValuesProblems(fields: readonly ActionField[], values: ActionValues): FieldProblems {
  const problems: FieldProblems = {};
  for (const field of fields) {
    const problem = actionValueProblem(field, Object.hasOwn(values, field.name) ? values[field.name] : undefined);
    if (problem) problems[field.name] = problem.reason;
  }
  const declared = new Set(fields.map((field) => field.name));
  for (const name of Object.keys(values)) if (!declared.has(name)) problems[name] ??= 'invalid';
  return problems;
}
