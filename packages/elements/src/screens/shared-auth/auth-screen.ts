import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer, ContextProvider } from '@lit/context';
import type { i18n } from 'i18next';
import { BrokerKitError, buildSuccessUrl, type BackendAdapter, type ErrorCode } from '@broker-kit/core';
import { adapterContext, i18nContext } from '../../context.ts';
import { LocalizeController } from '../../controllers/localize.ts';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { applyTheme } from '../../styles/theme.ts';
import { authStyles } from './auth.styles.ts';
import { BkSuccessEvent } from './events.ts';
import type { FieldProblem } from './validation.ts';
import { withQuery } from './urls.ts';
import { ViewFocusController, focusElement } from '../../controllers/view-focus.ts';
import type { BkScreen } from '../../primitives/screen/screen.ts';

/** What a submission is doing, reflected as the host's `state` attribute for hosts, styles and tests. */
export const formStates = ['idle', 'invalid', 'submitting', 'error', 'success'] as const;
export type FormState = (typeof formStates)[number];

/** The parts of a screen's frame that differ between the SSO screens. */
export interface FrameOptions {
  heading: string;
  subheading?: string;
  /** Shows the frame's spinner (with `loadingLabel`) instead of the body while the screen loads its data. */
  loading?: boolean;
  loadingLabel?: string;
}

/** The parts of a screen's form that differ between the SSO screens. */
export interface FormOptions {
  /** The label of the submit button, which follows the fields. */
  submitLabel: string;
  /** Content after the submit button, inside the form (links). */
  after?: unknown;
}

/** What the recovery button of an error does. */
type Recovery = 'retry' | 'login' | 'review';

// Codes whose cure is to log in again; every other code that a retry cannot cure sends the user back to the form.
const loginAgainCodes: readonly ErrorCode[] = ['SESSION_EXPIRED', 'USER_NOT_FOUND'];

/** Any rejection as a BrokerKitError; adapters reject with one, anything else counts as unknown. */
export function toBrokerKitError(cause: unknown): BrokerKitError {
  return cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR', undefined, { cause });
}

/**
 * The common machinery of the SSO form screens: adapter and i18n (properties win over context), light-DOM
 * rendering (the form and its real inputs share one tree with the page, for password managers), field
 * errors after touch or submit, one submission in flight at a time, localized error recovery, and completion
 * by `bk-success` plus navigation to the success URL.
 *
 * @event {BkSuccessEvent} bk-success - The flow completed; cancelable. Detail `{ token, userId, redirectUrl }`.
 */
export abstract class AuthScreen extends LitElement {
  /** The backend; falls back to the nearest `adapterContext` provider. */
  @property({ attribute: false }) adapter?: BackendAdapter;
  /** The i18next instance; falls back to the nearest `i18nContext` provider. */
  @property({ attribute: false }) i18n?: i18n;
  /** `light` or `dark`; anything else leaves the page's colour scheme. */
  @property() theme?: string;
  /** The platform the screen was opened from (`source` query parameter), already parsed. */
  @property() source?: string;
  /**
   * Where a completed flow goes, with `?token=` appended: the success URL registered with the platform
   * (seed 002: https://brokerCrmUrl.com/callback/success). A path resolves against the page's own origin.
   */
  @property({ attribute: 'success-url' }) successUrl = '/callback/success';
  /** The login screen, for errors whose recovery is to log in again. */
  @property({ attribute: 'login-url' }) loginUrl = '/auth/login';
  /** The broker's name and logo in the screen's header (the hosted shell sets them from its configuration). */
  @property({ attribute: 'brand-name' }) brandName = '';
  @property({ attribute: 'logo-src' }) logoSrc = '';
  /** How the screen leaves: hosts and tests replace it to intercept navigation. */
  @property({ attribute: false }) navigate: (url: string) => void = (url) => location.assign(url);
  /** Where the submission stands (read only). */
  @property({ reflect: true }) state: FormState = 'idle';

  @state() protected values: Record<string, string> = {};
  @state() protected touched = new Set<string>();
  @state() protected submitted = false;
  @state() protected serverProblems: Record<string, string> = {};
  @state() protected error: BrokerKitError | undefined;
  @state() protected retryIn = 0;

  protected readonly localize = new LocalizeController(this, ['auth', 'common', 'errors']);
  private readonly adapterConsumer = new ContextConsumer(this, { context: adapterContext, subscribe: true });
  // Primitives inside the screen translate with the same instance, given as a property or by context.
  private readonly i18nProvider = new ContextProvider(this, { context: i18nContext });
  private inflight: AbortController | undefined;
  private countdown: ReturnType<typeof setInterval> | undefined;
  /** Whether the frame shows its spinner (set by renderFrame). */
  private frameLoading = false;
  // After an answer or a load, focus moves to the alert that explains it, else to the heading.
  private readonly viewFocus = new ViewFocusController(this, {
    view: () => {
      if (this.state === 'submitting' || this.frameLoading) return undefined;
      return this.state === 'error' || this.state === 'success' ? this.state : 'form';
    },
    focus: () => {
      const alert =
        this.state === 'error' || this.state === 'success' ? this.querySelector<HTMLElement>('bk-alert') : null;
      return focusElement(alert) || (this.querySelector<BkScreen>('bk-screen')?.focusHeading() ?? false);
    },
  });

  /** The form's fields in order: the first invalid one gets focus after a failed submit. */
  protected abstract readonly fieldNames: readonly string[];
  /** The client check of one field, given all values. */
  protected abstract check(name: string, values: Record<string, string>): FieldProblem | undefined;
  /** Sends the form; resolves when the screen has moved on, rejects with the adapter's error. */
  protected abstract send(values: Record<string, string>, signal: AbortSignal): Promise<void>;

  get activeAdapter(): BackendAdapter | undefined {
    return this.adapter ?? this.adapterConsumer.value;
  }

  protected t(key: string, options?: Record<string, unknown>): string {
    return this.localize.t(key, options);
  }

  /** Credential screens render in light DOM: see the class comment. */
  protected override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, authStyles);
  }

  override willUpdate(changed: PropertyValues<this>) {
    const instance = this.localize.instance;
    if (this.i18nProvider.value !== instance) this.i18nProvider.setValue(instance);
    if (changed.has('theme') || !this.hasUpdated) applyTheme(this, this.theme);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.inflight?.abort();
    this.inflight = undefined;
    this.stopCountdown();
  }

  // ── values and problems ───────────────────────────────────────────────────────────────────────────────

  protected get form(): HTMLFormElement | null {
    return this.querySelector('form');
  }

  /** The form's current values, exactly as a native submit would send them (unchecked boxes are absent). */
  protected readForm(): Record<string, string> {
    const form = this.form;
    if (!form) return { ...this.values };
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
    return values;
  }

  /** The localized problem shown under a field: the server's first, else the client check's, once touched. */
  protected fieldError(name: string): string | undefined {
    const server = this.serverProblems[name];
    if (server !== undefined) return server;
    if (!this.submitted && !this.touched.has(name)) return undefined;
    const problem = this.check(name, this.values);
    return problem ? this.t(`auth:validation.${problem.key}`, problem.values) : undefined;
  }

  protected handleInput = () => {
    const values = this.readForm();
    const changed = Object.keys({ ...values, ...this.values }).filter((name) => values[name] !== this.values[name]);
    this.values = values;
    if (changed.some((name) => name in this.serverProblems)) {
      this.serverProblems = Object.fromEntries(
        Object.entries(this.serverProblems).filter(([name]) => !changed.includes(name)),
      );
    }
    if (changed.length > 0) this.valuesChanged(changed);
    if (this.state === 'invalid' && this.fieldNames.every((name) => !this.fieldError(name))) this.state = 'idle';
  };

  /** A hook for screens that tie something to the values (an idempotency key). */
  protected valuesChanged(_names: string[]) {}

  protected handleFocusOut = (event: FocusEvent) => {
    const name = (event.target as Element).getAttribute('name');
    if (name && this.fieldNames.includes(name) && !this.touched.has(name)) {
      this.values = this.readForm();
      this.touched = new Set([...this.touched, name]);
    }
  };

  protected handleSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    void this.submit();
  };

  /** Client checks, then one call; a second submit while one is in flight does nothing. */
  protected async submit() {
    if (this.inflight) return;
    this.values = this.readForm();
    this.submitted = true;
    const invalid = this.fieldNames.find((name) => this.fieldError(name) !== undefined);
    if (invalid) {
      this.state = 'invalid';
      await this.updateComplete;
      this.focusField(invalid);
      return;
    }
    await this.run((signal) => this.send(this.values, signal));
  }

  /** Runs one adapter call with the screen's error handling; the form keeps every value whatever happens. */
  protected async run(call: (signal: AbortSignal) => Promise<void>) {
    const abort = new AbortController();
    this.inflight = abort;
    this.state = 'submitting';
    this.error = undefined;
    this.stopCountdown();
    try {
      await call(abort.signal);
    } catch (cause) {
      if (abort.signal.aborted) return;
      this.fail(toBrokerKitError(cause));
    } finally {
      if (this.inflight === abort) this.inflight = undefined;
    }
  }

  protected fail(error: BrokerKitError) {
    this.error = error;
    this.state = 'error';
    const fields = Object.entries(error.fields).filter(([name]) => this.fieldNames.includes(name));
    if (fields.length > 0) {
      // A server message is English text or a validation key: show the localized text of a known key only.
      this.serverProblems = Object.fromEntries(
        fields.map(([name, message]) => [
          name,
          this.localize.instance?.exists(`auth:validation.${message}`)
            ? this.t(`auth:validation.${message}`)
            : this.t('auth:validation.server'),
        ]),
      );
    }
    if (error.code === 'RATE_LIMITED') this.startCountdown(error.retryAfter ?? 0);
  }

  /** Completes the SSO flow: `bk-success`, then (unless a listener cancelled it) the success URL with the token. */
  protected complete(token: string, userId: number) {
    const redirectUrl = buildSuccessUrl(new URL(this.successUrl, document.baseURI).href, token);
    this.state = 'success';
    if (this.dispatchEvent(new BkSuccessEvent({ token, userId, redirectUrl }))) this.navigate(redirectUrl);
  }

  protected focusField(name: string) {
    const control = this.form?.elements.namedItem(name);
    const element = control instanceof RadioNodeList ? control[0] : control;
    (element as HTMLElement | null | undefined)?.focus();
  }

  // ── rendering ─────────────────────────────────────────────────────────────────────────────────────────

  /** The screen's `bk-screen` frame with the broker's brand; busy while submitting or loading. */
  protected renderFrame(content: unknown, { heading, subheading, loading = false, loadingLabel }: FrameOptions) {
    this.frameLoading = loading;
    return html`<bk-screen
      brand-name=${this.brandName}
      logo-src=${this.logoSrc}
      heading=${heading}
      subheading=${subheading ?? nothing}
      state=${loading ? 'loading' : 'ready'}
      loading-label=${loadingLabel ?? nothing}
      ?busy=${this.state === 'submitting' || loading}
    >
      ${content}
    </bk-screen>`;
  }

  /**
   * The screen's form: a real post form (for password managers) whose submit, input, change and focusout go
   * through the shared handlers, with native validation off so the localized field errors show instead.
   */
  protected renderForm(fields: unknown, { submitLabel, after = nothing }: FormOptions) {
    return html`<form
      method="post"
      class="bk-auth-form"
      novalidate
      @submit=${this.handleSubmit}
      @input=${this.handleInput}
      @change=${this.handleInput}
      @focusout=${this.handleFocusOut}
    >
      ${fields}
      <bk-button type="submit" variant="primary" class="bk-auth-submit" ?loading=${this.state === 'submitting'}
        >${submitLabel}</bk-button
      >
      ${after}
    </form>`;
  }

  // ── errors ────────────────────────────────────────────────────────────────────────────────────────────

  protected recoveryOf(code: ErrorCode): Recovery {
    if (this.error?.retryable) return 'retry';
    if (loginAgainCodes.includes(code)) return 'login';
    return 'review';
  }

  /** The recovery button of the current error. Screens may handle a code their own way first. */
  protected recover() {
    const error = this.error;
    if (!error) return;
    const recovery = this.recoveryOf(error.code);
    if (recovery === 'retry') {
      void this.run((signal) => this.send(this.values, signal));
      return;
    }
    if (recovery === 'login') {
      this.navigate(withQuery(this.loginUrl, { lang: this.localize.language, theme: this.theme, source: this.source }));
      return;
    }
    this.error = undefined;
    this.state = 'idle';
    this.focusField(this.fieldNames.find((name) => this.fieldError(name) !== undefined) ?? this.fieldNames[0]!);
  }

  protected renderError(): TemplateResult | typeof nothing {
    const error = this.error;
    if (!error) return nothing;
    const code = error.code;
    const waiting = this.retryIn > 0;
    return html`<bk-alert variant="error" heading=${this.t(`errors:${code}.title`)}>
      ${this.t(`errors:${code}.message`)}
      <bk-button slot="actions" variant="secondary" ?disabled=${waiting} @click=${() => this.recover()}
        >${waiting ? this.t('common:retryIn', { count: this.retryIn }) : this.t(`errors:${code}.action`)}</bk-button
      >
    </bk-alert>`;
  }

  private startCountdown(seconds: number) {
    this.stopCountdown();
    this.retryIn = Math.min(Math.max(Math.ceil(seconds), 0), 3600);
    if (this.retryIn === 0) return;
    this.countdown = setInterval(() => {
      this.retryIn = Math.max(this.retryIn - 1, 0);
      if (this.retryIn === 0) this.stopCountdown();
    }, 1000);
  }

  private stopCountdown() {
    if (this.countdown !== undefined) clearInterval(this.countdown);
    this.countdown = undefined;
    this.retryIn = 0;
  }
}
