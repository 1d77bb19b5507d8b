// Dates a user types: calendar dates as YYYY-MM-DD, the age a client must have, dates that must lie in the past
// (a birth, an issue) or after today (a document's expiry). Calendar days are UTC days: the server and every
// screen agree on what "today" is.
import type { FieldProblem } from './problems.ts';

/** A client of a broker is an adult unless the broker's configuration says otherwise (`kyc.minimumAge`). */
export const defaultMinimumAge = 18;
/** Older than this is a typing mistake, not a client. */
export const maximumAge = 120;

const dayMs = 86_400_000;

/** A real calendar date, YYYY-MM-DD (2023-02-30 is not). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** The calendar day `now` falls on, YYYY-MM-DD (UTC). */
export function isoDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The start (00:00 UTC) of a calendar date, in epoch ms. */
export function startOfIsoDate(value: string): number {
  return Date.parse(`${value}T00:00:00Z`);
}

/** `days` whole days after `at` (epoch ms). */
export function addDays(at: number, days: number): number {
  return at + days * dayMs;
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

/** A date that has happened: a real date, today at the latest (`detail: 'future'` otherwise). */
export function pastDateProblem(value: string | undefined, now: number): FieldProblem | undefined {
  if (value === undefined || value === '') return { reason: 'required' };
  if (!isIsoDate(value)) return { reason: 'invalid' };
  if (value > isoDay(now)) return { reason: 'invalid', detail: 'future' };
  return undefined;
}

/** A date still to come: a real date after today (`detail: 'past'` otherwise), e.g. a document's expiry. */
export function futureDateProblem(value: string | undefined, now: number): FieldProblem | undefined {
  if (value === undefined || value === '') return { reason: 'required' };
  if (!isIsoDate(value)) return { reason: 'invalid' };
  if (value <= isoDay(now)) return { reason: 'invalid', detail: 'past' };
  return undefined;
}

/**
 * A birth date: a real date in the past, of someone `minimumAge` or older (`detail: 'age'`, `limit` the age),
 * not absurdly long ago.
 */
export function dateOfBirthProblem(
  value: string | undefined,
  now: number,
  minimumAge = defaultMinimumAge,
): FieldProblem | undefined {
  const past = pastDateProblem(value, now);
  if (past) return past;
  const age = ageOn(value!, now);
  if (age < minimumAge) return { reason: 'invalid', detail: 'age', limit: minimumAge };
  if (age > maximumAge) return { reason: 'invalid', detail: 'age', limit: maximumAge };
  return undefined;
}
