import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { tokens } from '../../styles/tokens.ts';
import { copyStyles } from './copy.styles.ts';
import { BkCopyEvent } from '../events.ts';

/** How long the "Copied" confirmation stays on the button. */
const confirmationMs = 2000;

/**
 * @summary A button that copies `value` to the clipboard and announces it.
 * @event bk-copy - The value was copied (`detail.value`).
 * @csspart base - The button.
 * @csspart status - The live region that announces the result.
 * @cssproperty --bk-copy-color - Text colour (default the primary colour).
 */
export class BkCopy extends LitElement {
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [tokens, copyStyles];

  private readonly localize = new LocalizeController(this, ['primitives']);

  @property({ attribute: false }) i18n?: i18n;
  /** The text to copy. */
  @property() value = '';
  /** Button text; defaults to the localized "Copy". */
  @property() label = '';
  /** Confirmation text; defaults to the localized "Copied". */
  @property({ attribute: 'copied-label' }) copiedLabel = '';

  @state() private result: 'idle' | 'copied' | 'failed' = 'idle';
  private timer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    const label = this.label || this.localize.t('primitives:copy.label', { defaultValue: 'Copy' });
    const copied = this.copiedLabel || this.localize.t('primitives:copy.copied', { defaultValue: 'Copied' });
    const failed = this.localize.t('primitives:copy.failed', {
      defaultValue: 'Could not copy. Select the text and copy it manually.',
    });
    const status = this.result === 'copied' ? copied : this.result === 'failed' ? failed : '';
    return html`<button part="base" type="button" @click=${this.handleClick}>
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="5" y="5" width="9" height="9" rx="1" fill="none" stroke="currentColor" stroke-width="1.5" />
          <path d="M11 3V2H2v9h1" fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
        <span>${this.result === 'copied' ? copied : label}</span>
      </button>
      <span part="status" role="status" class="bk-visually-hidden ${this.result === 'failed' ? 'failed' : ''}"
        >${status}</span
      >`;
  }

  /** Copies the value; resolves true on success. */
  async copy(): Promise<boolean> {
    clearTimeout(this.timer);
    try {
      await navigator.clipboard.writeText(this.value);
    } catch {
      this.result = 'failed';
      return false;
    }
    this.result = 'copied';
    this.dispatchEvent(new BkCopyEvent({ value: this.value }));
    this.timer = setTimeout(() => (this.result = 'idle'), confirmationMs);
    return true;
  }

  private handleClick() {
    void this.copy();
  }
}
