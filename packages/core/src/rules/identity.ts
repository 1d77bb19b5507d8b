// Who a user is: passwords, e-mail addresses, names and countries. The screens check them early with these
// functions; the reference server and the in-memory backend check them again with the same ones.
import { hasInvisibleCharacters } from '../invisible-text.ts';
import { isCountryCode } from './countries.ts';
import type { FieldProblem } from './problems.ts';

/** Every password a user sets: 8 to 64 characters, no spaces at the ends, a letter and a digit, not the e-mail. */
export const passwordPolicy = { min: 8, max: 64 } as const;
/** A password already set is only compared, never judged: older accounts may predate today's policy. */
export const storedPasswordMaxLength = 256;

export function passwordProblem(value: string, context: { email?: string } = {}): FieldProblem | undefined {
  if (value === '') return { reason: 'required' };
  if (value.length < passwordPolicy.min) return { reason: 'too_short', limit: passwordPolicy.min };
  if (value.length > passwordPolicy.max) return { reason: 'too_long', limit: passwordPolicy.max };
  if (value !== value.trim()) return { reason: 'weak', detail: 'spaces' };
  if (!/\p{L}/u.test(value)) return { reason: 'weak', detail: 'letter' };
  if (!/\p{Nd}/u.test(value)) return { reason: 'weak', detail: 'digit' };
  if (context.email && value.toLowerCase() === normalizeEmail(context.email))
    return { reason: 'weak', detail: 'email' };
  return undefined;
}

export const emailMaxLength = 254;
// A practical address: printable ASCII local part without quoting, a dotted ASCII (or punycode) domain with
// a top-level label of two or more letters. Stricter than RFC 5322 on purpose: it is what the platform takes.
const emailPattern =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** The one spelling an address is stored and compared in. */
export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function emailProblem(value: string): FieldProblem | undefined {
  const email = value.trim();
  if (email === '') return { reason: 'required' };
  if (email.length > emailMaxLength) return { reason: 'too_long', limit: emailMaxLength };
  // Checked before trimming too: a trimmed-away control must not make a look-alike of another address.
  if (hasInvisibleCharacters(value) || !emailPattern.test(email) || email.includes('..')) return { reason: 'invalid' };
  return undefined;
}

export const nameMaxLength = 50;
// Letters (any script) with the marks, spaces, hyphens, apostrophes and dots that names contain.
const namePattern = /^\p{L}[\p{L}\p{M}' .\u2019-]*$/u;

/** A first or last name, of the signup form and of the KYC personal step alike. */
export function nameProblem(value: string | undefined): FieldProblem | undefined {
  const name = (value ?? '').trim();
  if (name === '') return { reason: 'required' };
  if (name.length > nameMaxLength) return { reason: 'too_long', limit: nameMaxLength };
  if (hasInvisibleCharacters(value ?? '') || !namePattern.test(name)) return { reason: 'invalid' };
  return undefined;
}

/** A country of residence or a nationality: one of the ISO 3166-1 alpha-2 codes of `countryCodes`, upper case. */
export function countryProblem(value: string | undefined): FieldProblem | undefined {
  if (value === undefined || value === '') return { reason: 'required' };
  return isCountryCode(value) ? undefined : { reason: 'invalid' };
}

/** Required free text (an address line, a city, a postal code) of at most `max` characters. */
export function textProblem(value: string | undefined, max: number, required = true): FieldProblem | undefined {
  if (value === undefined || value.trim() === '') return required ? { reason: 'required' } : undefined;
  if (value.length > max) return { reason: 'too_long', limit: max };
  if (hasInvisibleCharacters(value)) return { reason: 'invalid' };
  return undefined;
}
