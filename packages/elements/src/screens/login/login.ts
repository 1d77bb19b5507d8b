import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BrokerKitError, isSafeLink, type Attribution } from '@broker-kit/core';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { AuthScreen } from '../shared-auth/auth-screen.ts';
import { countryCodes, countryOptions } from '../shared-auth/countries.ts';
import { renderStrength } from '../shared-auth/password-strength.ts';
import { withQuery } from '../shared-auth/urls.ts';
import {
  checkAccepted,
  checkChoice,
  checkCurrentPassword,
  checkEmail,
  checkName,
  checkNewPassword,
  emailMaxLength,
  nameMaxLength,
  passwordHintValues,
  type FieldProblem,
} from '../shared-auth/validation.ts';
import { loginStyles } from './login.styles.ts';

export const loginModes = ['login', 'signup'] as const;
export type LoginMode = (typeof loginModes)[number];

const loginFields = ['email', 'password'] as const;
const signupFields = [
  'firstName',
  'lastName',
  'email',
  'password',
  'country',
  'acceptTerms',
  'acceptAgreement',
] as const;

/**
 * @summary Login and signup in one screen (route `/auth/login`), chosen by `firstLogin`.
 *
 * Renders in light DOM inside a real `<form method="post">` with named inputs and standard `autocomplete`
 * tokens, so password managers fill and save credentials. Attribution (`partnerId`, `utm_*`, `gclid`,
 * `eventName`, `source`) goes to `adapter.login` / `adapter.signup` and is never rendered.
 *
 * On `{status: 'complete', token}` it fires `bk-success` and, unless cancelled, navigates to the success URL
 * with `?token=`. On `{status: 'account-required'}` it navigates to `accountCreateUrl` with `userId`, `lang`,
 * `source` and `theme` (never a token). "Forgot your password?" is a link to `passwordResetUrl`, followed
 * through `navigate`.
 *
 * @event {BkSuccessEvent} bk-success - Login or signup completed; cancelable. Detail `{ token, userId, redirectUrl }`.
 * @cssproperty --bk-color-primary - Links and the primary button.
 */
export class BkLogin extends AuthScreen {
  /** true: signup, false: login (the `firstLogin` query parameter). */
  @property({ type: Boolean, attribute: 'first-login' }) firstLogin = false;
  @property({ attribute: 'partner-id' }) partnerId?: string;
  @property({ attribute: 'utm_source' }) utm_source?: string;
  @property({ attribute: 'utm_medium' }) utm_medium?: string;
  @property({ attribute: 'utm_campaign' }) utm_campaign?: string;
  @property({ attribute: 'utm_term' }) utm_term?: string;
  @property() gclid?: string;
  @property({ attribute: 'event-name' }) eventName?: string;
  /** The account creation screen (seed 002 stage 5), for users who have no trading account yet. */
  @property({ attribute: 'account-create-url' }) accountCreateUrl = '/account/create';
  /** The password reset screen the "Forgot your password?" link opens. */
  @property({ attribute: 'password-reset-url' }) passwordResetUrl = '/account/password-reset';
  /** The broker's terms and conditions (https or a same-origin path). */
  @property({ attribute: 'terms-url' }) termsUrl?: string;
  /** The broker's client agreement (https or a same-origin path). */
  @property({ attribute: 'agreement-url' }) agreementUrl?: string;
  /** Whether signup requires accepting the broker agreement (seed 002 stage 4 is optional). */
  @property({ type: Boolean, attribute: 'agreement-required' }) agreementRequired = false;

  @state() mode: LoginMode = 'login';

  private countries: { language: string; options: { value: string; label: string }[] } | undefined;
  /** bk-select (and its listbox) only serves signup's country: it loads when signup first shows. */
  private selectDefined: Promise<unknown> | undefined;

  protected get fieldNames() {
    return this.mode === 'signup' ? signupFields : loginFields;
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, loginStyles);
  }

  override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    if (changed.has('firstLogin')) this.mode = this.firstLogin ? 'signup' : 'login';
    if (this.mode === 'signup')
      this.selectDefined ??= import('../../primitives/select/define.ts').catch((error: unknown) =>
        console.error('Broker Kit could not load the country list:', error instanceof Error ? error.message : error),
      );
  }

  /** Settles once the country field of signup works too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this.selectDefined;
    return complete;
  }

  protected check(name: string, values: Record<string, string>): FieldProblem | undefined {
    switch (name) {
      case 'email':
        return checkEmail(values.email ?? '');
      case 'password':
        return this.mode === 'signup'
          ? checkNewPassword(values.password ?? '', { email: values.email })
          : checkCurrentPassword(values.password ?? '');
      case 'firstName':
      case 'lastName':
        return checkName(values[name] ?? '');
      case 'country':
        return checkChoice(values.country ?? '', countryCodes, 'countryRequired');
      case 'acceptTerms':
        return checkAccepted(values.acceptTerms !== undefined, 'termsRequired');
      case 'acceptAgreement':
        return this.agreementRequired
          ? checkAccepted(values.acceptAgreement !== undefined, 'agreementRequired')
          : undefined;
      default:
        return undefined;
    }
  }

  /** Attribution from the URL, only the values that are present. */
  get attribution(): Attribution {
    const { partnerId, utm_source, utm_medium, utm_campaign, utm_term, gclid, eventName, source } = this;
    const all: Attribution = { partnerId, utm_source, utm_medium, utm_campaign, utm_term, gclid, eventName, source };
    return Object.fromEntries(Object.entries(all).filter(([, value]) => typeof value === 'string' && value !== ''));
  }

  protected async send(values: Record<string, string>, signal: AbortSignal) {
    const adapter = this.activeAdapter;
    if (!adapter) throw new BrokerKitError('UNKNOWN_ERROR', 'No adapter');
    const email = (values.email ?? '').trim();
    const password = values.password ?? '';
    const keepLoggedIn = values.keepLoggedIn !== undefined;
    const attribution = this.attribution;
    const result =
      this.mode === 'login'
        ? await adapter.login({ email, password, keepLoggedIn, attribution }, { signal })
        : await adapter.signup(
            {
              firstName: (values.firstName ?? '').trim(),
              lastName: (values.lastName ?? '').trim(),
              email,
              password,
              country: values.country ?? '',
              acceptTerms: true,
              acceptAgreement: values.acceptAgreement !== undefined,
              keepLoggedIn,
              language: this.localize.language,
              attribution,
            },
            { signal },
          );
    if (result.status === 'complete') {
      this.complete(result.token, result.userId);
      return;
    }
    this.state = 'success';
    const { language: lang } = this.localize;
    this.navigate(
      withQuery(this.accountCreateUrl, { userId: result.userId, lang, source: this.source, theme: this.theme }),
    );
  }

  /** Switches between login and signup, keeping what was typed (the email carries over). */
  switchTo(mode: LoginMode) {
    this.values = this.readForm();
    this.mode = mode;
    this.submitted = false;
    this.touched = new Set();
    this.serverProblems = {};
    this.error = undefined;
    this.state = 'idle';
  }

  protected override recover() {
    const code = this.error?.code;
    if (code === 'EMAIL_TAKEN' && this.mode === 'signup') {
      this.switchTo('login');
      void this.updateComplete.then(() => this.focusField('password'));
      return;
    }
    if (code === 'INVALID_CREDENTIALS') {
      this.error = undefined;
      this.state = 'idle';
      this.focusField('password');
      return;
    }
    super.recover();
  }

  private get resetHref() {
    return withQuery(this.passwordResetUrl, { lang: this.localize.language, theme: this.theme, source: this.source });
  }

  private handleResetClick = (event: MouseEvent) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.navigate(this.resetHref);
  };

  private countryList() {
    const language = this.localize.language;
    if (this.countries?.language !== language) this.countries = { language, options: countryOptions(language) };
    return this.countries.options;
  }

  override render() {
    const signup = this.mode === 'signup';
    const v = this.values;
    const fields = html`${this.renderError()}
      ${
        signup
          ? html`<div class="bk-auth-pair">
              <bk-input
                name="firstName"
                label=${this.t('auth:fields.firstName')}
                autocomplete="given-name"
                maxlength=${nameMaxLength}
                required
                .value=${v.firstName ?? ''}
                error=${this.fieldError('firstName') ?? ''}
              ></bk-input>
              <bk-input
                name="lastName"
                label=${this.t('auth:fields.lastName')}
                autocomplete="family-name"
                maxlength=${nameMaxLength}
                required
                .value=${v.lastName ?? ''}
                error=${this.fieldError('lastName') ?? ''}
              ></bk-input>
            </div>`
          : nothing
      }
      <bk-input
        name="email"
        type="email"
        label=${this.t('auth:fields.email')}
        autocomplete=${signup ? 'email' : 'username'}
        inputmode="email"
        maxlength=${emailMaxLength}
        required
        .value=${v.email ?? ''}
        error=${this.fieldError('email') ?? ''}
      ></bk-input>
      <bk-input
        name="password"
        type="password"
        label=${this.t('auth:fields.password')}
        autocomplete=${signup ? 'new-password' : 'current-password'}
        hint=${signup ? this.t('auth:hints.password', passwordHintValues) : ''}
        required
        .value=${v.password ?? ''}
        error=${this.fieldError('password') ?? ''}
      ></bk-input>
      ${signup ? renderStrength(v.password ?? '', (key, options) => this.t(key, options)) : nothing}
      ${
        signup
          ? html`<bk-select
              name="country"
              label=${this.t('auth:fields.country')}
              placeholder=${this.t('auth:fields.countryPlaceholder')}
              autocomplete="country"
              required
              .options=${this.countryList()}
              .value=${v.country ?? ''}
              error=${this.fieldError('country') ?? ''}
            ></bk-select>`
          : nothing
      }
      <bk-checkbox name="keepLoggedIn" value="true" ?checked=${v.keepLoggedIn !== undefined}
        >${this.t('auth:login.keepLoggedIn')}</bk-checkbox
      >
      ${signup ? this.renderAcceptance() : nothing}`;
    const links = html`<div class="bk-auth-links">
      ${
        signup
          ? nothing
          : html`<a class="bk-auth-link" href=${this.resetHref} @click=${this.handleResetClick}
              >${this.t('auth:login.forgotPassword')}</a
            >`
      }
      <span>
        ${this.t(signup ? 'auth:signup.haveAccount' : 'auth:login.noAccount')}
        <button type="button" class="bk-auth-link" @click=${() => this.switchTo(signup ? 'login' : 'signup')}>
          ${this.t(signup ? 'auth:signup.toLogin' : 'auth:login.toSignup')}
        </button>
      </span>
    </div>`;
    return this.renderFrame(
      this.renderForm(fields, {
        submitLabel: this.t(signup ? 'auth:signup.submit' : 'auth:login.submit'),
        after: links,
      }),
      {
        heading: this.t(signup ? 'auth:signup.title' : 'auth:login.title'),
        subheading: this.t(signup ? 'auth:signup.subtitle' : 'auth:login.subtitle'),
      },
    );
  }

  private renderAcceptance() {
    const v = this.values;
    const terms = isSafeLink(this.termsUrl, document.baseURI) ? this.termsUrl : undefined;
    const agreement = isSafeLink(this.agreementUrl, document.baseURI) ? this.agreementUrl : undefined;
    return html`<bk-checkbox
        name="acceptTerms"
        value="true"
        required
        ?checked=${v.acceptTerms !== undefined}
        error=${this.fieldError('acceptTerms') ?? ''}
        >${this.t('auth:signup.acceptTerms')}</bk-checkbox
      >
      <bk-checkbox
        name="acceptAgreement"
        value="true"
        ?required=${this.agreementRequired}
        ?checked=${v.acceptAgreement !== undefined}
        error=${this.fieldError('acceptAgreement') ?? ''}
        >${this.t('auth:signup.acceptAgreement')}</bk-checkbox
      >
      ${
        terms || agreement
          ? html`<p class="bk-auth-links bk-auth-muted">
              ${terms ? html`<a class="bk-auth-link" href=${terms}>${this.t('auth:signup.readTerms')}</a>` : nothing}
              ${
                agreement
                  ? html`<a class="bk-auth-link" href=${agreement}>${this.t('auth:signup.readAgreement')}</a>`
                  : nothing
              }
            </p>`
          : nothing
      }`;
  }
}
