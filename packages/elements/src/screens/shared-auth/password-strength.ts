import { html } from 'lit';
import { passwordHintValues, passwordStrength } from './validation.ts';

/**
 * The strength line under a new password: a bar for the eye and a sentence in a polite live region, so a
 * screen reader hears the new level after typing pauses, without losing its place.
 */
export function renderStrength(password: string, t: Translate) {
  const level = passwordStrength(password);
  return html`<div class="bk-auth-strength" data-level=${level}>
    <span class="bk-auth-strength-bar" aria-hidden="true"></span>
    <span aria-live="polite"
      >${level === 'empty' ? '' : t('auth:strength.label', { level: t(`auth:strength.${level}`) })}</span
    >
  </div>`;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The new password with its rules and strength line, then its confirmation: what every screen that sets a
 * password shows (`newPassword`, `confirmPassword`, autocomplete `new-password` for password managers).
 */
export function renderNewPasswordFields(
  values: Record<string, string>,
  t: Translate,
  fieldError: (name: string) => string | undefined,
) {
  return html`<bk-input
      name="newPassword"
      type="password"
      label=${t('auth:fields.newPassword')}
      autocomplete="new-password"
      hint=${t('auth:hints.password', passwordHintValues)}
      required
      .value=${values.newPassword ?? ''}
      error=${fieldError('newPassword') ?? ''}
    ></bk-input>
    ${renderStrength(values.newPassword ?? '', t)}
    <bk-input
      name="confirmPassword"
      type="password"
      label=${t('auth:fields.confirmPassword')}
      autocomplete="new-password"
      required
      .value=${values.confirmPassword ?? ''}
      error=${fieldError('confirmPassword') ?? ''}
    ></bk-input>`;
}
