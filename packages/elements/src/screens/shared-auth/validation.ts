// Client checks of the SSO screens. Each check answers the key of its message in the `auth` namespace
// (`validation.<key>`, with its interpolation values), or undefined when the value is acceptable. The rules
// match what the reference backend and the platform's user API accept, so nothing the server would refuse
// leaves the browser; the server checks again and its VALIDATION_FAILED fields are shown the same way.

export interface FieldProblem {
  key: string;
  values?: Record<string, number | string>;
}

export const passwordRules = { min: 8, max: 64 } as const;
/** The values of `auth:hints.password`: its noun agrees with the maximum. */
export const passwordHintValues = { ...passwordRules, count: passwordRules.max };
export const nameMaxLength = 50;
export const emailMaxLength = 254;

// A practical address: printable ASCII local part without quoting, a dotted ASCII (or punycode) domain with
// a top-level label of two or more letters. Stricter than RFC 5322 on purpose: it is what the platform takes.
const emailPattern =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
// Letters (any script) with the marks, spaces, hyphens, apostrophes and dots that names contain.
const namePattern = /^\p{L}[\p{L}\p{M}' .\u2019-]*$/u;

export function checkRequired(value: string): FieldProblem | undefined {
  return value.trim() === '' ? { key: 'required' } : undefined;
}

export function checkEmail(value: string): FieldProblem | undefined {
  const email = value.trim();
  if (email === '') return { key: 'required' };
  if (email.length > emailMaxLength) return { key: 'tooLong', values: { count: emailMaxLength } };
  if (!emailPattern.test(email) || email.includes('..')) return { key: 'emailInvalid' };
  return undefined;
}

/** The password rules of every screen that sets a password: 8 to 64 characters, a letter and a digit. */
export function checkNewPassword(value: string, context: { email?: string } = {}): FieldProblem | undefined {
  if (value === '') return { key: 'required' };
  if (value.length < passwordRules.min) return { key: 'passwordTooShort', values: { count: passwordRules.min } };
  if (value.length > passwordRules.max) return { key: 'tooLong', values: { count: passwordRules.max } };
  if (value !== value.trim()) return { key: 'passwordSpaces' };
  if (!/\p{L}/u.test(value)) return { key: 'passwordNeedsLetter' };
  if (!/\p{Nd}/u.test(value)) return { key: 'passwordNeedsDigit' };
  if (context.email && value.toLowerCase() === context.email.trim().toLowerCase()) return { key: 'passwordIsEmail' };
  return undefined;
}

/** The repeated new password: present and identical. */
export function checkPasswordConfirmation(confirmation: string, password: string): FieldProblem | undefined {
  if (confirmation === '') return { key: 'required' };
  return confirmation === password ? undefined : { key: 'passwordMismatch' };
}

/** An existing password is checked by the server only: old accounts may predate today's rules. */
export function checkCurrentPassword(value: string): FieldProblem | undefined {
  if (value === '') return { key: 'required' };
  if (value.length > 256) return { key: 'tooLong', values: { count: 256 } };
  return undefined;
}

export function checkName(value: string): FieldProblem | undefined {
  const name = value.trim();
  if (name === '') return { key: 'required' };
  if (name.length > nameMaxLength) return { key: 'tooLong', values: { count: nameMaxLength } };
  if (!namePattern.test(name)) return { key: 'nameInvalid' };
  return undefined;
}

export function checkChoice(value: string, allowed: readonly string[], key = 'choose'): FieldProblem | undefined {
  return allowed.includes(value) ? undefined : { key };
}

export function checkAccepted(checked: boolean, key: string): FieldProblem | undefined {
  return checked ? undefined : { key };
}

export const strengthLevels = ['empty', 'weak', 'fair', 'good', 'strong'] as const;
export type StrengthLevel = (typeof strengthLevels)[number];

/**
 * A rough, explainable strength score: length and variety of character classes, minus obvious patterns.
 * It advises; the rules above decide what is accepted.
 */
export function passwordStrength(value: string): StrengthLevel {
  if (value === '') return 'empty';
  const classes = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) => re.test(value)).length;
  let score = 0;
  if (value.length >= passwordRules.min) score++;
  if (value.length >= 12) score++;
  if (value.length >= 16) score++;
  score += classes - 1;
  if (/(.)\1{2,}/u.test(value) || /^(?:password|qwerty|123456|abc123)/i.test(value)) score -= 2;
  if (checkNewPassword(value) !== undefined) score = Math.min(score, 1);
  if (score <= 1) return 'weak';
  if (score <= 2) return 'fair';
  if (score <= 4) return 'good';
  return 'strong';
}
