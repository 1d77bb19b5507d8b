import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import {
  BrokerKitError,
  countryName,
  dateOfBirthProblem,
  defaultMinimumAge,
  expiringDocuments,
  formatDate,
  formatList,
  futureDateProblem,
  isCountryCode,
  isoDay,
  isRedirectUrl,
  kycDraftFields,
  kycSteps,
  missingDocuments,
  requirementOf,
  type DocumentType,
  type FieldProblem,
  type KycCorrection,
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
import { countryOptions } from '../shared-auth/countries.ts';
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
  nationality: 'off',
  line1: 'address-line1',
  line2: 'address-line2',
  city: 'address-level2',
  postalCode: 'postal-code',
  country: 'country',
};
const countryFields: readonly string[] = ['nationality', 'country'];
const stepFields: Record<FormStep, readonly string[]> = { personal: personalFields, address: addressFields };

type FormStep = 'personal' | 'address';
type Values = Record<string, string>;

/** A correction names a field or a document; a document's requirement (an identity document meets `passport`). */
function isDocumentItem(item: KycCorrection['item']): item is DocumentType {
  return !(kycDraftFields as readonly string[]).includes(item);
}

/**
 * @summary The in-app KYC screen (`/inapp/kyc`): personal details, address, documents and review, resumable.
 *
 * Opens where the adapter's status says the user is (not started, in progress, pending, approved, due again,
 * rejected or sent back with corrections) for the given `kycType`. Each step is saved through the adapter as the
 * user advances. What is typed and not saved yet goes to the backend as a draft (`adapter.saveKycDraft`, while
 * typing and on every step change) and comes back with the status, so a network error or a reload loses
 * nothing; no personal data is written to web storage. A file is kept once it has uploaded: one still being
 * chosen or uploading when the page reloads must be chosen again.
 *
 * After a rejection or a resubmission request the screen lists each correction (field or document, the reason in
 * the trader's language, the reviewer's note as written) and shows only what they name. An approval that is due
 * again (an expired document, the periodic review) is renewed the same way. With a verification vendor
 * (`status.provider === 'vendor'`) the documents step hands the trader to the vendor (`adapter.startKycCheck`).
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
  @state() private uploadErrors: Partial<Record<string, string>> = {};
  /** The expiry dates typed beside the identity document fields, sent with the file. */
  @state() private expiries: Partial<Record<DocumentType, string>> = {};
  /** The user chose to start a rejected case again, or to renew an approval that is due. */
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
  /** bk-select serves the nationality and country pickers. */
  private readonly selectDefined: Promise<unknown> = import('../../primitives/select/define.ts').catch(
    (error: unknown) =>
      console.error('Broker Kit could not load the country list:', error instanceof Error ? error.message : error),
  );
  private countries: { language: string; options: { value: string; label: string }[] } | undefined;

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

  /** Settles once the documents step's upload fields and the country pickers work too. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    await Promise.all([this.fileDropDefined, this.selectDefined]);
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
      if (status.status === 'approved' && !status.reverification?.due) this.reportResult({ status: 'success' });
    } catch (cause) {
      if (!abort.signal.aborted) this.loadError = asError(cause);
    } finally {
      if (this.loading === abort) this.loading = undefined;
    }
  }

  /** What the trader must still put right; empty outside a rejection, a resubmission request or a renewal. */
  private openCorrections(status = this.status): KycCorrection[] {
    return status?.corrections ?? [];
  }

  private flaggedFields(status = this.status): string[] {
    return this.openCorrections(status)
      .map((correction) => correction.item)
      .filter((item) => !isDocumentItem(item));
  }

  private flaggedRequirements(status = this.status): DocumentType[] {
    return [
      ...new Set(
        this.openCorrections(status)
          .map((correction) => correction.item)
          .filter(isDocumentItem)
          .map(requirementOf),
      ),
    ];
  }

  /**
   * The steps the trader goes through: all of them (with a vendor, its check takes the documents step and ends the
   * flow), or under corrections only those with something to correct.
   */
  private steps(status = this.status): KycStep[] {
    const vendor = status?.provider === 'vendor';
    const all = kycSteps.filter((step) => !(vendor && step === 'review'));
    if (!status || this.openCorrections(status).length === 0) return all;
    const fields = this.flaggedFields(status);
    return all.filter((step) =>
      step === 'review' || (vendor && step === 'documents')
        ? true
        : step === 'documents'
          ? this.flaggedRequirements(status).length > 0
          : stepFields[step].some((field) => fields.includes(field)),
    );
  }

  /** The requirements the documents step asks for: the configured ones, or under corrections the named ones. */
  private requirements(status: KycStatus): DocumentType[] {
    return this.openCorrections(status).length > 0 ? this.flaggedRequirements(status) : status.requiredDocuments;
  }

  /**
   * Resumes where the case stands: the step of the backend's draft when the user could be there (the draft of a
   * step before the first one missing), else the first step still missing; the draft's values over the saved ones.
   */
  private show(status: KycStatus) {
    this.status = status;
    const steps = this.steps(status);
    const firstMissing: KycStep =
      steps.find((step) =>
        step === 'personal'
          ? !status.personal || this.flaggedFields(status).some((field) => personalFields.includes(field as never))
          : step === 'address'
            ? !status.address || this.flaggedFields(status).some((field) => addressFields.includes(field as never))
            : step === 'documents'
              ? status.provider === 'vendor' || this.missing(status).length > 0
              : true,
      ) ?? 'review';
    const drafted = status.draft?.step;
    this.step =
      drafted && steps.includes(drafted) && kycSteps.indexOf(drafted) <= kycSteps.indexOf(firstMissing)
        ? drafted
        : firstMissing;
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

  /** Requirements with no valid document yet; under corrections, those whose correction is not done. */
  private missing(status: KycStatus): DocumentType[] {
    if (status.provider === 'vendor') return [];
    const open = this.openCorrections(status).filter(
      (correction) => isDocumentItem(correction.item) && !correction.done,
    );
    const fromCorrections = open.map((correction) => requirementOf(correction.item as DocumentType));
    return [
      ...new Set([...missingDocuments(status.requiredDocuments, status.documents, Date.now()), ...fromCorrections]),
    ];
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

  /** The fields a step shows: all of them, or under corrections only the named ones. */
  private shownFields(step: FormStep): readonly string[] {
    const flagged = this.flaggedFields();
    return flagged.length > 0 || this.openCorrections().length > 0
      ? stepFields[step].filter((field) => flagged.includes(field))
      : stepFields[step];
  }

  /** The early check of a field, with the same rules the backend applies; a message in the screen's language. */
  private fieldProblem(field: string, value: string): string | undefined {
    if (!value) return optionalFields.includes(field) ? undefined : this.t('kyc:fieldErrors.required');
    if (countryFields.includes(field)) return isCountryCode(value) ? undefined : this.t('kyc:fieldErrors.country');
    if (field === 'dateOfBirth') {
      const minimumAge = this.status?.minimumAge ?? defaultMinimumAge;
      return this.dateMessage(dateOfBirthProblem(value, Date.now(), minimumAge), minimumAge);
    }
    return undefined;
  }

  private dateMessage(problem: FieldProblem | undefined, minimumAge?: number): string | undefined {
    if (!problem) return undefined;
    if (problem.reason === 'required') return this.t('kyc:fieldErrors.required');
    if (problem.detail === 'future') return this.t('kyc:fieldErrors.future');
    if (problem.detail === 'past') return this.t('kyc:fieldErrors.expired');
    if (problem.detail === 'age' && problem.limit === minimumAge)
      return this.t('kyc:fieldErrors.tooYoung', { count: minimumAge });
    return this.t('kyc:fieldErrors.invalid');
  }

  private async handleSave(event: SubmitEvent) {
    event.preventDefault();
    if (this.busy) return;
    const step = this.step as FormStep;
    const errors: Values = {};
    for (const field of this.shownFields(step)) {
      const problem = this.fieldProblem(field, (this.values[field] ?? '').trim());
      if (problem) errors[field] = problem;
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
              nationality: value('nationality'),
            },
          }
        : {
            step,
            data: {
              line1: value('line1'),
              ...(line2 ? { line2 } : {}),
              city: value('city'),
              postalCode: value('postalCode'),
              country: value('country'),
            },
          };
    await this.run(async (signal) => {
      const status = await this.backend.saveKycStep({ ...request, kycType: this.status?.kycType }, { signal });
      this.status = status;
      const steps = this.steps(status);
      const after = steps.slice(steps.indexOf(step) + 1);
      this.step =
        after.find((next) => next !== 'documents' || this.missing(status).length > 0 || status.provider === 'vendor') ??
        'review';
      this.saveStepChange();
    });
  }

  private focusInvalid() {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], bk-select[error]:not([error=""])')?.focus(),
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

  private previousStep(): KycStep | undefined {
    const steps = this.steps();
    return steps[steps.indexOf(this.step) - 1];
  }

  private async handleFile(documentType: DocumentType, event: Event) {
    const drop = event.currentTarget as HTMLElement & { files: File[]; validity?: ValidityState; clear(): void };
    const file = drop.files[0];
    if (!file || drop.validity?.valid === false) return; // bk-file-drop shows its own type and size error
    this.uploadErrors = { ...this.uploadErrors, [documentType]: undefined, [`expiresOn-${documentType}`]: undefined };
    const expiresOn = expiringDocuments.includes(documentType) ? this.expiries[documentType] || undefined : undefined;
    const expiryProblem =
      expiresOn === undefined ? undefined : this.dateMessage(futureDateProblem(expiresOn, Date.now()));
    if (expiryProblem) {
      this.uploadErrors = { ...this.uploadErrors, [`expiresOn-${documentType}`]: expiryProblem };
      return this.focusInvalid();
    }
    await this.run(
      async (signal) => {
        await this.backend.uploadKycDocument(
          {
            documentType,
            file,
            fileName: file.name,
            ...(expiresOn && { expiresOn }),
            ...(this.status ? { kycType: this.status.kycType } : {}),
          },
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
    const idempotencyKey = this.submission.keyFor({
      kycType: status.kycType,
      submit: true,
      at: status.reverification?.dueAt ?? status.status,
    });
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

  /** Hands the trader to the broker's verification vendor: its page opens in place of this one. */
  private async handleVendor() {
    const status = this.status;
    if (this.busy || !status) return;
    this.draft.stop();
    await this.run(async (signal) => {
      const next = await this.backend.startKycCheck(
        { kycType: status.kycType, language: this.localize.language },
        { signal },
      );
      if (next.type !== 'redirect' || !isRedirectUrl(next.url)) throw new BrokerKitError('UNKNOWN_ERROR');
      window.location.assign(next.url);
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
    const due = status.status === 'approved' && status.reverification?.due === true;
    if (due && !this.restarting)
      return html`<div class="bk-stack" data-status="due">
        <bk-alert variant="warning" heading=${this.t('kyc:status.due.title')}>
          ${(status.reverification?.reasons ?? []).map((reason) => html`<p>${this.t(`kyc:status.due.${reason}`)}</p>`)}
        </bk-alert>
        <div class="bk-actions">
          <bk-button variant="secondary" @click=${() => (this.restarting = true)}>${this.t('kyc:renew')}</bk-button>
          ${back}
        </div>
      </div>`;
    if (status.status === 'approved' && !due)
      return html`<div class="bk-stack" data-status="approved">
        <bk-alert variant="success" heading=${this.t('kyc:status.approved.title')}>
          <p>${this.t('kyc:status.approved.message')}</p>
          ${
            status.reverification
              ? html`<p data-valid-until>
                  ${this.t('kyc:status.approved.validUntil', {
                    date: formatDate(
                      isoDay(Date.parse(status.reverification.dueAt) - 86_400_000),
                      this.localize.language,
                    ),
                  })}
                </p>`
              : nothing
          }
        </bk-alert>
        <div class="bk-actions">${back}</div>
      </div>`;
    if (status.status === 'pending')
      return html`<div class="bk-stack" data-status="pending">
        <bk-alert variant="info" heading=${this.t('kyc:status.pending.title')}>
          ${this.t(status.provider === 'vendor' ? 'kyc:status.pending.vendor' : 'kyc:status.pending.message')}
        </bk-alert>
        <div class="bk-actions">${back}</div>
      </div>`;
    const corrections = this.openCorrections(status);
    if (status.status === 'rejected' && corrections.length === 0 && !this.restarting)
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
    const steps = this.steps(status);
    return html`<div class="bk-stack" data-status=${due ? 'due' : status.status}>
      ${corrections.length > 0 ? this.renderCorrections(status, due) : nothing}
      <bk-stepper
        .steps=${steps.map((id) => ({ id, label: this.t(`kyc:steps.${id === 'documents' && status.provider === 'vendor' ? 'verify' : id}`) }))}
        current=${this.step}
      ></bk-stepper>
      <h2 tabindex="-1" data-step-heading>
        ${this.t(`kyc:steps.${this.step === 'documents' && status.provider === 'vendor' ? 'verify' : this.step}`)}
      </h2>
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
            ? status.provider === 'vendor'
              ? this.renderVendor()
              : this.renderDocuments(status)
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

  /** The label of what a correction names: a field's or a document's, in the screen's language. */
  private itemLabel(item: KycCorrection['item']): string {
    return this.t(isDocumentItem(item) ? `kyc:documents.${item}` : `kyc:fields.${item}`);
  }

  private renderCorrections(status: KycStatus, due: boolean) {
    const variant = status.status === 'rejected' ? 'error' : 'warning';
    const heading = due ? 'kyc:status.due.title' : `kyc:status.${status.status}.title`;
    return html`<bk-alert variant=${variant} heading=${this.t(heading)} data-corrections>
      <p>${this.t('kyc:corrections.intro')}</p>
      <ul>
        ${this.openCorrections(status).map(
          (correction) =>
            html`<li data-correction=${correction.item} data-done=${correction.done}>
              ${this.t('kyc:corrections.item', {
                item: this.itemLabel(correction.item),
                reason: this.t(`kyc:reasons.${correction.reason}`),
              })}
              ${correction.note ? html`<q>${correction.note}</q>` : nothing}
              ${correction.done ? html`<strong>${this.t('kyc:corrections.done')}</strong>` : nothing}
            </li>`,
        )}
      </ul>
      ${this.renderReasons(status)}
    </bk-alert>`;
  }

  private countryList() {
    const language = this.localize.language;
    if (this.countries?.language !== language) this.countries = { language, options: countryOptions(language) };
    return this.countries.options;
  }

  private renderFields(step: FormStep) {
    const previous = this.previousStep();
    return html`<form
      class="bk-form"
      novalidate
      @input=${this.handleInput}
      @change=${this.handleInput}
      @submit=${this.handleSave}
    >
      ${repeat(
        this.shownFields(step),
        (field) => field,
        (field) =>
          countryFields.includes(field)
            ? html`<bk-select
                name=${field}
                label=${this.t(`kyc:fields.${field}`)}
                placeholder=${this.t('kyc:countryPlaceholder')}
                autocomplete=${(autocomplete[field] ?? 'off') as AutoFill}
                required
                .options=${this.countryList()}
                .value=${this.values[field] ?? ''}
                error=${this.fieldErrors[field] ?? ''}
              ></bk-select>`
            : html`<bk-input
                name=${field}
                type=${fieldTypes[field] ?? 'text'}
                label=${this.t(`kyc:fields.${field}`)}
                autocomplete=${(autocomplete[field] ?? 'off') as AutoFill}
                ?required=${!optionalFields.includes(field)}
                maxlength=${fieldTypes[field] === 'date' ? 10 : 200}
                max=${fieldTypes[field] === 'date' ? isoDay(Date.now()) : ''}
                value=${this.values[field] ?? ''}
                error=${this.fieldErrors[field] ?? ''}
              ></bk-input>`,
      )}
      <div class="bk-actions">
        ${
          previous
            ? html`<bk-button variant="secondary" ?disabled=${this.busy} @click=${() => this.goTo(previous)}
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

  private renderVendor() {
    const previous = this.previousStep();
    return html`<div class="bk-stack" data-vendor>
      <p>${this.t('kyc:vendor.intro')}</p>
      <div class="bk-actions">
        ${
          previous
            ? html`<bk-button variant="secondary" ?disabled=${this.busy} @click=${() => this.goTo(previous)}
                >${this.t('common:back')}</bk-button
              >`
            : nothing
        }
        <bk-button
          variant="primary"
          data-vendor-start
          ?loading=${this.busy}
          ?disabled=${this.busy}
          @click=${() => void this.handleVendor()}
          >${this.t('kyc:vendor.start')}</bk-button
        >
      </div>
    </div>`;
  }

  private renderDocuments(status: KycStatus) {
    const missing = this.missing(status);
    const previous = this.previousStep();
    const tomorrow = isoDay(Date.now() + 86_400_000);
    return html`<div class="bk-stack">
      <p>${this.t('kyc:documentsIntro')}</p>
      ${this.requirements(status).map((documentType) => {
        const uploaded = status.documents.filter((document) => requirementOf(document.documentType) === documentType);
        const expiring = expiringDocuments.includes(documentType);
        return html`<div class="bk-stack" data-document=${documentType}>
          ${
            expiring
              ? html`<bk-input
                  name=${`expiresOn-${documentType}`}
                  type="date"
                  label=${this.t('kyc:fields.expiresOn')}
                  hint=${this.t('kyc:expiresOnHint')}
                  min=${tomorrow}
                  maxlength="10"
                  autocomplete="off"
                  .value=${this.expiries[documentType] ?? ''}
                  error=${this.uploadErrors[`expiresOn-${documentType}`] ?? ''}
                  @input=${(event: Event) =>
                    (this.expiries = {
                      ...this.expiries,
                      [documentType]: (event.currentTarget as HTMLElement & { value: string }).value,
                    })}
                ></bk-input>`
              : nothing
          }
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
                ${
                  document.expiresOn
                    ? html`<span data-expires
                        >${this.t('kyc:expiresOn', { date: formatDate(document.expiresOn, this.localize.language) })}</span
                      >`
                    : nothing
                }
                <bk-button variant="ghost" ?disabled=${this.busy} @click=${() => void this.handleRemove(document.id)}
                  >${this.t('kyc:remove', { name: document.fileName })}</bk-button
                >
              </div>`,
          )}
        </div>`;
      })}
      <div class="bk-actions">
        ${
          previous
            ? html`<bk-button variant="secondary" ?disabled=${this.busy} @click=${() => this.goTo(previous)}
                >${this.t('common:back')}</bk-button
              >`
            : nothing
        }
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
    const open = this.openCorrections(status).some((correction) => !correction.done);
    const steps = this.steps(status);
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
              <dd>
                ${document.fileName}${document.expiresOn ? html` · ${this.t('kyc:expiresOn', { date: formatDate(document.expiresOn, this.localize.language) })}` : nothing}
              </dd>`,
        )}
      </dl>
      <div class="bk-actions">
        ${
          steps[0] !== 'review'
            ? html`<bk-button variant="secondary" ?disabled=${this.busy} @click=${() => this.goTo(steps[0]!)}
                >${this.t('common:edit')}</bk-button
              >`
            : nothing
        }
        ${
          status.provider === 'vendor'
            ? html`<bk-button
                variant="primary"
                data-vendor-start
                ?loading=${this.busy}
                ?disabled=${this.busy || open}
                @click=${() => void this.handleVendor()}
                >${this.t('kyc:vendor.start')}</bk-button
              >`
            : html`<bk-button
                variant="primary"
                data-submit
                ?loading=${this.busy}
                ?disabled=${this.busy || open}
                @click=${() => void this.handleSubmit()}
                >${this.t('kyc:submit')}</bk-button
              >`
        }
      </div>
    </div>`;
  }
}

function asError(cause: unknown): BrokerKitError {
  return cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR');
}
