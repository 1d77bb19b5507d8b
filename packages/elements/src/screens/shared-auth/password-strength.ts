import { html } from 'lit';
import { passwordStrength } from './validation.ts';

/**
 * The strength line under a new password: a bar for the eye and a sentence in a polite live region, so a
 * screen reader hears the new level after typing pauses, without losing its place.
 */
export function renderStrength(password: string, t: (key: string, options?: Record<string, unknown>) => string) {
  const level = passwordStrength(password);
  return html`<div class="bk-auth-strength" data-level=${level}>
    <span class="bk-auth-strength-bar" aria-hidden="true"></span>
    <span aria-live="polite"
      >${level === 'empty' ? '' : t('auth:strength.label', { level: t(`auth:strength.${level}`) })}</span
    >
  </div>`;
}
