import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { BrokerKitError, type ActionField, type ActionResult, type ActionSchema } from '@broker-kit/core';
import { OtSessionController } from '../../controllers/ot-session.ts';
import { LocalizeController } from '../../controllers/localize.ts';
import { CountdownController } from '../../controllers/countdown.ts';
import { InAppScreen } from '../inapp-shared/inapp-screen.ts';
import { errorAlertTemplate } from '../inapp-shared/error-states.ts';
import { localizedText } from '../inapp-shared/text.ts';
import { actionStyles } from './action.styles.ts';
import { fieldError, initialValue, submittedValues, type FieldValue } from './fields.ts';
import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/checkbox/define.ts';
import '../../primitives/input/define.ts';
import '../../primitives/select/define.ts';
import '../../primitives/spinner/define.ts';
import '../../primitives/textarea/define.ts';

type Step = 'form' | 'confirm' | 'submitting' | 'result';

function toError(cause: unknown): BrokerKitError {
  return cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR', undefined, { cause });
}

/**
 * @summary A broker-defined in-app action (`/inapp/action?actionType=…`): the form is built from the declarative
 * schema `adapter.actionSchema` returns (fields, validation, broker texts per language, submit label, optional
 * confirm step), so a broker adds actions without code. An unknown `actionType` shows a localized "not
 * available" state. Each submission carries one idempotency key: a retry never submits twice.
 *
 * @event {BkResultEvent} bk-result - The outcome: `{ action: 'action', status, reference }`.
 * @event {BkCloseEvent} bk-close - The user leaves (cancelable); then the screen navigates to `returnUrl`.
 */
export class BkAction extends InAppScreen {
  static override styles = [...InAppScreen.styles, actionStyles];

  /** The broker's action to render. */
  @property({ attribute: 'action-type' }) actionType = '';

  protected override readonly action = 'action';
  protected override readonly session = new OtSessionController(this, { action: 'action' });
  protected override readonly localize = new LocalizeController(this, ['engage', 'inapp', 'common', 'errors']);
  private readonly retryWait = new CountdownController(this);

  @state() private schemaStatus: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private schema: ActionSchema | undefined;
  @state() private loadError: BrokerKitError | undefined;
  @state() private values: Record<string, FieldValue> = {};
  @state() private errors: Record<string, string> = {};
  @state() private step: Step = 'form';
  @state() private submitError: BrokerKitError | undefined;
  @state() private outcome: ActionResult | undefined;

  /** The key of the submission in flight or last failed; a retry of the same answers reuses it. */
  private idempotencyKey: string | undefined;
  private abort: AbortController | undefined;

  protected override heading(): string {
    return this.schema ? this.text(this.schema.title) : this.localize.t('engage:action.heading');
  }

  protected override view() {
    if (this.schemaStatus === 'error') return `load-error:${this.loadError?.code ?? ''}`;
    if (this.schemaStatus !== 'ready' || this.step === 'submitting') return undefined;
    return `${this.step}:${this.submitError?.code ?? ''}`;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.abort?.abort();
    this.abort = undefined;
    if (this.schemaStatus === 'loading') this.schemaStatus = 'idle';
    if (this.step === 'submitting') this.step = 'confirm';
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    if (changed.has('actionType') && changed.get('actionType') !== undefined) this.schemaStatus = 'idle';
  }

  protected override updated() {
    if (this.session.state === 'ready' && this.schemaStatus === 'idle') void this.loadSchema();
  }

  private text(value: Parameters<typeof localizedText>[0]): string {
    return localizedText(value, this.localize.language);
  }

  private async loadSchema() {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.schemaStatus = 'loading';
    try {
      if (!this.actionType.trim()) throw new BrokerKitError('NOT_FOUND', 'No actionType');
      const schema = await this.backend.actionSchema({ actionType: this.actionType }, { signal: abort.signal });
      if (this.abort !== abort) return;
      this.schema = schema;
      this.values = Object.fromEntries(schema.fields.map((field) => [field.name, initialValue(field)]));
      this.errors = {};
      this.step = 'form';
      this.schemaStatus = 'ready';
    } catch (cause) {
      if (this.abort !== abort || abort.signal.aborted) return;
      this.loadError = toError(cause);
      this.schemaStatus = 'error';
    }
  }

  private setValue(field: ActionField, value: FieldValue) {
    this.values = { ...this.values, [field.name]: value };
    // New answers are a new intent: the next submission gets its own key.
    this.idempotencyKey = undefined;
    if (this.errors[field.name]) this.errors = { ...this.errors, [field.name]: fieldError(field, value, this.t) };
  }

  private readonly t = (key: string, options?: Record<string, unknown>) => this.localize.t(key, options);

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const schema = this.schema;
    if (!schema || this.step === 'submitting' || this.retryWait.remaining > 0) return;
    const errors = Object.fromEntries(
      schema.fields.map((field) => [field.name, fieldError(field, this.values[field.name] ?? '', this.t)]),
    );
    this.errors = errors;
    const firstInvalid = schema.fields.find((field) => errors[field.name]);
    if (firstInvalid) {
      void this.updateComplete.then(() => this.focusField(firstInvalid.name));
      return;
    }
    if (schema.confirm && this.step === 'form') {
      this.step = 'confirm';
      return;
    }
    void this.submit();
  }

  private focusField(name: string) {
    const control = this.renderRoot.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
    (control?.querySelector<HTMLElement>('input, textarea, button') ?? control)?.focus();
  }

  private async submit() {
    const schema = this.schema;
    if (!schema) return;
    this.idempotencyKey ??= crypto.randomUUID();
    const abort = new AbortController();
    this.abort = abort;
    this.step = 'submitting';
    this.submitError = undefined;
    this.retryWait.stop();
    try {
      const outcome = await this.backend.submitAction(
        {
          actionType: schema.actionType,
          values: submittedValues(schema.fields, this.values),
          idempotencyKey: this.idempotencyKey,
        },
        { signal: abort.signal },
      );
      if (this.abort !== abort) return;
      this.outcome = outcome;
      this.idempotencyKey = undefined;
      this.step = 'result';
      this.reportResult({
        status: outcome.status === 'rejected' ? 'failure' : 'success',
        reference: outcome.reference,
      });
    } catch (cause) {
      if (this.abort !== abort || abort.signal.aborted) return;
      const error = toError(cause);
      this.submitError = error;
      this.step = 'form';
      if (error.code === 'RATE_LIMITED') this.retryWait.start(error.retryAfter ?? 0);
      if (error.code === 'VALIDATION_FAILED' && Object.keys(error.fields).length > 0) {
        const invalid = this.t('engage:action.validation.pattern');
        this.errors = Object.fromEntries(Object.keys(error.fields).map((name) => [name, invalid]));
      }
    }
  }

  protected override renderReady() {
    const t = this.t;
    if (this.schemaStatus === 'error' && this.loadError) {
      const error = this.loadError;
      const notFound = error.code === 'NOT_FOUND';
      return errorAlertTemplate(t, error, {
        onBack: () => this.close(),
        onRetry: error.retryable ? () => (this.schemaStatus = 'idle') : undefined,
        texts: notFound
          ? { title: t('engage:action.notFound.title'), message: t('engage:action.notFound.message') }
          : { title: t(`errors:${error.code}.title`), message: t('engage:action.loadFailed') },
      });
    }
    const schema = this.schema;
    if (this.schemaStatus !== 'ready' || !schema) {
      return html`<bk-spinner label=${t('common:loading')}></bk-spinner>`;
    }
    if (this.step === 'result' && this.outcome) return this.renderResult(this.outcome);
    const confirming = this.step === 'confirm' || (this.step === 'submitting' && !!schema.confirm);
    return html`<form class="bk-form" novalidate @submit=${this.handleSubmit}>
      ${schema.description ? html`<p>${this.text(schema.description)}</p>` : nothing}
      ${this.submitError ? this.renderSubmitError(this.submitError) : nothing}
      ${confirming ? this.renderSummary(schema) : schema.fields.map((field) => this.renderField(field))}
      <div class="bk-actions">
        ${
          confirming
            ? html`<bk-button
                variant="secondary"
                ?disabled=${this.step === 'submitting'}
                @click=${() => (this.step = 'form')}
                >${t('common:edit')}</bk-button
              >`
            : nothing
        }
        <bk-button
          type="submit"
          ?loading=${this.step === 'submitting'}
          ?disabled=${this.step === 'submitting' || this.retryWait.remaining > 0}
        >
          ${confirming ? t('common:confirm') : schema.submitLabel ? this.text(schema.submitLabel) : t('common:submit')}
        </bk-button>
      </div>
    </form>`;
  }

  private renderSubmitError(error: BrokerKitError) {
    const t = this.t;
    if (error.code === 'VALIDATION_FAILED')
      return html`<bk-alert variant="error" heading=${t('errors:VALIDATION_FAILED.title')}
        >${t('engage:action.invalid')}</bk-alert
      >`;
    // The code's own explanation: a generic "not sent" would contradict DUPLICATE_SUBMISSION ("already received").
    return errorAlertTemplate(t, error, {
      onBack: () => this.close(),
      onRetry: error.retryable ? () => void this.submit() : undefined,
      retryHint: t('engage:action.sendFailed'),
      retryIn: this.retryWait.remaining,
    });
  }

  private renderField(field: ActionField) {
    const label = this.text(field.label);
    const hint = this.text(field.hint);
    const error = this.errors[field.name] ?? '';
    const value = this.values[field.name] ?? initialValue(field);
    const text = typeof value === 'string' ? value : '';
    const onInput = (event: Event) =>
      this.setValue(field, (event.currentTarget as HTMLElement & { value: string }).value);
    switch (field.type) {
      case 'checkbox':
        return html`<bk-checkbox
          name=${field.name}
          ?checked=${value === true}
          ?required=${!!field.required}
          error=${error}
          @change=${(event: Event) =>
            this.setValue(field, (event.currentTarget as HTMLElement & { checked: boolean }).checked)}
          >${label}</bk-checkbox
        >`;
      case 'select':
        return html`<bk-select
          name=${field.name}
          label=${label}
          hint=${hint}
          error=${error}
          placeholder=${this.t('engage:action.choose')}
          .value=${text}
          ?required=${!!field.required}
          .options=${(field.options ?? []).map((option) => ({ value: option.value, label: this.text(option.label) }))}
          @change=${onInput}
        ></bk-select>`;
      case 'textarea':
        return html`<bk-textarea
          name=${field.name}
          label=${label}
          hint=${hint}
          error=${error}
          .value=${text}
          ?required=${!!field.required}
          maxlength=${field.maxLength ?? nothing}
          @input=${onInput}
        ></bk-textarea>`;
      default:
        // The broker's pattern is never handed to the native input: the browser would run it unbounded.
        return html`<bk-input
          name=${field.name}
          type=${field.type}
          label=${label}
          hint=${hint}
          error=${error}
          .value=${text}
          ?required=${!!field.required}
          maxlength=${field.maxLength ?? nothing}
          min=${field.min ?? nothing}
          max=${field.max ?? nothing}
          locale=${this.localize.language}
          @input=${onInput}
        ></bk-input>`;
    }
  }

  private renderSummary(schema: ActionSchema) {
    const t = this.t;
    const display = (field: ActionField) => {
      const value = this.values[field.name];
      if (field.type === 'checkbox') return t(value === true ? 'engage:action.yes' : 'engage:action.no');
      if (field.type === 'select') {
        const option = field.options?.find((candidate) => candidate.value === value);
        return option ? this.text(option.label) : '';
      }
      return typeof value === 'string' ? value : '';
    };
    return html`<h2>${t('engage:action.confirm.title')}</h2>
      <p class="bk-muted">${t('engage:action.confirm.message')}</p>
      <dl class="bk-summary">
        ${schema.fields.map(
          (field) =>
            html`<dt>${this.text(field.label)}</dt>
              <dd>${display(field)}</dd>`,
        )}
      </dl>`;
  }

  private renderResult(outcome: ActionResult) {
    const t = this.t;
    const variant = outcome.status === 'rejected' ? 'error' : outcome.status === 'pending' ? 'info' : 'success';
    return html`<div class="bk-stack">
      <bk-alert
        variant=${variant}
        heading=${t(`engage:action.result.${outcome.status}`)}
        data-step-heading
        tabindex="-1"
      >
        ${outcome.message ? html`<p>${this.text(outcome.message)}</p>` : nothing}
        ${outcome.reference ? html`<p>${t('engage:action.reference', { reference: outcome.reference })}</p>` : nothing}
      </bk-alert>
      <bk-button @click=${() => this.close()}>${t('inapp:backToApp')}</bk-button>
    </div>`;
  }
}
