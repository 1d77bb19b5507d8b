import type { ActionField, ActionValues } from '@broker-kit/core';
import { actionValueProblem } from '@broker-kit/core';

export type Translate = (key: string, options?: Record<string, unknown>) => string;
/** What the form holds per field: text for every input, a flag for checkboxes. */
export type FieldValue = string | boolean;

/** The starting value of a field: its default, else empty (unchecked). */
export function initialValue(field: ActionField): FieldValue {
  if (field.type === 'checkbox') return field.defaultValue === true || field.defaultValue === 'true';
  return field.defaultValue === undefined || typeof field.defaultValue === 'boolean' ? '' : String(field.defaultValue);
}

/** The localized problem with one value, or '' when it is fine: core's action rules, which the backend applies too. */
export function fieldError(field: ActionField, value: FieldValue, t: Translate): string {
  const v = (key: string, options?: Record<string, unknown>) => t(`engage:action.validation.${key}`, options);
  const problem = actionValueProblem(field, value);
  if (!problem) return '';
  if (problem.reason === 'required')
    return v(field.type === 'checkbox' ? 'checkbox' : field.type === 'select' ? 'select' : 'required');
  if (problem.reason === 'too_small') return v('min', { min: problem.limit });
  if (problem.reason === 'too_large') return v('max', { max: problem.limit });
  if (problem.reason === 'too_long') return v('maxLength', { count: problem.limit });
  return v(problem.detail ?? 'pattern');
}

/** The values as the backend takes them: numbers as numbers, amounts as decimal strings, flags as booleans. */
export function submittedValues(fields: readonly ActionField[], values: Record<string, FieldValue>): ActionValues {
  const result: ActionValues = {};
  for (const field of fields) {
    const value = values[field.name] ?? initialValue(field);
    if (field.type === 'checkbox') result[field.name] = value === true;
    else if (typeof value === 'string' && value.trim() !== '')
      result[field.name] = field.type === 'number' ? Number(value.trim()) : value.trim();
  }
  return result;
}
