import { html } from 'lit';
import { state } from 'lit/decorators.js';
import { BrokerKitError } from '@broker-kit/core';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { AuthScreen } from '../shared-auth/auth-screen.ts';
import { withQuery } from '../shared-auth/urls.ts';
import { checkEmail, emailMaxLength, type FieldProblem } from '../shared-auth/validation.ts';
import { passwordResetStyles } from './password-reset.styles.ts';

/**
 * @summary Asks for a password reset link.
 *
 * The confirmation is the same whether or not an account exists for the address (a backend answering
 * USER_NOT_FOUND is treated as sent), so the screen never reveals who is registered. Light DOM, real form.
 */
export class BkPasswordReset extends AuthScreen {
  protected readonly fieldNames = ['email'] as const;
  /** The address the link went to, for the confirmation. */
  @state() private sentTo = '';

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, passwordResetStyles);
  }

  protected check(name: string, values: Record<string, string>): FieldProblem | undefined {
    return name === 'email' ? checkEmail(values.email ?? '') : undefined;
  }

  protected async send(values: Record<string, string>, signal: AbortSignal) {
    const adapter = this.activeAdapter;
    if (!adapter) throw new BrokerKitError('UNKNOWN_ERROR', 'No adapter');
    const email = (values.email ?? '').trim();
    try {
      await adapter.requestPasswordReset({ email, language: this.localize.language }, { signal });
    } catch (cause) {
      if (!(cause instanceof BrokerKitError && cause.code === 'USER_NOT_FOUND')) throw cause;
    }
    this.sentTo = email;
    this.state = 'success';
  }

  private get loginHref() {
    return withQuery(this.loginUrl, { lang: this.localize.language, theme: this.theme, source: this.source });
  }

  private handleLoginClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.navigate(this.loginHref);
  };

  override render() {
    const body =
      this.state === 'success'
        ? html`<bk-alert variant="success" heading=${this.t('auth:passwordReset.sentTitle')}
            >${this.t('auth:passwordReset.sentMessage', { email: this.sentTo })}</bk-alert
          >`
        : this.renderForm(
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
    return this.renderFrame(
      html`${body}
        <p class="bk-auth-links">
          <a class="bk-auth-link" href=${this.loginHref} @click=${this.handleLoginClick}
            >${this.t('auth:passwordReset.backToLogin')}</a
          >
        </p>`,
      { heading: this.t('auth:passwordReset.title') },
    );
  }
}
