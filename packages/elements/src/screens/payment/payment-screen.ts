import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  amountProblem,
  BrokerKitError,
  formatMoney,
  type PaymentDirection,
  type PaymentMethod,
  type PaymentOptions,
  type PaymentRequest,
  type Transaction,
  toUnits,
} from '@broker-kit/core';
import { LocalizeController } from '../../controllers/localize.ts';
import { SubmissionDraft, parseStringRecord } from '../../controllers/idempotency.ts';
import { CountdownController } from '../../controllers/countdown.ts';
import { prepareAmountFormat } from '../../primitives/input/amount.ts';
import { InAppScreen } from '../inapp-shared/inapp-screen.ts';
import { errorAlertTemplate } from '../inapp-shared/error-states.ts';
import { localizedText } from '../inapp-shared/text.ts';
import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/copy/define.ts';
import '../../primitives/input/define.ts';
import '../../primitives/progress/define.ts';
import '../../primitives/select/define.ts';

/** Where the user is in a payment: entering, checking, waiting for the backend, or at the outcome. */
export const paymentSteps = ['loading', 'unavailable', 'form', 'confirm', 'pending', 'success', 'failure'] as const;
export type PaymentStep = (typeof paymentSteps)[number];

const draftFields = ['methodId', 'currency', 'amount', 'step'] as const;
type PaymentDraft = Partial<Record<(typeof draftFields)[number], string>>;

type Submission = Pick<PaymentRequest, 'methodId' | 'currency' | 'amount'>;

/**
 * The deposit and withdrawal flow: method and amount in the account's currency (checked against the method's limits and, for
 * withdrawals, what is available), a confirmation step, then the transaction's pending, success or failure.
 * One idempotency key per submission intent survives retries and reloads, so money never moves twice.
 */
export abstract class PaymentScreen extends InAppScreen {
  protected abstract readonly direction: PaymentDirection;

  /** Milliseconds between two status checks of a pending transaction. */
  @property({ attribute: false }) pollInterval = 2000;
  /** How many status checks before the screen stops waiting (the transaction goes on without it). */
  @property({ attribute: false }) maxPolls = 15;

  protected override readonly localize = new LocalizeController(this, ['payments', 'inapp', 'common', 'errors']);
  private readonly retryWait = new CountdownController(this);

  @state() protected step: PaymentStep = 'loading';
  @state() private options: PaymentOptions | undefined;
  @state() private loadError: BrokerKitError | undefined;
  @state() private methodId = '';
  @state() private currency = '';
  @state() private amount = '';
  @state() private fieldErrors: { method?: string; amount?: string } = {};
  @state() private submitError: BrokerKitError | undefined;
  @state() private submitting = false;
  @state() private transaction: Transaction | undefined;
  @state() private stillPending = false;

  private draftStore: SubmissionDraft<PaymentDraft> | undefined;
  private abort: AbortController | undefined;
  private pollTimer: ReturnType<typeof setTimeout> | undefined;
  private pollsLeft = 0;

  /** The account the platform opened the screen for, else the one the token names. */
  protected get tradingAccount(): number | undefined {
    return this.account ?? this.session.session?.tradingLogin;
  }

  private get t() {
    return (key: string, options?: Record<string, unknown>) => this.localize.t(key, options);
  }

  private get method(): PaymentMethod | undefined {
    return this.options?.methods.find((method) => method.id === this.methodId);
  }

  protected override heading() {
    return this.t(`payments:${this.direction}.title`);
  }

  protected override view() {
    return this.step === 'loading' || this.submitting ? undefined : `${this.step}:${this.submitError?.code ?? ''}`;
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    if (this.session.state === 'ready' && this.step === 'loading' && !this.abort) void this.loadOptions();
  }

  protected override firstUpdated(changed: PropertyValues<this>) {
    super.firstUpdated(changed);
    // While the session and the options are on their way, so the form's first render does not pay for it.
    setTimeout(() => prepareAmountFormat(this.localize.language), 0);
  }

  override connectedCallback() {
    super.connectedCallback();
    if (this.step === 'pending' && this.transaction && !this.pollTimer) this.schedulePoll();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.abort?.abort();
    this.abort = undefined;
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  // ── loading ─────────────────────────────────────────────────────────────────────────────────────────────
  private async loadOptions() {
    const account = this.tradingAccount;
    if (account === undefined) {
      this.loadError = new BrokerKitError('MISSING_REQUIRED_PARAMETER', 'account');
      this.step = 'unavailable';
      return;
    }
    const abort = new AbortController();
    this.abort = abort;
    this.loadError = undefined;
    try {
      const options = await this.backend.paymentOptions(
        { direction: this.direction, account },
        { signal: abort.signal },
      );
      this.options = options;
      this.restoreDraft(account, options);
    } catch (cause) {
      if (abort.signal.aborted) return;
      this.loadError = cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR');
      this.step = 'unavailable';
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  private restoreDraft(account: number, options: PaymentOptions) {
    this.draftStore = new SubmissionDraft(`bk-payment:${this.direction}:${account}`, (value) =>
      parseStringRecord(value, draftFields),
    );
    const draft = this.draftStore.draft ?? {};
    const method = options.methods.find((candidate) => candidate.id === draft.methodId) ?? options.methods[0];
    this.methodId = method?.id ?? '';
    this.currency = this.pickCurrency(method);
    this.amount = draft.amount && !amountProblem(draft.amount, options.account.currency) ? draft.amount : '';
    const canConfirm = draft.step === 'confirm' && method !== undefined && this.validate();
    this.step = canConfirm ? 'confirm' : 'form';
    this.fieldErrors = {};
  }

  /** A trading account holds one currency: payments are in it (the backend offers methods that accept it). */
  private pickCurrency(method: PaymentMethod | undefined): string {
    const accountCurrency = this.options?.account.currency;
    const currencies = method?.currencies ?? [];
    return accountCurrency && (currencies.length === 0 || currencies.includes(accountCurrency))
      ? accountCurrency
      : (currencies[0] ?? accountCurrency ?? '');
  }

  private saveDraft(step: 'form' | 'confirm') {
    this.draftStore?.saveDraft({ methodId: this.methodId, currency: this.currency, amount: this.amount, step });
  }

  // ── form ────────────────────────────────────────────────────────────────────────────────────────────────
  private money(amount: string, currency = this.currency) {
    return formatMoney(amount, currency, this.localize.language);
  }

  /** Checks the amount against the method's limits (and the available balance); sets localized errors. */
  private validate(): boolean {
    const method = this.method;
    const errors: { method?: string; amount?: string } = {};
    if (!method) errors.method = this.t('payments:errors.method');
    if (!this.amount) errors.amount = this.t('payments:errors.required');
    else if (amountProblem(this.amount, this.options?.account.currency ?? ''))
      errors.amount = this.t('payments:errors.invalid');
    else if (method && toUnits(this.amount) < toUnits(method.min))
      errors.amount = this.t('payments:errors.min', { min: this.money(method.min) });
    else if (method && toUnits(this.amount) > toUnits(method.max))
      errors.amount = this.t('payments:errors.max', { max: this.money(method.max) });
    else if (this.options?.available !== undefined && toUnits(this.amount) > toUnits(this.options.available))
      errors.amount = this.t('payments:errors.available', { available: this.money(this.options.available) });
    this.fieldErrors = errors;
    return !errors.method && !errors.amount;
  }

  private handleMethodChange(event: Event) {
    this.methodId = (event.target as HTMLElement & { value: string }).value;
    this.currency = this.pickCurrency(this.method);
    this.fieldErrors = { ...this.fieldErrors, method: undefined };
    this.saveDraft('form');
  }

  private handleAmountInput(event: Event) {
    const input = event.target as HTMLElement & { value: string; checkValidity(): boolean };
    this.amount = input.checkValidity() ? input.value : '';
    if (this.fieldErrors.amount) this.fieldErrors = { ...this.fieldErrors, amount: undefined };
    this.saveDraft('form');
  }

  private handleReview(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const control = form.querySelector<HTMLInputElement>('bk-input input');
    const unreadable = control !== null && control.value.trim() !== '' && !control.checkValidity();
    const valid = this.validate();
    if (unreadable) this.fieldErrors = { ...this.fieldErrors, amount: this.t('payments:errors.invalid') };
    if (!valid || unreadable) {
      void this.updateComplete.then(() => form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    this.submitError = undefined;
    this.step = 'confirm';
    this.saveDraft('confirm');
    // The intent is formed here: its key is kept from now on, across retries and reloads.
    this.idempotencyKey();
  }

  private idempotencyKey(): string | undefined {
    const account = this.tradingAccount;
    if (!this.draftStore || account === undefined) return undefined;
    const submission: Submission = { methodId: this.methodId, currency: this.currency, amount: this.amount };
    return this.draftStore.keyFor({ account, direction: this.direction, ...submission });
  }

  private handleEdit() {
    this.step = 'form';
    this.submitError = undefined;
    this.saveDraft('form');
  }

  // ── submission ──────────────────────────────────────────────────────────────────────────────────────────
  private async handleConfirm() {
    // A second click, a key repeat or a retry while a call is out never sends a second request.
    const account = this.tradingAccount;
    const idempotencyKey = this.idempotencyKey();
    if (this.submitting || account === undefined || !idempotencyKey) return;
    const submission: Submission = { methodId: this.methodId, currency: this.currency, amount: this.amount };
    this.submitting = true;
    this.submitError = undefined;
    this.retryWait.stop();
    const abort = new AbortController();
    this.abort = abort;
    try {
      const transaction = await this.backend.submitPayment(
        { direction: this.direction, account, ...submission, idempotencyKey },
        { signal: abort.signal },
      );
      this.showTransaction(transaction);
    } catch (cause) {
      if (abort.signal.aborted) return;
      this.handleSubmitError(cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR'));
    } finally {
      if (this.abort === abort) this.abort = undefined;
      this.submitting = false;
    }
  }

  private handleSubmitError(error: BrokerKitError) {
    const amountCodes = ['LIMIT_EXCEEDED', 'INSUFFICIENT_FUNDS', 'VALIDATION_FAILED'];
    if (amountCodes.includes(error.code)) {
      // The backend refused this amount: a changed amount is a new intent.
      this.draftStore?.endIntent();
      this.step = 'form';
      this.fieldErrors = { amount: this.t(`errors:${error.code}.message`) };
      this.saveDraft('form');
      return;
    }
    this.submitError = error;
    if (error.code === 'RATE_LIMITED') this.retryWait.start(error.retryAfter ?? 0);
  }

  private showTransaction(transaction: Transaction) {
    this.transaction = transaction;
    if (transaction.status === 'pending') {
      this.step = 'pending';
      this.stillPending = false;
      this.pollsLeft = this.maxPolls;
      this.schedulePoll();
      return;
    }
    if (transaction.status === 'completed') {
      this.step = 'success';
      this.draftStore?.clear();
      this.reportResult({ status: 'success', reference: transaction.reference });
    } else {
      this.step = 'failure';
      this.draftStore?.endIntent();
      this.saveDraft('form');
      this.reportResult({ status: 'failure', reference: transaction.reference });
    }
  }

  private schedulePoll() {
    clearTimeout(this.pollTimer);
    if (this.pollsLeft <= 0) {
      this.pollTimer = undefined;
      this.stillPending = true;
      return;
    }
    this.pollTimer = setTimeout(() => void this.poll(), this.pollInterval);
  }

  private async poll() {
    const transaction = this.transaction;
    if (!transaction || this.step !== 'pending') return;
    this.pollsLeft--;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const latest = await this.backend.transaction({ id: transaction.id }, { signal: abort.signal });
      if (latest.status === 'pending') this.schedulePoll();
      else this.showTransaction(latest);
    } catch {
      // A failed check says nothing about the transaction: keep waiting within the same bound.
      if (!abort.signal.aborted) this.schedulePoll();
    } finally {
      if (this.abort === abort) this.abort = undefined;
    }
  }

  private handleStartAgain() {
    this.transaction = undefined;
    this.result = undefined;
    this.step = 'form';
  }

  override close() {
    // Leaving while the transaction is still processing: it was accepted, the reference tracks it.
    if (!this.result && this.step === 'pending' && this.transaction)
      this.reportResult({ status: 'success', reference: this.transaction.reference });
    super.close();
  }

  // ── rendering ───────────────────────────────────────────────────────────────────────────────────────────
  protected override renderReady() {
    switch (this.step) {
      case 'loading':
        return html`<bk-progress label=${this.t('common:loading')}></bk-progress>`;
      case 'unavailable':
        return this.loadError
          ? errorAlertTemplate(this.t, this.loadError, {
              onBack: () => this.close(),
              onRetry: this.loadError.retryable ? () => this.handleReload() : undefined,
              texts:
                this.loadError.code === 'MISSING_REQUIRED_PARAMETER'
                  ? { title: this.t('payments:noAccount.title'), message: this.t('payments:noAccount.message') }
                  : undefined,
            })
          : nothing;
      case 'form':
        return this.renderForm();
      case 'confirm':
        return this.renderConfirm();
      default:
        return this.renderOutcome();
    }
  }

  private handleReload() {
    this.step = 'loading';
    this.loadError = undefined;
  }

  private renderAccount() {
    const account = this.options?.account;
    if (!account) return nothing;
    return html`<dl class="bk-summary">
      <dt>${this.t('payments:account')}</dt>
      <dd data-account>${account.login} · ${account.currency}</dd>
      ${
        this.session.session?.email
          ? html`<dt>${this.t('payments:email')}</dt>
              <dd>${this.session.session.email}</dd>`
          : nothing
      }
      ${
        this.options?.available !== undefined
          ? html`<dt>${this.t('payments:available')}</dt>
              <dd data-available>${this.money(this.options.available, account.currency)}</dd>`
          : nothing
      }
    </dl>`;
  }

  private renderForm() {
    const options = this.options;
    if (!options || options.methods.length === 0)
      return html`<bk-alert variant="warning" heading=${this.t('payments:noMethods.title')}>
        ${this.t('payments:noMethods.message')}
        <div slot="actions" class="bk-actions">
          <bk-button variant="primary" @click=${() => this.close()}>${this.t('inapp:backToApp')}</bk-button>
        </div>
      </bk-alert>`;
    const method = this.method;
    const language = this.localize.language;
    const limits = method
      ? this.t('payments:limits', { min: this.money(method.min), max: this.money(method.max) })
      : '';
    return html`<div class="bk-stack">
      ${this.renderAccount()}
      <form class="bk-form" novalidate @submit=${this.handleReview}>
        <bk-select
          label=${this.t('payments:method')}
          name="method"
          required
          .options=${options.methods.map((candidate) => ({ value: candidate.id, label: localizedText(candidate.name, language) }))}
          value=${this.methodId}
          hint=${method?.processingTime ? this.t('payments:processingTime', { time: localizedText(method.processingTime, language) }) : ''}
          error=${this.fieldErrors.method ?? ''}
          @change=${this.handleMethodChange}
        ></bk-select>
        <bk-input
          type="amount"
          name="amount"
          label=${this.t('payments:amount')}
          required
          currency=${this.currency}
          locale=${language}
          value=${this.amount}
          hint=${limits}
          error=${this.fieldErrors.amount ?? ''}
          @input=${this.handleAmountInput}
        ></bk-input>
        <div class="bk-actions">
          <bk-button type="submit" variant="primary" data-review>${this.t('payments:review')}</bk-button>
        </div>
      </form>
    </div>`;
  }

  private renderSummary() {
    const method = this.method;
    const account = this.options?.account;
    return html`<dl class="bk-summary">
      <dt>${this.t('payments:amount')}</dt>
      <dd data-amount>${this.money(this.amount)}</dd>
      <dt>${this.t('payments:fee')}</dt>
      <dd>${method?.fee ?? this.t('payments:noFee')}</dd>
      <dt>${this.t('payments:method')}</dt>
      <dd>${localizedText(method?.name, this.localize.language)}</dd>
      <dt>${this.t('payments:account')}</dt>
      <dd>${account ? `${account.login} · ${account.currency}` : this.tradingAccount}</dd>
    </dl>`;
  }

  private renderConfirm() {
    return html`<div class="bk-stack">
      <h2 tabindex="-1" data-step-heading>${this.t('payments:confirm.title')}</h2>
      <p>${this.t(`payments:${this.direction}.confirmIntro`)}</p>
      ${this.renderSummary()}
      ${
        this.submitError
          ? errorAlertTemplate(this.t, this.submitError, {
              onBack: () => this.close(),
              onRetry: this.submitError.retryable ? () => void this.handleConfirm() : undefined,
              retryHint: this.t('payments:confirm.retrySafe'),
              retryIn: this.retryWait.remaining,
            })
          : nothing
      }
      <div class="bk-actions">
        <bk-button variant="secondary" ?disabled=${this.submitting} @click=${this.handleEdit}
          >${this.t('payments:confirm.edit')}</bk-button
        >
        ${
          // After a final answer (the session ended, the service refused) sending again cannot help.
          this.submitError && !this.submitError.retryable
            ? nothing
            : html`<bk-button
                variant="primary"
                data-confirm
                ?loading=${this.submitting}
                ?disabled=${this.submitting || this.retryWait.remaining > 0}
                @click=${() => void this.handleConfirm()}
                >${this.t(`payments:${this.direction}.submit`, { amount: this.money(this.amount) })}</bk-button
              >`
        }
      </div>
    </div>`;
  }

  /** Why it failed, in the user's language when the backend gave a known code; its own text only otherwise. */
  private failureText(transaction: Transaction) {
    const { failureCode, failureReason } = transaction;
    const reason =
      failureCode && failureCode !== 'other' ? this.t(`payments:failureReasons.${failureCode}`) : failureReason;
    return reason ? this.t('payments:failureReason', { reason }) : this.t('payments:failureMessage');
  }

  private renderReference(transaction: Transaction) {
    return html`<div class="bk-row">
      <span>${this.t('payments:reference')}: <strong data-reference>${transaction.reference}</strong></span>
      <bk-copy
        value=${transaction.reference}
        label=${this.t('payments:copyReference')}
        copied-label=${this.t('common:copied')}
      ></bk-copy>
    </div>`;
  }

  private renderOutcome() {
    const transaction = this.transaction;
    if (!transaction) return nothing;
    const amount = this.money(transaction.amount, transaction.currency);
    const back = html`<bk-button variant="primary" @click=${() => this.close()}
      >${this.t('inapp:backToApp')}</bk-button
    >`;
    if (this.step === 'pending')
      return html`<div class="bk-stack">
        <h2 tabindex="-1" data-step-heading>${this.t('payments:pending.title')}</h2>
        ${
          this.stillPending
            ? html`<p role="status">${this.t('payments:pending.still')}</p>`
            : html`<bk-progress label=${this.t('payments:pending.title')}></bk-progress>
                <p role="status">${this.t(`payments:${this.direction}.pending`, { amount })}</p>`
        }
        ${this.renderReference(transaction)}
        <div class="bk-actions">${back}</div>
      </div>`;
    if (this.step === 'success')
      return html`<div class="bk-stack">
        <bk-alert
          variant="success"
          heading=${this.t(`payments:${this.direction}.success`)}
          data-step-heading
          tabindex="-1"
        >
          ${this.t(`payments:${this.direction}.successMessage`, { amount, account: transaction.account })}
        </bk-alert>
        ${this.renderReference(transaction)}
        <div class="bk-actions">${back}</div>
      </div>`;
    return html`<div class="bk-stack">
      <bk-alert variant="error" heading=${this.t(`payments:${this.direction}.failure`)} data-step-heading tabindex="-1">
        ${this.failureText(transaction)}
      </bk-alert>
      ${this.renderReference(transaction)}
      <div class="bk-actions">
        <bk-button variant="secondary" @click=${this.handleStartAgain}>${this.t('payments:startAgain')}</bk-button>
        ${back}
      </div>
    </div>`;
  }
}
