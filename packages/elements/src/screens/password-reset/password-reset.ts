import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BrokerKitError } from '@broker-kit/core';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { AuthScreen } from '../shared-auth/auth-screen.ts';
import { renderNewPasswordFields } from '../shared-auth/password-strength.ts';
import { withQuery } from '../shared-auth/urls.ts';
import {
  checkEmail,
  checkNewPassword,
  checkPasswordConfirmation,
  emailMaxLength,
  type FieldProblem,
} from '../shared-auth/validation.ts';
import { passwordResetStyles } from './password-reset.styles.ts';

/** The parts of the reset flow: ask for a link, choose a new password with the link's token, or a dead link. */
export const passwordResetSteps = ['request', 'choose', 'link-invalid'] as const;
export type PasswordResetStep = (typeof passwordResetSteps)[number];

/**
 * @summary Password reset in two steps: asks for a reset link, then (opened from the link) sets a new password.
 *
 * Without a `token` it asks for the email and confirms the same way whether or not an account exists for the
 * address (a backend answering USER_NOT_FOUND is treated as sent), so the screen never reveals who is
 * registered. With the `token` of a reset link it asks for a new password (the signup rules and strength
 * feedback) and its confirmation, sends them with `adapter.completePasswordReset`, then offers to log in. A link
 * that expired (TOKEN_EXPIRED) or no longer works (INVALID_OT_TOKEN: used, or replaced by a newer one) shows why,
 * with a way to ask for a new one. Light DOM, real form.
 */
export class BkPasswordReset extends AuthScreen {
  /**
   * The token of the reset link. The hosted shell takes it out of the address bar before the screen loads and
   * sets it here; a host page does the same with `takeTokenFromUrl(window)`. Read when set; never rendered.
   */
  @property({ attribute: false }) token?: string;
  /** Which part of the flow shows (read only, reflected): `request`, `choose` or `link-invalid`. */
  @property({ reflect: true }) step: PasswordResetStep = 'request';
  /** The address the link went to, for the confirmation. */
  @state() private sentTo = '';
  /** Why the link no longer works. */
  @state() private linkProblem: 'expired' | 'invalid' = 'invalid';
  /** The link's token while it may still be used; dropped once it has been sent. */
  private linkToken: string | undefined;

  protected get fieldNames(): readonly string[] {
    return this.step === 'choose' ? ['newPassword', 'confirmPassword'] : ['email'];
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, passwordResetStyles);
  }

  override willUpdate(changed: PropertyValues<this>) {
    if (changed.has('token')) {
      this.linkToken = this.token?.trim() || undefined;
      this.startStep(this.linkToken ? 'choose' : 'request');
    }
    super.willUpdate(changed);
  }

  protected check(name: string, values: Record<string, string>): FieldProblem | undefined {
    switch (name) {
      case 'email':
        return checkEmail(values.email ?? '');
      case 'newPassword':
        return checkNewPassword(values.newPassword ?? '');
      case 'confirmPassword':
        return checkPasswordConfirmation(values.confirmPassword ?? '', values.newPassword ?? '');
      default:
        return undefined;
    }
  }

  protected async send(values: Record<string, string>, signal: AbortSignal) {
    const adapter = this.activeAdapter;
    if (!adapter) throw new BrokerKitError('UNKNOWN_ERROR', 'No adapter');
    if (this.step === 'choose') return this.sendNewPassword(adapter, values.newPassword ?? '', signal);
    const email = (values.email ?? '').trim();
    try {
      await adapter.requestPasswordReset({ email, language: this.localize.language }, { signal });
    } catch (cause) {
      if (!(cause instanceof BrokerKitError && cause.code === 'USER_NOT_FOUND')) throw cause;
    }
    this.sentTo = email;
    this.state = 'success';
  }

  private async sendNewPassword(
    adapter: NonNullable<BkPasswordReset['activeAdapter']>,
    newPassword: string,
    signal: AbortSignal,
  ) {
    const token = this.linkToken;
    if (!token) throw new BrokerKitError('INVALID_OT_TOKEN', 'No reset token');
    try {
      await adapter.completePasswordReset({ token, newPassword }, { signal });
    } catch (cause) {
      const dead = cause instanceof BrokerKitError && ['INVALID_OT_TOKEN', 'TOKEN_EXPIRED'].includes(cause.code);
      if (!dead) throw cause;
      this.linkToken = undefined;
      this.linkProblem = cause.code === 'TOKEN_EXPIRED' ? 'expired' : 'invalid';
      this.forgetValues();
      this.step = 'link-invalid';
      this.state = 'error';
      return;
    }
    // Nothing of the new password, nor the spent token, stays in the page.
    this.linkToken = undefined;
    this.forgetValues();
    this.state = 'success';
  }

  /** Moves to a step with an empty form. */
  private startStep(step: PasswordResetStep) {
    this.step = step;
    this.forgetValues();
    this.error = undefined;
    this.serverProblems = {};
    this.state = 'idle';
  }

  private forgetValues() {
    this.values = {};
    this.touched = new Set();
    this.submitted = false;
  }

  private handleRequestAgain = async () => {
    this.startStep('request');
    await this.updateComplete;
    this.focusField('email');
  };

  private get loginHref() {
    return withQuery(this.loginUrl, { lang: this.localize.language, theme: this.theme, source: this.source });
  }

  private handleLoginClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.navigate(this.loginHref);
  };

  private renderRequest() {
    if (this.state === 'success')
      return html`<bk-alert variant="success" heading=${this.t('auth:passwordReset.sentTitle')}
        >${this.t('auth:passwordReset.sentMessage', { email: this.sentTo })}</bk-alert
      >`;
    return this.renderForm(
      html`<p class="bk-auth-muted">${this.t('auth:passwordReset.intro')}</p>
        ${this.renderError()}
        <bk-input
          name="email"
          type="email"
          label=${this.t('auth:fields.email')}
          autocomplete="username"
          inputmode="email"
          maxlength=${emailMaxLength}
          required
          .value=${this.values.email ?? ''}
          error=${this.fieldError('email') ?? ''}
        ></bk-input>`,
      { submitLabel: this.t('auth:passwordReset.submit') },
    );
  }

  private renderChoose() {
    if (this.state === 'success')
      return html`<bk-alert variant="success" heading=${this.t('auth:passwordReset.doneTitle')}
        >${this.t('auth:passwordReset.doneMessage')}
        <bk-button slot="actions" variant="primary" @click=${() => this.navigate(this.loginHref)}
          >${this.t('auth:passwordReset.toLogin')}</bk-button
        ></bk-alert
      >`;
    return this.renderForm(
      html`<p class="bk-auth-muted">${this.t('auth:passwordReset.chooseIntro')}</p>
        ${this.renderError()}
        ${renderNewPasswordFields(
          this.values,
          (key, options) => this.t(key, options),
          (name) => this.fieldError(name),
        )}`,
      { submitLabel: this.t('auth:passwordReset.chooseSubmit') },
    );
  }

  private renderLinkInvalid() {
    const problem = this.linkProblem;
    return html`<bk-alert variant="warning" heading=${this.t(`auth:passwordReset.${problem}Title`)}
      >${this.t(`auth:passwordReset.${problem}Message`)}
      <bk-button slot="actions" variant="primary" @click=${this.handleRequestAgain}
        >${this.t('auth:passwordReset.requestAgain')}</bk-button
      ></bk-alert
    >`;
  }

  override render() {
    const body =
      this.step === 'choose'
        ? this.renderChoose()
        : this.step === 'link-invalid'
          ? this.renderLinkInvalid()
          : this.renderRequest();
    const done = this.step === 'choose' && this.state === 'success';
    const heading =
      this.step === 'choose' && !done ? this.t('auth:passwordReset.chooseTitle') : this.t('auth:passwordReset.title');
    return this.renderFrame(
      html`${body}
      ${
        done
          ? nothing
          : html`<p class="bk-auth-links">
              <a class="bk-auth-link" href=${this.loginHref} @click=${this.handleLoginClick}
                >${this.t('auth:passwordReset.backToLogin')}</a
              >
            </p>`
      }`,
      { heading },
    );
  }
}
