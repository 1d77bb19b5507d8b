import type { ActionField, ActionValues } from '@broker-kit/core';
import { compileSafePattern, matchesPattern } from './pattern.ts';

export type Translate = (key: string, options?: Record<string, unknown>) => string;
/** What the form holds per field: text for every input, a flag for checkboxes. */
export type FieldValue = string | boolean;

/** The starting value of a field: its default, else empty (unchecked). */
export function initialValue(field: ActionField): FieldValue {
  if (field.type === 'checkbox') return field.defaultValue === true || field.defaultValue === 'true';
  return field.defaultValue === undefined || typeof field.defaultValue === 'boolean' ? '' : String(field.defaultValue);
}

const emailShape = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const dateShape = /^\d{4}-\d{2}-\d{2}$/;

/** The localized problem with one value, or '' when it is fine. Mirrors what the backend checks. */
export function fieldError(field: ActionField, value: FieldValue, t: Translate): string {
  const v = (key: string, options?: Record<string, unknown>) => t(`engage:action.validation.${key}`, options);
  if (field.type === 'checkbox') return field.required && value !== true ? v('checkbox') : '';
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return field.required ? v(field.type === 'select' ? 'select' : 'required') : '';
  if (field.type === 'select') return field.options?.some((option) => option.value === text) ? '' : v('select');
  if (field.type === 'number' || field.type === 'amount') {
    const number = Number(text);
    if (!Number.isFinite(number)) return v('number');
    if (field.min !== undefined && number < field.min) return v('min', { min: field.min });
    if (field.max !== undefined && number > field.max) return v('max', { max: field.max });
  }
  if (field.type === 'email' && !emailShape.test(text)) return v('email');
  if (field.type === 'date' && (!dateShape.test(text) || Number.isNaN(Date.parse(text)))) return v('date');
  if (field.maxLength !== undefined && text.length > field.maxLength) return v('maxLength', { count: field.maxLength });
  const pattern = compileSafePattern(field.pattern);
  if (pattern && !matchesPattern(pattern, text)) return v('pattern');
  return '';
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
