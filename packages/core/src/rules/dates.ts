// Dates a user types: calendar dates as YYYY-MM-DD, and the age a client must have.
import type { FieldProblem } from './problems.ts';

/** A client of a broker is an adult. */
export const minimumAge = 18;
/** Older than this is a typing mistake, not a client. */
export const maximumAge = 120;

/** A real calendar date, YYYY-MM-DD (2023-02-30 is not). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Age in whole years on the day `now` falls on (UTC). */
export function ageOn(dateOfBirth: string, now: number): number {
  const born = new Date(`${dateOfBirth}T00:00:00Z`);
  const today = new Date(now);
  let age = today.getUTCFullYear() - born.getUTCFullYear();
  const birthdayPassed =
    today.getUTCMonth() > born.getUTCMonth() ||
    (today.getUTCMonth() === born.getUTCMonth() && today.getUTCDate() >= born.getUTCDate());
  if (!birthdayPassed) age--;
  return age;
}

/** A birth date: a real date, of an adult, not absurdly long ago. */
export function dateOfBirthProblem(value: string | undefined, now: number): FieldProblem | undefined {
  if (value === undefined || value === '') return { reason: 'required' };
  if (!isIsoDate(value)) return { reason: 'invalid' };
  const age = ageOn(value, now);
  if (age < minimumAge) return { reason: 'invalid', detail: 'age', limit: minimumAge };
  if (age > maximumAge) return { reason: 'invalid', detail: 'age', limit: maximumAge };
  return undefined;
}
