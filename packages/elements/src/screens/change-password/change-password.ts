import { html } from 'lit';
import { BrokerKitError } from '@broker-kit/core';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { AuthScreen } from '../shared-auth/auth-screen.ts';
import { renderNewPasswordFields } from '../shared-auth/password-strength.ts';
import {
  checkCurrentPassword,
  checkNewPassword,
  checkPasswordConfirmation,
  type FieldProblem,
} from '../shared-auth/validation.ts';
import { changePasswordStyles } from './change-password.styles.ts';

/**
 * @summary Changes the password of the logged-in user: current, new (with strength feedback) and confirmation.
 *
 * Light DOM with `current-password` / `new-password` autocomplete, so password managers update the saved entry.
 * On success the form is cleared and a confirmation shows; no navigation.
 */
export class BkChangePassword extends AuthScreen {
  protected readonly fieldNames = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, changePasswordStyles);
  }

  protected check(name: string, values: Record<string, string>): FieldProblem | undefined {
    const current = values.currentPassword ?? '';
    const next = values.newPassword ?? '';
    switch (name) {
      case 'currentPassword':
        return checkCurrentPassword(current);
      case 'newPassword':
        return checkNewPassword(next) ?? (next === current ? { key: 'passwordSame' } : undefined);
      case 'confirmPassword':
        return checkPasswordConfirmation(values.confirmPassword ?? '', next);
      default:
        return undefined;
    }
  }

  protected async send(values: Record<string, string>, signal: AbortSignal) {
    const adapter = this.activeAdapter;
    if (!adapter) throw new BrokerKitError('UNKNOWN_ERROR', 'No adapter');
    await adapter.changePassword(
      { currentPassword: values.currentPassword ?? '', newPassword: values.newPassword ?? '' },
      { signal },
    );
    // Nothing of the old or new password stays in the page once it is changed.
    this.values = {};
    this.touched = new Set();
    this.submitted = false;
    this.state = 'success';
  }

  override render() {
    const v = this.values;
    return this.renderFrame(
      this.renderForm(
        html`<p class="bk-auth-muted">${this.t('auth:changePassword.intro')}</p>
          ${
            this.state === 'success'
              ? html`<bk-alert variant="success" heading=${this.t('auth:changePassword.successTitle')}
                  >${this.t('auth:changePassword.successMessage')}</bk-alert
                >`
              : this.renderError()
          }
          <bk-input
            name="currentPassword"
            type="password"
            label=${this.t('auth:fields.currentPassword')}
            autocomplete="current-password"
            required
            .value=${v.currentPassword ?? ''}
            error=${this.fieldError('currentPassword') ?? ''}
          ></bk-input>
          ${renderNewPasswordFields(
            v,
            (key, options) => this.t(key, options),
            (name) => this.fieldError(name),
          )}`,
        { submitLabel: this.t('auth:changePassword.submit') },
      ),
      { heading: this.t('auth:changePassword.title') },
    );
  }
}
