import type * as z from 'zod/mini';
import { BrokerKitError } from '../errors.ts';
import type { ActionField, ActionValues } from './schemas.ts';
import { hasInvisibleCharacters } from '../invisible-text.ts';

/**
 * Field problems use short, stable reasons a screen can localize:
 * required, invalid, too_short, too_long, too_small, too_large, weak, taken.
 */
export type FieldProblems = Record<string, string>;

/** Throws VALIDATION_FAILED when there are problems. */
export function assertValid(problems: FieldProblems): void {
  if (Object.keys(problems).length > 0)
    throw new BrokerKitError('VALIDATION_FAILED', 'Some fields are not valid', { fields: problems });
}

/** Checks a request's shape with its wire schema, the way the reference server does. */
export function parseRequest<T>(schema: z.ZodMiniType<T>, request: unknown): T {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const problems: FieldProblems = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : 'request';
    problems[field] ??= issue.code === 'invalid_type' && issue.input === undefined ? 'required' : 'invalid';
  }
  throw new BrokerKitError('VALIDATION_FAILED', 'The request is not valid', { fields: problems });
}

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const countryPattern = /^[A-Z]{2}$/;

export function checkEmail(problems: FieldProblems, field: string, value: string): void {
  if (value.trim() === '') problems[field] = 'required';
  else if (value.length > 254 || !emailPattern.test(value.trim()) || hasInvisibleCharacters(value))
    problems[field] = 'invalid';
}

export function checkPassword(problems: FieldProblems, field: string, value: string): void {
  if (value === '') problems[field] = 'required';
  else if (value.length < 8) problems[field] = 'too_short';
  else if (value.length > 128) problems[field] = 'too_long';
  else if (!/\p{L}/u.test(value) || !/\p{N}/u.test(value)) problems[field] = 'weak';
}

export function checkText(problems: FieldProblems, field: string, value: string | undefined, maxLength = 100): void {
  if (value === undefined || value.trim() === '') problems[field] = 'required';
  else if (value.length > maxLength) problems[field] = 'too_long';
  else if (hasInvisibleCharacters(value)) problems[field] = 'invalid';
}

/** A real calendar date, YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Validates the values of a broker-defined action against its declared fields. */
export function checkActionValues(fields: readonly ActionField[], values: ActionValues): FieldProblems {
  const problems: FieldProblems = {};
  for (const field of fields) {
    const value = values[field.name];
    const empty = value === undefined || value === '' || (field.type === 'checkbox' && value === false);
    if (empty) {
      if (field.required) problems[field.name] = 'required';
      continue;
    }
    const problem = checkActionValue(field, value);
    if (problem) problems[field.name] = problem;
  }
  return problems;
}

function checkActionValue(field: ActionField, value: string | number | boolean): string | undefined {
  if (field.type === 'checkbox') return typeof value === 'boolean' ? undefined : 'invalid';
  if (field.type === 'number' || field.type === 'amount') {
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
    if (!Number.isFinite(number)) return 'invalid';
    if (field.min !== undefined && number < field.min) return 'too_small';
    if (field.max !== undefined && number > field.max) return 'too_large';
    return undefined;
  }
  if (typeof value !== 'string') return 'invalid';
  if (field.maxLength !== undefined && value.length > field.maxLength) return 'too_long';
  if (field.type === 'email' && !emailPattern.test(value)) return 'invalid';
  if (field.type === 'date' && !isIsoDate(value)) return 'invalid';
  if (field.type === 'select' && !field.options?.some((option) => option.value === value)) return 'invalid';
  if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) return 'invalid';
  return undefined;
}
