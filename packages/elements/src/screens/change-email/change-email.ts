import { html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BrokerKitError, type ChangeEmailResult } from '@broker-kit/core';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { AuthScreen } from '../shared-auth/auth-screen.ts';
import { checkCurrentPassword, checkEmail, emailMaxLength, type FieldProblem } from '../shared-auth/validation.ts';
import { changeEmailStyles } from './change-email.styles.ts';

/**
 * @summary Changes the login email of the logged-in user: the new address and the password to confirm.
 *
 * After success it says whether the new address must first be confirmed by a link (the backend decides:
 * `verificationRequired`). Light DOM, real form.
 */
export class BkChangeEmail extends AuthScreen {
  /** The current address, when the host knows it: the new one must differ. */
  @property({ attribute: 'current-email' }) currentEmail?: string;
  @state() private result: ChangeEmailResult | undefined;

  protected readonly fieldNames = ['newEmail', 'password'] as const;

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, changeEmailStyles);
  }

  protected check(name: string, values: Record<string, string>): FieldProblem | undefined {
    if (name === 'password') return checkCurrentPassword(values.password ?? '');
    if (name !== 'newEmail') return undefined;
    const email = values.newEmail ?? '';
    const same = this.currentEmail && email.trim().toLowerCase() === this.currentEmail.trim().toLowerCase();
    return checkEmail(email) ?? (same ? { key: 'emailSame' } : undefined);
  }

  protected async send(values: Record<string, string>, signal: AbortSignal) {
    const adapter = this.activeAdapter;
    if (!adapter) throw new BrokerKitError('UNKNOWN_ERROR', 'No adapter');
    this.result = await adapter.changeEmail(
      { newEmail: (values.newEmail ?? '').trim(), password: values.password ?? '' },
      { signal },
    );
    this.values = {};
    this.touched = new Set();
    this.submitted = false;
    this.state = 'success';
  }

  protected override recover() {
    if (this.error?.code === 'EMAIL_TAKEN') {
      this.error = undefined;
      this.state = 'idle';
      this.focusField('newEmail');
      return;
    }
    super.recover();
  }

  private renderResult() {
    const result = this.result;
    if (this.state !== 'success' || !result) return this.renderError();
    const key = result.verificationRequired ? 'verify' : 'done';
    return html`<bk-alert
      variant=${result.verificationRequired ? 'info' : 'success'}
      heading=${this.t(`auth:changeEmail.${key}Title`)}
      >${this.t(`auth:changeEmail.${key}Message`, { email: result.email })}</bk-alert
    >`;
  }

  override render() {
    const v = this.values;
    return this.renderFrame(
      this.renderForm(
        html`<p class="bk-auth-muted">${this.t('auth:changeEmail.intro')}</p>
          ${this.renderResult()}
          <bk-input
            name="newEmail"
            type="email"
            label=${this.t('auth:fields.newEmail')}
            autocomplete="email"
            inputmode="email"
            maxlength=${emailMaxLength}
            required
            .value=${v.newEmail ?? ''}
            error=${this.fieldError('newEmail') ?? ''}
          ></bk-input>
          <bk-input
            name="password"
            type="password"
            label=${this.t('auth:fields.password')}
            autocomplete="current-password"
            hint=${this.t('auth:hints.changeEmailPassword')}
            required
            .value=${v.password ?? ''}
            error=${this.fieldError('password') ?? ''}
          ></bk-input>`,
        { submitLabel: this.t('auth:changeEmail.submit') },
      ),
      { heading: this.t('auth:changeEmail.title') },
    );
  }
}
