import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer } from '@lit/context';
import type { i18n } from 'i18next';
import {
  BrokerKitError,
  checkCompatibility,
  resolveLanguage,
  type BackendAdapter,
  type IdentityMode,
  type Ribbon,
} from '@broker-kit/core';
import { adapterContext } from '../../context.ts';
import { LocalizeController } from '../../controllers/localize.ts';
import { cssProperties } from '../../directives/css-properties.ts';
import { tokens } from '../../styles/tokens.ts';
import { themeClass } from '../../styles/theme.ts';
import { ribbonStyles } from './ribbon.styles.ts';
import { parseRibbons, readableTextColor, safeExternalUrl, safeInAppPath, selectRibbon } from './rules.ts';
import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';

/** Closed ribbons are remembered for the visit (the tab's session), by id only. */
const closedKey = 'bk-ribbons-closed';

function readClosed(): Set<string> {
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(closedKey) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    return new Set();
  }
}

function writeClosed(closed: ReadonlySet<string>) {
  try {
    sessionStorage.setItem(closedKey, JSON.stringify([...closed]));
  } catch {
    // Storage may be unavailable (private mode, sandboxed frame): the ribbon then stays closed until reload.
  }
}

/** Fired when the user closes a ribbon. */
export class BkRibbonCloseEvent extends Event {
  readonly detail: { id: string };
  constructor(id: string) {
    super('bk-close', { bubbles: true, composed: true });
    this.detail = { id };
  }
}

/**
 * @summary The broker's ribbon (a coloured banner with a title and an optional action), picked from the
 * user's ribbon rules as the platform picks it: enabled, aimed at this account, broker or user, the most
 * specific scope first. Ribbons need SSO: under one-time token handoff the element says so instead.
 *
 * Client area: set `adapter` (or provide it by context) and `account`; the rules come from `adapter.ribbons`.
 * Back-office preview: set `preview` and `.rules` directly; no adapter is called and nothing is remembered.
 *
 * @event {BkRibbonCloseEvent} bk-close - The user closed the ribbon (`detail.id`); it stays closed for the visit.
 * @csspart ribbon - The banner.
 * @csspart title - The title (a link when the ribbon has an action).
 * @csspart close - The close button.
 * @cssproperty --bk-ribbon-radius - Corner radius of the banner.
 */
export class BkRibbon extends LitElement {
  static override styles = [tokens, ribbonStyles];

  @property({ attribute: false }) adapter?: BackendAdapter;
  @property({ attribute: false }) i18n?: i18n;
  /** The trading account the page shows; account-scoped rules apply only to it. */
  @property({ type: Number }) account?: number;
  /** The broker's identity option; ribbons are available under 'sso' only. */
  @property({ attribute: 'identity-mode' }) identityMode: IdentityMode = 'sso';
  /** Back-office preview: render `.rules` as the platform would, without an adapter. */
  @property({ type: Boolean, reflect: true }) preview = false;
  /** The rules to preview (checked against the ribbon schema; malformed rules are skipped and counted). */
  @property({ attribute: false }) rules: unknown[] = [];
  /** How an in-app action (`urlinApp`) navigates; hosts and tests intercept it. */
  @property({ attribute: false }) navigate: (url: string) => void = (url) => location.assign(url);
  @property() theme?: string;
  @property() override lang = '';

  @state() private status: 'idle' | 'loading' | 'ready' | 'error' = 'idle';
  @state() private loaded: Ribbon[] = [];
  @state() private error: BrokerKitError | undefined;
  @state() private closed: Set<string> = new Set();

  private readonly localize = new LocalizeController(this, ['engage', 'common', 'errors']);
  private readonly adapterConsumer = new ContextConsumer(this, {
    context: adapterContext,
    subscribe: true,
    callback: () => this.requestUpdate(),
  });
  private abort: AbortController | undefined;

  private get backend(): BackendAdapter | undefined {
    return this.adapter ?? this.adapterConsumer.value;
  }

  /** Whether ribbons are available under the broker's identity option (seed 000's module table). */
  get available(): boolean {
    return checkCompatibility(this.identityMode, ['ribbons']).ok;
  }

  override connectedCallback() {
    super.connectedCallback();
    if (!this.preview) this.closed = readClosed();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
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
    if (changed.has('account') || changed.has('adapter') || changed.has('identityMode')) {
      if (this.status !== 'loading') this.status = 'idle';
    }
    if (this.status === 'idle' && !this.preview && this.available && this.backend) void this.load(this.backend);
  }

  /** Fetches the rules again (after an error). */
  reload() {
    this.abort?.abort();
    this.status = 'idle';
    this.requestUpdate();
  }

  private async load(adapter: BackendAdapter) {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.status = 'loading';
    this.error = undefined;
    try {
      const language = this.localize.language;
      const rules = await adapter.ribbons({ account: this.account, language }, { signal: abort.signal });
      if (this.abort !== abort) return;
      this.loaded = rules;
      this.status = 'ready';
    } catch (cause) {
      if (this.abort !== abort || abort.signal.aborted) return;
      this.error = cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR', undefined, { cause });
      this.status = 'error';
    }
  }

  private handleClose(ribbon: Ribbon) {
    this.closed = new Set([...this.closed, ribbon.id]);
    if (!this.preview) writeClosed(this.closed);
    this.dispatchEvent(new BkRibbonCloseEvent(ribbon.id));
  }

  private handleInApp(event: MouseEvent, path: string) {
    // A modified click (new tab, new window) keeps the browser's own behaviour.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.navigate(path);
  }

  override render() {
    const t = (key: string, options?: Record<string, unknown>) => this.localize.t(key, options);
    let content;
    if (!this.available) {
      content = html`<bk-alert variant="warning" heading=${t('engage:ribbon.unavailable.title')}>
        ${t('engage:ribbon.unavailable.message')}
      </bk-alert>`;
    } else if (this.preview) {
      const { rules, invalid } = parseRibbons(this.rules);
      const ribbon = selectRibbon(rules, { account: this.account, closed: this.closed });
      content = html`<div class="notice">
        ${
          invalid > 0
            ? html`<bk-alert variant="warning">${t('engage:ribbon.preview.invalid', { count: invalid })}</bk-alert>`
            : nothing
        }
        ${ribbon ? this.renderRibbon(ribbon) : html`<p>${t('engage:ribbon.preview.empty')}</p>`}
      </div>`;
    } else if (this.status === 'error' && this.error) {
      const code = this.error.code;
      content = html`<bk-alert variant="error" heading=${t(`errors:${code}.title`)}>
        ${t('engage:ribbon.loadFailed')}
        <bk-button slot="actions" variant="secondary" @click=${this.reload}>${t('common:retry')}</bk-button>
      </bk-alert>`;
    } else if (this.status === 'ready') {
      const ribbon = selectRibbon(this.loaded, { account: this.account, closed: this.closed });
      content = ribbon ? this.renderRibbon(ribbon) : nothing;
    } else {
      content = nothing;
    }
    return html`<div class=${themeClass(this.theme)} aria-busy=${this.status === 'loading' ? 'true' : 'false'}>
      ${content}
    </div>`;
  }

  private renderRibbon(ribbon: Ribbon) {
    const t = (key: string) => this.localize.t(key);
    const colors = { '--_bk-ribbon-background': ribbon.color, '--_bk-ribbon-color': readableTextColor(ribbon.color) };
    const action = ribbon.action;
    const external = action && 'urlExternal' in action ? safeExternalUrl(action.urlExternal) : undefined;
    const inApp = action && 'urlinApp' in action ? safeInAppPath(action.urlinApp, location.origin) : undefined;
    let title;
    if (external) {
      title = html`<a href=${external} target="_blank" rel="noopener noreferrer"
        >${ribbon.title}<span class="bk-visually-hidden"> (${t('engage:ribbon.newTab')})</span></a
      >`;
    } else if (inApp) {
      title = html`<a href=${inApp} @click=${(event: MouseEvent) => this.handleInApp(event, inApp)}
        >${ribbon.title}</a
      >`;
    } else {
      title = ribbon.title;
    }
    return html`<section
      part="ribbon"
      class="ribbon"
      aria-label=${t('engage:ribbon.label')}
      data-ribbon-id=${ribbon.id}
      ${cssProperties(colors)}
    >
      <p part="title" class="title">${title}</p>
      ${
        ribbon.closable
          ? html`<button
              part="close"
              class="close"
              type="button"
              aria-label=${t('engage:ribbon.close')}
              @click=${() => this.handleClose(ribbon)}
            >
              <span aria-hidden="true">×</span>
            </button>`
          : nothing
      }
    </section>`;
  }
}
