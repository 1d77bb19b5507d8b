import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  BrokerKitError,
  countryName,
  formatDate,
  formatList,
  kycDraftFields,
  kycSteps,
  type DocumentType,
  type KycDraftRequest,
  type KycStatus,
  type KycStep,
  type KycStepRequest,
} from '@broker-kit/core';
import { BackendDraftController } from '../../controllers/backend-draft.ts';
import { LocalizeController } from '../../controllers/localize.ts';
import { OtSessionController } from '../../controllers/ot-session.ts';
import { SubmissionDraft } from '../../controllers/idempotency.ts';
import { InAppScreen } from '../inapp-shared/inapp-screen.ts';
import { errorAlertTemplate } from '../inapp-shared/error-states.ts';
import { localizedText } from '../inapp-shared/text.ts';
import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/input/define.ts';
import '../../primitives/progress/define.ts';
import '../../primitives/stepper/define.ts';

const personalFields = ['firstName', 'lastName', 'dateOfBirth', 'nationality'] as const;
const addressFields = ['line1', 'line2', 'city', 'postalCode', 'country'] as const;
const optionalFields: readonly string[] = ['line2'];
const fieldTypes: Record<string, 'text' | 'date'> = { dateOfBirth: 'date' };
const autocomplete: Record<string, string> = {
  firstName: 'given-name',
  lastName: 'family-name',
  dateOfBirth: 'bday',
  nationality: 'country',
  line1: 'address-line1',
  line2: 'address-line2',
  city: 'address-level2',
  postalCode: 'postal-code',
  country: 'country',
};
const countryFields: readonly string[] = ['nationality', 'country'];

type FormStep = 'personal' | 'address';
type Values = Record<string, string>;

/**
 * @summary The in-app KYC screen (`/inapp/kyc`): personal details, address, documents and review, resumable.
 *
 * Opens where the adapter's status says the user is (not started, in progress, pending, approved, rejected
 * with reasons, resubmission requested) for the given `kycType`. Each step is saved through the adapter as the
 * user advances. What is typed and not saved yet goes to the backend as a draft (`adapter.saveKycDraft`, while
 * typing and on every step change) and comes back with the status, so a network error or a reload loses
 * nothing; no personal data is written to web storage. A file is kept once it has uploaded: one still being
 * chosen or uploading when the page reloads must be chosen again.
 *
 * @event {BkResultEvent} bk-result - `{ action: 'kyc', status }` once submitted (success) or when the case is approved.
 * @event {BkCloseEvent} bk-close - The user leaves (cancelable); then the screen navigates to `returnUrl`.
 */
export class BkKyc extends InAppScreen {
  protected override readonly action = 'kyc';
  protected override readonly session = new OtSessionController(this, { action: 'kyc' });
  protected override readonly localize = new LocalizeController(this, ['kyc', 'inapp', 'common', 'errors']);

  /** The verification the platform asks for (the broker's own names, e.g. `standard`, `enhanced`). */
  @property({ attribute: 'kyc-type' }) kycType?: string;

  @state() private status: KycStatus | undefined;
  @state() private loadError: BrokerKitError | undefined;
  @state() private step: KycStep = 'personal';
  @state() private values: Values = {};
  @state() private fieldErrors: Values = {};
  @state() private busy = false;
  @state() private actionError: BrokerKitError | undefined;
  @state() private uploadErrors: Partial<Record<DocumentType, string>> = {};
  /** The user chose to start a rejected case again. */
  @state() private restarting = false;

  private loading: AbortController | undefined;
  /** Runs the last adapter call again (same values, same idempotency key). */
  private retry: (() => void) | undefined;
  /** The submission's idempotency key, kept across reloads (the key alone: no form values). */
  private submission: SubmissionDraft<undefined> | undefined;
  /** The last adapter call was an upload: its failure means the file is not kept. */
  private uploading = false;
  private readonly draft = new BackendDraftController<KycDraftRequest>(this, {
    save: (request, signal) => this.backend.saveKycDraft(request, { signal }),
  });
  /** bk-file-drop only serves the documents step: it loads once the user is past the first step. */
  private fileDropDefined: Promise<unknown> | undefined;

  private get t() {
    return (key: string, options?: Record<string, unknown>) => this.localize.t(key, options);
  }

  protected override heading() {
    return this.t('kyc:title');
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    super.willUpdate(changed);
    if (this.session.state === 'ready' && !this.status && !this.loadError && !this.loading) void this.load();
    if (this.status && this.step !== 'personal')
      this.fileDropDefined ??= import('../../primitives/file-drop/define.ts').catch((error: unknown) =>
        console.error('Broker Kit could not load the document upload:', error instanceof Error ? error.message : error),
      );
  }

  /** Settles once the documents step's upload fields work too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await this.fileDropDefined;
    return complete;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.loading?.abort();
    this.loading = undefined;
  }

  private async load() {
    const abort = new AbortController();
    this.loading = abort;
    try {
      const status = await this.backend.kycStatus(this.kycType ? { kycType: this.kycType } : {}, {
        signal: abort.signal,
      });
      this.submission = new SubmissionDraft(`bk-kyc:${status.kycType}`, () => undefined);
      this.show(status);
      if (status.status === 'approved') this.reportResult({ status: 'success' });
    } catch (cause) {
      if (!abort.signal.aborted) this.loadError = asError(cause);
    } finally {
      if (this.loading === abort) this.loading = undefined;
    }
  }

  /**
   * Resumes where the case stands: the step of the backend's draft when the user could be there (the draft of a
   * step before the first one missing), else the first step still missing; the draft's values over the saved ones.
   */
  private show(status: KycStatus) {
    this.status = status;
    const firstMissing: KycStep = !status.personal
      ? 'personal'
      : !status.address
        ? 'address'
        : this.missingDocuments(status).length > 0
          ? 'documents'
          : 'review';
    const drafted = status.draft?.step;
    this.step = drafted && kycSteps.indexOf(drafted) <= kycSteps.indexOf(firstMissing) ? drafted : firstMissing;
    const typed = Object.entries(status.draft?.values ?? {}).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    );
    this.values = { ...this.savedValues(status), ...Object.fromEntries(typed) };
  }

  /** What the backend holds, else what the session knows about the user (pre-filled, editable). */
  private savedValues(status: KycStatus): Values {
    const profile = this.session.session?.profile;
    return {
      firstName: profile?.firstName ?? '',
      lastName: profile?.lastName ?? '',
      nationality: profile?.country ?? '',
      country: profile?.country ?? '',
      ...status.personal,
      ...status.address,
    };
  }

  private missingDocuments(status: KycStatus): DocumentType[] {
    const have = new Set(status.documents.map((document) => document.documentType));
    const identity: DocumentType[] = ['passport', 'national_id', 'driving_licence'];
    return status.requiredDocuments.filter((required) =>
      required === 'passport' ? !identity.some((type) => have.has(type)) : !have.has(required),
    );
  }

  // ── editing ─────────────────────────────────────────────────────────────────────────────────────────────
  private handleInput(event: Event) {
    const form = event.currentTarget as HTMLFormElement;
    const data = Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value)]));
    this.values = { ...this.values, ...data };
    this.draft.update(this.draftRequest());
  }

  /** The whole form as the user sees it, with the step on screen: the backend replaces its draft with it. */
  private draftRequest(): KycDraftRequest {
    const values = Object.fromEntries(
      kycDraftFields.filter((field) => this.values[field] !== undefined).map((field) => [field, this.values[field]]),
    );
    return { kycType: this.status?.kycType, step: this.step, values };
  }

  /** A step change is saved at once: a reload resumes on the step the user was on. */
  private saveStepChange() {
    this.draft.update(this.draftRequest());
    void this.draft.flush();
  }

  private async handleSave(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const step = this.step as FormStep;
    const fields = step === 'personal' ? personalFields : addressFields;
    const errors: Values = {};
    for (const field of fields) {
      const value = (this.values[field] ?? '').trim();
      if (!value && !optionalFields.includes(field)) errors[field] = this.t('kyc:fieldErrors.required');
      else if (value && countryFields.includes(field) && !/^[A-Za-z]{2}$/.test(value))
        errors[field] = this.t('kyc:fieldErrors.country');
    }
    this.fieldErrors = errors;
    if (Object.keys(errors).length > 0) return this.focusInvalid();
    const value = (field: string) => (this.values[field] ?? '').trim();
    const line2 = value('line2');
    const request: KycStepRequest =
      step === 'personal'
        ? {
            step,
            data: {
              firstName: value('firstName'),
              lastName: value('lastName'),
              dateOfBirth: value('dateOfBirth'),
              nationality: value('nationality').toUpperCase(),
            },
          }
        : {
            step,
            data: {
              line1: value('line1'),
              ...(line2 ? { line2 } : {}),
              city: value('city'),
              postalCode: value('postalCode'),
              country: value('country').toUpperCase(),
            },
          };
    await this.run(async (signal) => {
      const status = await this.backend.saveKycStep({ ...request, kycType: this.status?.kycType }, { signal });
      this.status = status;
      this.step = step === 'personal' ? 'address' : this.missingDocuments(status).length > 0 ? 'documents' : 'review';
      this.saveStepChange();
    });
  }

  private focusInvalid() {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('input[aria-invalid="true"]')?.focus(),
    );
  }

  /** Runs an adapter call with the busy state; field problems go to the fields, other errors to an alert. */
  private async run(work: (signal: AbortSignal) => Promise<void>, { upload = false } = {}) {
    this.retry = () => void this.run(work, { upload });
    this.uploading = upload;
    this.busy = true;
    this.actionError = undefined;
    const abort = new AbortController();
    this.loading = abort;
    try {
      await work(abort.signal);
      void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-step-heading]')?.focus());
    } catch (cause) {
      if (abort.signal.aborted) return;
      const error = asError(cause);
      if (error.code === 'VALIDATION_FAILED' && Object.keys(error.fields).length > 0) {
        this.fieldErrors = Object.fromEntries(
          Object.entries(error.fields).map(([field, problem]) => [
            field,
            this.t(`kyc:fieldErrors.${problem === 'required' ? 'required' : 'invalid'}`),
          ]),
        );
        this.focusInvalid();
      } else this.actionError = error;
    } finally {
      if (this.loading === abort) this.loading = undefined;
      this.busy = false;
    }
  }

  private goTo(step: KycStep) {
    this.step = step;
    this.fieldErrors = {};
    this.actionError = undefined;
    this.saveStepChange();
  }

  private async handleFile(documentType: DocumentType, event: Event) {
    const drop = event.currentTarget as HTMLElement & { files: File[]; validity?: ValidityState; clear(): void };
    const file = drop.files[0];
    if (!file || drop.validity?.valid === false) return; // bk-file-drop shows its own type and size error
    this.uploadErrors = { ...this.uploadErrors, [documentType]: undefined };
    await this.run(
      async (signal) => {
        await this.backend.uploadKycDocument(
          { documentType, file, fileName: file.name, ...(this.status ? { kycType: this.status.kycType } : {}) },
          { signal },
        );
        this.status = await this.backend.kycStatus({ kycType: this.status?.kycType }, { signal });
      },
      { upload: true },
    );
    // Once uploaded, the file is listed below with its own Remove; the drop zone is ready for the next one.
    if (!this.actionError) drop.clear();
    if (this.actionError && ['UNSUPPORTED_FILE', 'PAYLOAD_TOO_LARGE'].includes(this.actionError.code)) {
      this.uploadErrors = { ...this.uploadErrors, [documentType]: this.t(`errors:${this.actionError.code}.message`) };
      this.actionError = undefined;
    }
  }

  private async handleRemove(id: string) {
    await this.run(async (signal) => {
      this.status = await this.backend.removeKycDocument({ id }, { signal });
    });
  }

  private async handleSubmit() {
    const status = this.status;
    if (this.busy || !status || !this.submission) return;
    const idempotencyKey = this.submission.keyFor({ kycType: status.kycType, submit: true });
    // Every value is saved in the case by now; the backend deletes the draft on submission.
    this.draft.stop();
    await this.run(async (signal) => {
      const submitted = await this.backend.submitKyc({ kycType: status.kycType, idempotencyKey }, { signal });
      this.submission?.clear();
      this.status = submitted;
      this.restarting = false;
      this.reportResult({ status: 'success' });
    });
  }

  // ── rendering ───────────────────────────────────────────────────────────────────────────────────────────
  protected override renderReady() {
    if (this.loadError)
      return errorAlertTemplate(this.t, this.loadError, {
        onBack: () => this.close(),
        onRetry: this.loadError.retryable ? () => (this.loadError = undefined) : undefined,
      });
    const status = this.status;
    if (!status) return html`<bk-progress label=${this.t('common:loading')}></bk-progress>`;
    const back = html`<bk-button variant="primary" @click=${() => this.close()}
      >${this.t('inapp:backToApp')}</bk-button
    >`;
    if (status.status === 'approved' || status.status === 'pending')
      return html`<div class="bk-stack" data-status=${status.status}>
        <bk-alert
          variant=${status.status === 'approved' ? 'success' : 'info'}
          heading=${this.t(`kyc:status.${status.status}.title`)}
        >
          ${this.t(`kyc:status.${status.status}.message`)}
        </bk-alert>
        <div class="bk-actions">${back}</div>
      </div>`;
    if (status.status === 'rejected' && !this.restarting)
      return html`<div class="bk-stack" data-status="rejected">
        <bk-alert variant="error" heading=${this.t('kyc:status.rejected.title')}>
          <p>${this.t('kyc:status.rejected.message')}</p>
          ${this.renderReasons(status)}
        </bk-alert>
        <div class="bk-actions">
          <bk-button variant="secondary" @click=${() => (this.restarting = true)}
            >${this.t('kyc:startAgain')}</bk-button
          >
          ${back}
        </div>
      </div>`;
    return html`<div class="bk-stack" data-status=${status.status}>
      ${
        status.status === 'resubmission_requested'
          ? html`<bk-alert variant="warning" heading=${this.t('kyc:status.resubmission_requested.title')}>
              ${this.renderReasons(status)}
            </bk-alert>`
          : nothing
      }
      <bk-stepper
        .steps=${(['personal', 'address', 'documents', 'review'] as const).map((id) => ({ id, label: this.t(`kyc:steps.${id}`) }))}
        current=${this.step}
      ></bk-stepper>
      <h2 tabindex="-1" data-step-heading>${this.t(`kyc:steps.${this.step}`)}</h2>
      ${
        this.actionError
          ? errorAlertTemplate(this.t, this.actionError, {
              onBack: () => this.close(),
              onRetry: this.actionError.retryable ? this.retry : undefined,
              retryHint: this.t(this.uploading ? 'kyc:fileNotKept' : 'kyc:nothingLost'),
            })
          : nothing
      }
      ${
        this.step === 'personal' || this.step === 'address'
          ? this.renderFields(this.step)
          : this.step === 'documents'
            ? this.renderDocuments(status)
            : this.renderReview(status)
      }
    </div>`;
  }

  private renderReasons(status: KycStatus) {
    if (status.reasons.length === 0) return nothing;
    return html`<ul data-reasons>
      ${status.reasons.map((reason) => html`<li>${localizedText(reason, this.localize.language)}</li>`)}
    </ul>`;
  }

  private renderFields(step: FormStep) {
    const fields = step === 'personal' ? personalFields : addressFields;
    return html`<form class="bk-form" novalidate @input=${this.handleInput} @submit=${this.handleSave}>
      ${repeat(
        fields,
        (field) => field,
        (field) =>
          html`<bk-input
            name=${field}
            type=${fieldTypes[field] ?? 'text'}
            label=${this.t(`kyc:fields.${field}`)}
            hint=${countryFields.includes(field) ? this.t('kyc:countryHint') : ''}
            autocomplete=${(autocomplete[field] ?? 'off') as AutoFill}
            ?required=${!optionalFields.includes(field)}
            maxlength=${countryFields.includes(field) ? 2 : 200}
            value=${this.values[field] ?? ''}
            error=${this.fieldErrors[field] ?? ''}
          ></bk-input>`,
      )}
      <div class="bk-actions">
        ${
          step === 'address'
            ? html`<bk-button variant="secondary" ?disabled=${this.busy} @click=${() => this.goTo('personal')}
                >${this.t('common:back')}</bk-button
              >`
            : nothing
        }
        <bk-button type="submit" variant="primary" data-next ?loading=${this.busy} ?disabled=${this.busy}
          >${this.t('kyc:saveAndContinue')}</bk-button
        >
      </div>
    </form>`;
  }

  private renderDocuments(status: KycStatus) {
    const missing = this.missingDocuments(status);
    return html`<div class="bk-stack">
      <p>${this.t('kyc:documentsIntro')}</p>
      ${status.requiredDocuments.map((documentType) => {
        const uploaded = status.documents.filter((document) =>
          documentType === 'passport'
            ? ['passport', 'national_id', 'driving_licence'].includes(document.documentType)
            : document.documentType === documentType,
        );
        return html`<div class="bk-stack" data-document=${documentType}>
          <bk-file-drop
            name=${documentType}
            label=${this.t(`kyc:documents.${documentType}`)}
            hint=${this.t('kyc:fileHint', {
              types: formatList(
                status.acceptedMimeTypes.map((type) => type.split('/')[1]?.toUpperCase() ?? type),
                this.localize.language,
                'disjunction',
              ),
              size: Math.round(status.maxFileSize / (1024 * 1024)),
            })}
            accept=${status.acceptedMimeTypes.join(',')}
            max-size=${status.maxFileSize}
            error=${this.uploadErrors[documentType] ?? ''}
            ?disabled=${this.busy}
            @change=${(event: Event) => void this.handleFile(documentType, event)}
          ></bk-file-drop>
          ${uploaded.map(
            (document) =>
              html`<div class="bk-row" data-uploaded>
                <span>${this.t('kyc:uploaded', { name: document.fileName })}</span>
                <bk-button variant="ghost" ?disabled=${this.busy} @click=${() => void this.handleRemove(document.id)}
                  >${this.t('kyc:remove', { name: document.fileName })}</bk-button
                >
              </div>`,
          )}
        </div>`;
      })}
      <div class="bk-actions">
        <bk-button variant="secondary" ?disabled=${this.busy} @click=${() => this.goTo('address')}
          >${this.t('common:back')}</bk-button
        >
        <bk-button
          variant="primary"
          data-next
          ?disabled=${this.busy || missing.length > 0}
          @click=${() => this.goTo('review')}
          >${this.t('common:continue')}</bk-button
        >
      </div>
    </div>`;
  }

  /** A saved value as the review shows it: a date or a country in the screen's language, not its ISO form. */
  private shown(field: string, value: string): string {
    const language = this.localize.language;
    if (fieldTypes[field] === 'date') return formatDate(value, language);
    return countryFields.includes(field) ? countryName(value, language) : value;
  }

  private renderReview(status: KycStatus) {
    const entries = [
      ...personalFields.map((field) => [field, status.personal?.[field]] as const),
      ...addressFields.map(
        (field) => [field, status.address?.[field as keyof NonNullable<KycStatus['address']>]] as const,
      ),
    ].filter(([, value]) => value);
    return html`<div class="bk-stack">
      <dl class="bk-summary">
        ${entries.map(
          ([field, value]) =>
            html`<dt>${this.t(`kyc:fields.${field}`)}</dt>
              <dd data-field=${field}>${this.shown(field, value!)}</dd>`,
        )}
        ${status.documents.map(
          (document) =>
            html`<dt>${this.t(`kyc:documents.${document.documentType}`)}</dt>
              <dd>${document.fileName}</dd>`,
        )}
      </dl>
      <div class="bk-actions">
        <bk-button variant="secondary" ?disabled=${this.busy} @click=${() => this.goTo('personal')}
          >${this.t('common:edit')}</bk-button
        >
        <bk-button
          variant="primary"
          data-submit
          ?loading=${this.busy}
          ?disabled=${this.busy}
          @click=${() => void this.handleSubmit()}
          >${this.t('kyc:submit')}</bk-button
        >
      </div>
    </div>`;
  }
}

function asError(cause: unknown): BrokerKitError {
  return cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR');
}
