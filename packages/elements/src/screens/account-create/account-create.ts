import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  BrokerKitError,
  countryName,
  formatMoney,
  formatPersonName,
  type AccountType,
  type LocalizedText,
  type UserProfile,
} from '@broker-kit/core';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { AuthScreen, toBrokerKitError } from '../shared-auth/auth-screen.ts';
import { checkChoice, type FieldProblem } from '../shared-auth/validation.ts';
import { accountCreateStyles } from './account-create.styles.ts';

const environments = ['live', 'demo'] as const;

/** Broker text in the screen's language: its own entry, else English, else the first one given. */
function localized(text: LocalizedText | undefined, language: string): string {
  if (text === undefined || typeof text === 'string') return text ?? '';
  return text[language] ?? text.en ?? Object.values(text)[0] ?? '';
}

/**
 * @summary Opens the user's first trading account (seed 002 stage 5, route `/account/create`).
 *
 * Shows the user's details from `adapter.currentUser()` and offers account type, live or demo, currency and
 * leverage from `adapter.accountTypes()`. The backend creates the trader and links it to the user; its answer
 * carries the OT token, and the flow completes as login does: `bk-success`, then the success URL with `?token=`.
 * Each intent has one idempotency key: retries of the same choices reuse it, changing a choice makes a new one.
 *
 * @event {BkSuccessEvent} bk-success - The account exists and the flow is complete; cancelable. Detail `{ token, userId, redirectUrl }`.
 */
export class BkAccountCreate extends AuthScreen {
  /** The user the platform opened the screen for (`userId` query parameter); must match the session's user. */
  @property({ type: Number, attribute: 'user-id' }) userId?: number;

  @state() private user: UserProfile | undefined;
  @state() private types: AccountType[] = [];
  @state() private loading = false;
  @state() private loadFailed = false;
  private loadStarted = false;
  /** The idempotency key of the current intent, and the choices it was made for. */
  private intent: { key: string; choices: string } | undefined;
  private loadAbort: AbortController | undefined;

  protected readonly fieldNames = ['accountTypeId', 'environment', 'currency', 'leverage'] as const;

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, accountCreateStyles);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.loadAbort?.abort();
    this.loadStarted = false;
  }

  override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    if (!this.loadStarted && this.activeAdapter) void this.load();
  }

  /** The idempotency key the next submission sends (the same until a choice changes). */
  get idempotencyKey(): string | undefined {
    return this.intent?.key;
  }

  private get selectedType(): AccountType | undefined {
    return this.types.find((type) => type.id === this.values.accountTypeId);
  }

  private async load() {
    const adapter = this.activeAdapter;
    if (!adapter) return;
    this.loadStarted = true;
    this.loadAbort?.abort();
    const abort = (this.loadAbort = new AbortController());
    this.loading = true;
    this.loadFailed = false;
    this.error = undefined;
    this.state = 'idle';
    try {
      const [user, types] = await Promise.all([
        adapter.currentUser({ signal: abort.signal }),
        adapter.accountTypes({ signal: abort.signal }),
      ]);
      // The session decides who is logged in: a link for another user must not open an account for this one.
      if (this.userId !== undefined && user.userId !== this.userId) throw new BrokerKitError('SESSION_EXPIRED');
      this.user = user;
      this.types = types;
      this.values = this.defaults(types[0]?.id ?? '', {});
    } catch (cause) {
      if (abort.signal.aborted) return;
      this.loadFailed = true;
      this.fail(toBrokerKitError(cause));
    } finally {
      if (!abort.signal.aborted) this.loading = false;
    }
  }

  /** Valid choices for an account type: the current ones where the type allows them, else its first. */
  private defaults(accountTypeId: string, current: Record<string, string>): Record<string, string> {
    const type = this.types.find((item) => item.id === accountTypeId);
    if (!type) return {};
    const pick = (allowed: string[], value: string | undefined) =>
      value !== undefined && allowed.includes(value) ? value : (allowed[0] ?? '');
    return {
      accountTypeId,
      environment: pick(type.environments, current.environment),
      currency: pick(type.currencies, current.currency),
      leverage: pick(type.leverages.map(String), current.leverage),
    };
  }

  protected override valuesChanged(names: string[]) {
    if (names.includes('accountTypeId')) this.values = this.defaults(this.values.accountTypeId ?? '', this.values);
  }

  protected check(name: string, values: Record<string, string>): FieldProblem | undefined {
    const type = this.types.find((item) => item.id === values.accountTypeId);
    switch (name) {
      case 'accountTypeId':
        return checkChoice(
          values.accountTypeId ?? '',
          this.types.map((item) => item.id),
        );
      case 'environment':
        return checkChoice(values.environment ?? '', type?.environments ?? []);
      case 'currency':
        return checkChoice(values.currency ?? '', type?.currencies ?? []);
      case 'leverage':
        return checkChoice(values.leverage ?? '', type?.leverages.map(String) ?? []);
      default:
        return undefined;
    }
  }

  protected async send(values: Record<string, string>, signal: AbortSignal) {
    const adapter = this.activeAdapter;
    if (!adapter) throw new BrokerKitError('UNKNOWN_ERROR', 'No adapter');
    const choices = {
      accountTypeId: values.accountTypeId ?? '',
      environment: values.environment === 'demo' ? ('demo' as const) : ('live' as const),
      currency: values.currency ?? '',
      leverage: Number(values.leverage),
    };
    // The same choices keep their key (a retry never opens a second account); other choices are a new intent.
    const fingerprint = JSON.stringify(choices);
    if (this.intent?.choices !== fingerprint) this.intent = { key: crypto.randomUUID(), choices: fingerprint };
    const result = await adapter.createAccount({ ...choices, idempotencyKey: this.intent.key }, { signal });
    this.complete(result.token, result.userId);
  }

  protected override recover() {
    if (this.loadFailed && this.error && this.recoveryOf(this.error.code) !== 'login') {
      void this.load();
      return;
    }
    super.recover();
  }

  override render() {
    const loading = this.loading;
    return this.renderFrame(loading ? nothing : this.loadFailed ? this.renderError() : this.renderAccountForm(), {
      heading: this.t('auth:accountCreate.title'),
      subheading: this.t('auth:accountCreate.subtitle'),
      loading,
      loadingLabel: this.t('auth:accountCreate.loading'),
    });
  }

  private renderAccountForm() {
    const language = this.localize.language;
    const type = this.selectedType;
    const v = this.values;
    if (this.types.length === 0) {
      return html`<bk-alert variant="warning" heading=${this.t('auth:accountCreate.title')}
        >${this.t('auth:accountCreate.noTypes')}</bk-alert
      >`;
    }
    const options = (values: string[], label: (value: string) => string) =>
      values.map((value) => ({ value, label: label(value) }));
    return this.renderForm(
      html`${this.renderUser(language)} ${this.renderError()}
        <bk-select
          name="accountTypeId"
          label=${this.t('auth:fields.accountType')}
          required
          hint=${type?.description ? localized(type.description, language) : ''}
          .options=${this.types.map((item) => ({ value: item.id, label: localized(item.name, language) }))}
          .value=${v.accountTypeId ?? ''}
          error=${this.fieldError('accountTypeId') ?? ''}
        ></bk-select>
        <bk-select
          name="environment"
          label=${this.t('auth:fields.environment')}
          required
          .options=${options(
            environments.filter((item) => type?.environments.includes(item)),
            (item) => this.t(`auth:accountCreate.environments.${item}`),
          )}
          .value=${v.environment ?? ''}
          error=${this.fieldError('environment') ?? ''}
        ></bk-select>
        <div class="bk-auth-pair">
          <bk-select
            name="currency"
            label=${this.t('auth:fields.currency')}
            required
            .options=${options(type?.currencies ?? [], (code) => code)}
            .value=${v.currency ?? ''}
            error=${this.fieldError('currency') ?? ''}
          ></bk-select>
          <bk-select
            name="leverage"
            label=${this.t('auth:fields.leverage')}
            required
            .options=${options((type?.leverages ?? []).map(String), (value) =>
              this.t('auth:accountCreate.leverageOption', { value }),
            )}
            .value=${v.leverage ?? ''}
            error=${this.fieldError('leverage') ?? ''}
          ></bk-select>
        </div>
        ${
          type?.minDeposit && v.environment === 'live'
            ? html`<p class="bk-auth-muted">
                ${this.t('auth:accountCreate.minDeposit', { amount: formatMoney(type.minDeposit, v.currency, language) })}
              </p>`
            : nothing
        }`,
      { submitLabel: this.t('auth:accountCreate.submit') },
    );
  }

  private renderUser(language: string) {
    const user = this.user;
    if (!user) return nothing;
    const name = formatPersonName(user.firstName ?? '', user.lastName ?? '', language);
    const country = user.country ? countryName(user.country, language) : '';
    return html`<section aria-labelledby="bk-account-create-details">
      <h2 id="bk-account-create-details" class="bk-auth-subheading">${this.t('auth:accountCreate.details')}</h2>
      <dl class="bk-auth-details">
        ${
          name
            ? html`<dt>${this.t('auth:accountCreate.name')}</dt>
                <dd>${name}</dd>`
            : nothing
        }
        <dt>${this.t('auth:fields.email')}</dt>
        <dd>${user.email}</dd>
        ${
          country
            ? html`<dt>${this.t('auth:fields.country')}</dt>
                <dd>${country}</dd>`
            : nothing
        }
      </dl>
    </section>`;
  }
}
