// Client checks of the SSO screens. Each check answers the key of its message in the `auth` namespace
// (`validation.<key>`, with its interpolation values), or undefined when the value is acceptable. The rules
// are core's, the ones the reference backend and the in-memory backend apply, so nothing the server would refuse
// leaves the browser; the server checks again and its VALIDATION_FAILED fields are shown the same way.
import {
  emailMaxLength,
  emailProblem,
  nameMaxLength,
  nameProblem,
  passwordPolicy,
  passwordProblem,
  storedPasswordMaxLength,
  type FieldProblem as RuleProblem,
} from '@broker-kit/core';

export interface FieldProblem {
  key: string;
  values?: Record<string, number | string>;
}

export const passwordRules = passwordPolicy;
/** The values of `auth:hints.password`: its noun agrees with the maximum. */
export const passwordHintValues = { ...passwordRules, count: passwordRules.max };
export { nameMaxLength, emailMaxLength };

const passwordKeys: Record<string, string> = {
  spaces: 'passwordSpaces',
  letter: 'passwordNeedsLetter',
  digit: 'passwordNeedsDigit',
  email: 'passwordIsEmail',
};

/** A core rule's problem as this namespace's message key. */
function message(problem: RuleProblem | undefined, invalidKey: string): FieldProblem | undefined {
  if (!problem) return undefined;
  if (problem.reason === 'required') return { key: 'required' };
  if (problem.reason === 'too_long') return { key: 'tooLong', values: { count: problem.limit ?? '' } };
  if (problem.reason === 'too_short') return { key: 'passwordTooShort', values: { count: problem.limit ?? '' } };
  if (problem.reason === 'weak') return { key: passwordKeys[problem.detail ?? ''] ?? 'weak' };
  return { key: invalidKey };
}

export function checkRequired(value: string): FieldProblem | undefined {
  return value.trim() === '' ? { key: 'required' } : undefined;
}

export function checkEmail(value: string): FieldProblem | undefined {
  return message(emailProblem(value), 'emailInvalid');
}

/** The password policy of core's rules, for every screen that sets a password. */
export function checkNewPassword(value: string, context: { email?: string } = {}): FieldProblem | undefined {
  return message(passwordProblem(value, context), 'invalid');
}

/** The repeated new password: present and identical. */
export function checkPasswordConfirmation(confirmation: string, password: string): FieldProblem | undefined {
  if (confirmation === '') return { key: 'required' };
  return confirmation === password ? undefined : { key: 'passwordMismatch' };
}

/** An existing password is checked by the server only: old accounts may predate today's rules. */
export function checkCurrentPassword(value: string): FieldProblem | undefined {
  if (value === '') return { key: 'required' };
  if (value.length > storedPasswordMaxLength) return { key: 'tooLong', values: { count: storedPasswordMaxLength } };
  return undefined;
}

export function checkName(value: string): FieldProblem | undefined {
  return message(nameProblem(value), 'nameInvalid');
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
