import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import type { i18n } from 'i18next';
import {
  BrokerKitError,
  checkCompatibility,
  resolveLanguage,
  type BackendAdapter,
  type IdentityMode,
} from '@broker-kit/core';
import { adapterContext } from '../../context.ts';
import { LocalizeController } from '../../controllers/localize.ts';
import { ViewFocusController, focusElement } from '../../controllers/view-focus.ts';
import { tokens } from '../../styles/tokens.ts';
import { themeClass } from '../../styles/theme.ts';
import { ctraderWebStyles } from './ctrader-web.styles.ts';
import { platformBaseUrl, platformWebSrc } from './url.ts';
import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/spinner/define.ts';

/**
 * The frame's sandbox, each token because the platform's web app cannot work without it:
 * - `allow-scripts`: the app is a JavaScript application.
 * - `allow-same-origin`: the app keeps its session and opens its trading connection as its own origin
 *   (without it the frame gets an opaque origin: no storage, no cookies). Safe only because the frame is
 *   never on the page's own origin (`platformBaseUrl` refuses that), so it cannot reach into the page.
 * - `allow-forms`: order tickets and settings are forms.
 * - `allow-popups`: help, reports and the broker's own links open in a new tab.
 * Not granted: top navigation, modals, downloads, pointer lock, presentation, storage access.
 */
export const platformSandbox = 'allow-scripts allow-same-origin allow-forms allow-popups';
/** Permissions the app may use: copying values (account numbers, prices) and its own full-screen charts. */
export const platformAllow = 'clipboard-write; fullscreen';

export const openTriggers = ['click', 'visible'] as const;
export type OpenTrigger = (typeof openTriggers)[number];

/**
 * @summary The platform's web app embedded in the broker's client area, signed in with a one-time token
 * fetched right before the frame loads (the token lives a minute, so it is never fetched early or kept).
 * Needs SSO: under one-time token handoff the element refuses with a message.
 *
 * @csspart frame - The iframe.
 * @cssproperty --bk-ctrader-web-height - Height of the frame (default: 80% of the viewport, 28–60rem).
 * @cssproperty --bk-ctrader-web-placeholder-height - Height of the panel before the platform opens.
 */
export class BkCtraderWeb extends LitElement {
  static override styles = [tokens, ctraderWebStyles];

  @property({ attribute: false }) adapter?: BackendAdapter;
  @property({ attribute: false }) i18n?: i18n;
  /** The trading account (login) the platform opens on (`acc`). */
  @property({ type: Number }) account?: number;
  /** The broker's identity option; the embedded platform is available under 'sso' only. */
  @property({ attribute: 'identity-mode' }) identityMode: IdentityMode = 'sso';
  /** The platform's web address (a branded host); https, and never the page's own origin. */
  @property({ attribute: 'platform-web-url' }) platformWebUrl = '';
  /** 'click': the user presses "Open platform"; 'visible': opens once the element first scrolls into view. */
  @property({ attribute: 'open-on' }) openOn: OpenTrigger = 'click';
  @property() theme?: string;
  @property() override lang = '';

  @state() private status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private src = '';
  @state() private error: BrokerKitError | undefined;
  @state() private fullscreen = false;

  @query('.container') private container?: HTMLElement;

  private readonly localize = new LocalizeController(this, ['engage', 'common', 'errors']);
  private readonly adapterConsumer = new ContextConsumer(this, {
    context: adapterContext,
    subscribe: true,
    callback: () => this.requestUpdate(),
  });
  private abort: AbortController | undefined;
  private observer: IntersectionObserver | undefined;
  /** The user pressed a button to open the platform: focus follows it into the frame (or the error). */
  private openedByUser = false;
  private readonly viewFocus = new ViewFocusController(this, {
    view: () => {
      if (!this.openedByUser) return 'passive';
      return this.status === 'loading' ? undefined : `${this.status}:${this.error?.code ?? ''}`;
    },
    focus: () =>
      focusElement(
        this.renderRoot.querySelector<HTMLElement>('bk-alert[variant="error"]') ??
          this.renderRoot.querySelector<HTMLElement>('iframe'),
      ),
  });

  private get backend(): BackendAdapter | undefined {
    return this.adapter ?? this.adapterConsumer.value;
  }

  /** Whether the embedded platform is available under the broker's identity option (seed 000). */
  get available(): boolean {
    return checkCompatibility(this.identityMode, ['embedded-web']).ok;
  }

  private get baseUrl(): URL | undefined {
    return platformBaseUrl(this.platformWebUrl, location.origin);
  }

  override connectedCallback() {
    super.connectedCallback();
    document.addEventListener('fullscreenchange', this.handleFullscreenChange);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    document.removeEventListener('fullscreenchange', this.handleFullscreenChange);
    this.observer?.disconnect();
    this.observer = undefined;
    this.abort?.abort();
    this.abort = undefined;
    if (this.status === 'loading') this.status = 'idle';
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    const instance = this.localize.instance;
    if (changed.has('lang') && this.lang && instance) {
      const wanted = resolveLanguage(this.lang, resolveLanguage(instance.language, 'en'));
      if (wanted !== instance.language) void instance.changeLanguage(wanted);
    }
  }

  protected override updated() {
    const watch = this.openOn === 'visible' && this.status === 'idle' && this.available && !!this.baseUrl;
    if (watch && !this.observer) {
      this.observer = new IntersectionObserver((entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        this.observer?.disconnect();
        this.observer = undefined;
        void this.open();
      });
      this.observer.observe(this);
    } else if (!watch && this.observer) {
      this.observer.disconnect();
      this.observer = undefined;
    }
  }

  /**
   * Fetches a fresh token and (re)loads the frame. Every call fetches anew: a token is single use and
   * expires within a minute, so a reload after expiry simply asks for another.
   */
  async open() {
    const adapter = this.backend;
    const base = this.baseUrl;
    if (!adapter || !base || !this.available) return;
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.status = 'loading';
    this.error = undefined;
    this.src = '';
    try {
      const { token } = await adapter.platformWebToken({ account: this.account }, { signal: abort.signal });
      if (this.abort !== abort) return;
      this.abort = undefined;
      const theme = this.theme === 'light' || this.theme === 'dark' ? this.theme : undefined;
      const lang = resolveLanguage(this.lang || this.localize.language, 'en');
      this.src = platformWebSrc(base, { token, lang, account: this.account, theme });
      this.status = 'ready';
    } catch (cause) {
      if (this.abort !== abort || abort.signal.aborted) return;
      this.abort = undefined;
      this.error = cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR', undefined, { cause });
      this.status = 'error';
    }
  }

  private readonly handleOpen = () => {
    this.openedByUser = true;
    void this.open();
  };

  private readonly handleFullscreenChange = () => {
    this.fullscreen = !!this.container && document.fullscreenElement === this.container;
  };

  private async handleFullscreen() {
    try {
      if (this.fullscreen) await document.exitFullscreen();
      else await this.container?.requestFullscreen();
    } catch {
      // The browser refused (no user gesture, or a policy): the frame simply stays as it is.
    }
  }

  override render() {
    const t = (key: string, options?: Record<string, unknown>) => this.localize.t(key, options);
    return html`<div class="container ${themeClass(this.theme)}" aria-busy=${this.status === 'loading'}>
      ${this.renderContent(t)}
    </div>`;
  }

  private renderContent(t: (key: string, options?: Record<string, unknown>) => string) {
    if (!this.available) {
      return html`<bk-alert variant="warning" heading=${t('engage:platformWeb.unavailable.title')}>
        ${t('engage:platformWeb.unavailable.message')}
      </bk-alert>`;
    }
    if (!this.baseUrl) {
      return html`<bk-alert variant="error" heading=${t('engage:platformWeb.badUrl.title')}>
        ${t('engage:platformWeb.badUrl.message')}
      </bk-alert>`;
    }
    if (this.status === 'ready') {
      return html`<div class="toolbar">
          <bk-button variant="secondary" @click=${this.handleOpen}>${t('engage:platformWeb.reload')}</bk-button>
          ${
            document.fullscreenEnabled
              ? html`<bk-button variant="secondary" @click=${this.handleFullscreen}>
                  ${t(this.fullscreen ? 'engage:platformWeb.exitFullscreen' : 'engage:platformWeb.fullscreen')}
                </bk-button>`
              : nothing
          }
        </div>
        <iframe
          part="frame"
          title=${t('engage:platformWeb.title')}
          src=${this.src}
          sandbox=${platformSandbox}
          allow=${platformAllow}
          referrerpolicy="no-referrer"
        ></iframe>`;
    }
    if (this.status === 'error' && this.error) {
      const code = this.error.code;
      return html`<bk-alert variant="error" heading=${t(`errors:${code}.title`)}>
        ${t('engage:platformWeb.loadFailed')} ${t(`errors:${code}.message`)}
        <bk-button slot="actions" @click=${this.handleOpen}>${t('common:retry')}</bk-button>
      </bk-alert>`;
    }
    return html`<div class="placeholder">
      ${
        this.status === 'loading'
          ? html`<bk-spinner label=${t('engage:platformWeb.opening')}></bk-spinner>`
          : html`<p>${t('engage:platformWeb.intro')}</p>
              <bk-button @click=${this.handleOpen}>${t('engage:platformWeb.open')}</bk-button>`
      }
    </div>`;
  }
}
