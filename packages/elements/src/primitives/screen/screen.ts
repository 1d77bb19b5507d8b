import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { tokens } from '../../styles/tokens.ts';
import { screenFrameStyles } from './screen.styles.ts';
import { themeStyles } from '../../styles/theme.ts';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { BkCloseEvent } from '../events.ts';
import '../spinner/define.ts';

export const screenStates = ['ready', 'loading', 'error', 'success'] as const;
export type ScreenState = (typeof screenStates)[number];

/** The frame's parts, for a screen that renders it in its own shadow root to forward (`exportparts`). */
export const screenParts = 'base, header, brand, close, heading, subheading, body, footer';

/**
 * @summary The frame of every screen: brand, heading, a visible Back/close control, body and footer.
 *
 * The screen renders its own error and success content into the default slot (with bk-alert); `state`
 * only drives `aria-busy` and, for `loading`, a centred spinner in place of the body (the body stays in the
 * DOM, hidden, so nothing typed is lost). It sets `lang` and `dir` on itself from its i18n instance.
 * Put `bk-theme-light` or `bk-theme-dark` (see `themeClass`) on it or on an ancestor.
 *
 * @slot - The body.
 * @slot brand - The broker's brand (else `logo-src` and `brand-name`).
 * @slot footer - Links and fine print below the body.
 * @event {BkCloseEvent} bk-close - The Back/close control was pressed (cancelable).
 * @csspart base - The frame.
 * @csspart header - The brand and close row.
 * @csspart brand - The brand wrapper.
 * @csspart close - The Back/close button.
 * @csspart heading - The h1.
 * @csspart subheading - The text under the heading.
 * @csspart body - The body wrapper.
 * @csspart footer - The footer.
 * @cssproperty --bk-screen-background - Page fill.
 * @cssproperty --bk-screen-max-width - Width of the content column (default 28rem).
 * @cssproperty --bk-screen-padding - Space around the content.
 * @cssproperty --bk-screen-logo-height - Height of the logo image (default 2rem).
 */
export class BkScreen extends LitElement {
  static override styles = [tokens, screenFrameStyles];

  private readonly localize = new LocalizeController(this, ['primitives', 'common']);

  @property({ attribute: false }) i18n?: i18n;
  @property() heading = '';
  @property() subheading = '';
  @property({ type: Boolean }) closable = false;
  /** Label of the Back/close control; defaults to the localized "Close". */
  @property({ attribute: 'close-label' }) closeLabel = '';
  @property({ reflect: true }) state: ScreenState = 'ready';
  /** Marks the screen busy (e.g. while a form is sent) without hiding the body. */
  @property({ type: Boolean }) busy = false;
  @property({ attribute: 'loading-label' }) loadingLabel = '';
  @property({ attribute: 'brand-name' }) brandName = '';
  @property({ attribute: 'logo-src' }) logoSrc = '';

  private hasBrand = false;
  private hasFooter = false;

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, themeStyles);
  }

  protected override willUpdate() {
    if (!this.localize.instance) return;
    this.lang = this.localize.language;
    this.dir = this.localize.dir;
  }

  override render() {
    const loading = this.state === 'loading';
    const closeLabel = this.closeLabel || this.localize.t('primitives:close', { defaultValue: 'Close' });
    const header = this.closable || this.hasBrand || this.brandName || this.logoSrc;
    return html`<section part="base" aria-labelledby="heading" aria-busy=${loading || this.busy ? 'true' : 'false'}>
      <div part="header" class=${header ? '' : 'empty'}>
        <div part="brand">
          <slot name="brand" @slotchange=${this.handleBrandChange}>
            ${
              this.logoSrc && safeImageUrl(this.logoSrc)
                ? html`<img src=${this.logoSrc} alt=${this.brandName} />`
                : nothing
            }
            ${this.logoSrc && this.brandName ? nothing : html`<span>${this.brandName}</span>`}
          </slot>
        </div>
        ${
          this.closable
            ? html`<button part="close" type="button" @click=${this.handleClose}>
                <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                  <path d="M10 3 5 8l5 5" fill="none" stroke="currentColor" stroke-width="2" />
                </svg>
                ${closeLabel}
              </button>`
            : nothing
        }
      </div>
      <div class="titles">
        <h1 part="heading" id="heading" tabindex="-1">${this.heading}</h1>
        ${this.subheading ? html`<p part="subheading">${this.subheading}</p>` : nothing}
      </div>
      ${
        loading
          ? html`<div class="loading"><bk-spinner .i18n=${this.i18n} label=${this.loadingLabel}></bk-spinner></div>`
          : nothing
      }
      <div part="body" ?hidden=${loading}><slot></slot></div>
      <footer part="footer" class=${this.hasFooter ? '' : 'empty'}>
        <slot name="footer" @slotchange=${this.handleFooterChange}></slot>
      </footer>
    </section>`;
  }

  /** Moves focus to the heading: where a screen sends it when its content changes under the user's focus. */
  focusHeading(): boolean {
    const heading = this.renderRoot.querySelector<HTMLElement>('h1');
    heading?.focus();
    return !!heading;
  }

  private handleBrandChange(event: Event) {
    this.hasBrand = (event.target as HTMLSlotElement).assignedNodes().length > 0;
    this.requestUpdate();
  }

  private handleFooterChange(event: Event) {
    this.hasFooter = (event.target as HTMLSlotElement).assignedNodes().length > 0;
    this.requestUpdate();
  }

  private handleClose() {
    this.dispatchEvent(new BkCloseEvent({ reason: 'button' }));
  }
}

/** Logos load only from https or a same-origin relative path (never `javascript:` or `data:`). */
function safeImageUrl(src: string): boolean {
  try {
    const url = new URL(src, location.href);
    return url.protocol === 'https:' || url.origin === location.origin;
  } catch {
    return false;
  }
}
