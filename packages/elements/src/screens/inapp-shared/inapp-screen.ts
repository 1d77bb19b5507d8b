import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { ContextProvider } from '@lit/context';
import type { i18n } from 'i18next';
import { resolveLanguage, type BackendAdapter, type InAppAction } from '@broker-kit/core';
import type { OtSessionController } from '../../controllers/ot-session.ts';
import type { PendingValidation } from '../../controllers/pending-validation.ts';
import type { LocalizeController } from '../../controllers/localize.ts';
import { screenStyles, tokens } from '../../styles/tokens.ts';
import { themeClass } from '../../styles/theme.ts';
import { i18nContext } from '../../context.ts';
import { BkCloseEvent } from '../../primitives/events.ts';
import { BkResultEvent, type InAppResult } from './events.ts';
import { returnUrlFor } from './return-url.ts';
import { tokenErrorTemplate } from './error-states.ts';
import { ViewFocusController, focusElement } from '../../controllers/view-focus.ts';
import { screenParts, type BkScreen } from '../../primitives/screen/screen.ts';
import '../../primitives/screen/define.ts';

/**
 * What every in-app screen shares: the properties the hosted shell sets, the one-time token session, the
 * Back/close control and the way back to the app (a `bk-result` event, then navigation to the return URL).
 * A subclass creates its `session` (OtSessionController) and `localize` controllers and implements
 * `renderReady()`.
 *
 * @csspart base - The frame (forwarded from its bk-screen, as are the parts below).
 * @csspart header - The brand and close row.
 * @csspart brand - The brand wrapper.
 * @csspart close - The Back/close button.
 * @csspart heading - The h1.
 * @csspart subheading - The text under the heading.
 * @csspart body - The body wrapper.
 * @csspart footer - The footer.
 * @event {BkResultEvent} bk-result - The outcome for the app: `{ action, status, reference? }`.
 * @event {BkCloseEvent} bk-close - The user leaves (cancelable); then the screen navigates to `returnUrl`.
 */
export abstract class InAppScreen extends LitElement {
  static override styles = [
    tokens,
    screenStyles,
    css`
      :host {
        display: block;
      }
      .bk-summary {
        display: grid;
        grid-template-columns: minmax(7rem, auto) 1fr;
        gap: var(--_bk-space-2) var(--_bk-space-4);
        margin: 0;
      }
      .bk-summary dt {
        color: var(--_bk-color-text-muted);
      }
      .bk-summary dd {
        margin: 0;
        overflow-wrap: break-word;
      }
      /* Amounts and addresses stay whole: on a narrow screen each value goes under its label. */
      @media (max-width: 30rem) {
        .bk-summary {
          grid-template-columns: minmax(0, 1fr);
          gap: 0;
        }
        .bk-summary dd + dt {
          margin-block-start: var(--_bk-space-2);
        }
      }
    `,
  ];

  @property({ attribute: false }) adapter?: BackendAdapter;
  @property({ attribute: false }) i18n?: i18n;
  /** The one-time token the platform opened the screen with; validated once, then unused. */
  @property({ attribute: false }) token?: string;
  /** The validation of `token` the hosted shell already started, adopted by the session instead of a new call. */
  @property({ attribute: false }) validation?: PendingValidation;
  /** The trading account (login) the platform opened the screen for. */
  @property({ type: Number }) account?: number;
  /** Where the user goes back to the app; the outcome is appended by core's return-URL helper. */
  @property({ attribute: 'return-url' }) returnUrl?: string;
  /** How the screen leaves; hosts and tests intercept it. */
  @property({ attribute: false }) navigate: (url: string) => void = (url) => location.assign(url);
  @property() theme?: string;
  /** A language for the screen's i18n instance (allowlisted; the shell usually creates the instance with it). */
  @property() override lang = '';

  protected abstract readonly action: InAppAction;
  protected abstract readonly session: OtSessionController;
  protected abstract readonly localize: LocalizeController;
  /** The heading of the screen's frame. */
  protected abstract heading(): string;
  /** The screen's content once the session is ready. */
  protected abstract renderReady(): TemplateResult | typeof nothing;

  /**
   * Names what the screen shows once the session is ready, for focus management (see ViewFocusController);
   * undefined while it loads or sends.
   */
  protected view(): string | undefined {
    return 'ready';
  }

  /**
   * Moves focus into a new view: its error alert, else its first invalid field, else its step heading
   * (`data-step-heading`), else the frame's heading.
   */
  protected focusView(): boolean {
    const root = this.renderRoot;
    const target =
      root.querySelector<HTMLElement>('bk-alert[variant="error"]') ??
      root.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      root.querySelector<HTMLElement>('[data-step-heading]');
    return focusElement(target) || this.focusFrameHeading();
  }

  protected focusFrameHeading(): boolean {
    return this.renderRoot.querySelector<BkScreen>('bk-screen')?.focusHeading() ?? false;
  }

  private readonly viewFocus = new ViewFocusController(this, {
    view: () => {
      const { state, error } = this.session;
      if (state === 'error') return `token-error:${error?.code ?? ''}`;
      return state === 'ready' ? this.view() : undefined;
    },
    focus: () => this.focusView(),
  });

  /** The outcome once known; leaving the screen carries it back, else the visit counts as cancelled. */
  protected result: InAppResult | undefined;

  /** The adapter in use (property, else context). */
  protected get backend(): BackendAdapter {
    const adapter = this.session.adapter;
    if (!adapter) throw new Error('bk in-app screen used without an adapter');
    return adapter;
  }

  // The primitives inside the screen translate with the screen's own i18n instance.
  private readonly i18nProvider = new ContextProvider(this, { context: i18nContext });

  protected override willUpdate(changed: PropertyValues<this>) {
    const instance = this.localize.instance;
    if (this.i18nProvider.value !== instance) this.i18nProvider.setValue(instance);
    if (changed.has('lang') && this.lang && instance) {
      const wanted = resolveLanguage(this.lang, resolveLanguage(instance.language, 'en'));
      if (wanted !== instance.language) void instance.changeLanguage(wanted);
    }
  }

  /** Announces the outcome to the host page; the user returns to the app with it from the result state. */
  protected reportResult(result: Omit<InAppResult, 'action'>) {
    this.result = { action: this.action, ...result };
    this.dispatchEvent(new BkResultEvent(this.result));
  }

  /**
   * Leaves the screen: `bk-close` (cancelable, for host pages), then the result (cancelled when none was
   * reached) and the navigation to the return URL.
   */
  close() {
    const proceed = this.dispatchEvent(new BkCloseEvent({ reason: 'button' }));
    if (!proceed) return;
    if (!this.result) this.reportResult({ status: 'cancelled' });
    const url = this.returnUrl && this.result ? returnUrlFor(this.returnUrl, this.result) : undefined;
    if (url) this.navigate(url);
  }

  private readonly handleFrameClose = (event: Event) => {
    // The frame's own event stays inside; the screen fires the one hosts listen to.
    event.stopPropagation();
    this.close();
  };

  protected override render() {
    const t = (key: string, options?: Record<string, unknown>) => this.localize.t(key, options);
    const { state, error } = this.session;
    const frameState = state === 'ready' ? 'ready' : state === 'error' ? 'error' : 'loading';
    return html`<bk-screen
      exportparts=${screenParts}
      class=${themeClass(this.theme)}
      heading=${this.heading()}
      closable
      close-label=${t('inapp:backToApp')}
      loading-label=${t('inapp:checkingLink')}
      state=${frameState}
      @bk-close=${this.handleFrameClose}
    >
      ${
        state === 'ready'
          ? this.renderReady()
          : state === 'error' && error
            ? tokenErrorTemplate(t, error, {
                onBack: () => this.close(),
                onRetry: this.session.canRetry ? () => this.session.retry() : undefined,
              })
            : nothing
      }
    </bk-screen>`;
  }
}
