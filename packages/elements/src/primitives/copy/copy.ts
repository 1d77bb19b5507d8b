import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { tokens } from '../../styles/tokens.ts';
import { copyStyles } from './copy.styles.ts';
import { BkCopyEvent } from '../events.ts';

/** How long the "Copied" confirmation stays on the button. */
const confirmationMs = 2000;

/**
 * @summary A button that copies `value` to the clipboard and announces it.
 *
 * On success the button reads "Copied" for a moment and a polite status announces it. When the Clipboard
 * API is missing or refused (an insecure page, a webview without clipboard permission), an alert says so in
 * the user's language and the value appears in a read-only field, focused and selected, ready to copy by
 * hand (Ctrl+C, or the system menu on a phone).
 *
 * @event {BkCopyEvent} bk-copy - The value was copied (`detail.value`).
 * @csspart base - The button.
 * @csspart status - The live region that announces a successful copy.
 * @csspart error - The alert shown when copying failed.
 * @csspart value - The read-only field holding the value to copy by hand after a failure.
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
  @query('[part="value"]') private manual?: HTMLInputElement;
  private timer?: ReturnType<typeof setTimeout>;

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  override render() {
    const label = this.label || this.localize.t('primitives:copy.label', { defaultValue: 'Copy' });
    const copied = this.copiedLabel || this.localize.t('primitives:copy.copied', { defaultValue: 'Copied' });
    const failed = this.result === 'failed';
    const failure = failed
      ? this.localize.t('primitives:copy.failed', {
          defaultValue: 'Could not copy. Select the text and copy it manually.',
        })
      : nothing;
    return html`<button part="base" type="button" @click=${this.handleClick}>
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <rect x="5" y="5" width="9" height="9" rx="1" fill="none" stroke="currentColor" stroke-width="1.5" />
          <path d="M11 3V2H2v9h1" fill="none" stroke="currentColor" stroke-width="1.5" />
        </svg>
        <span>${this.result === 'copied' ? copied : label}</span>
      </button>
      <span part="status" role="status" class="bk-visually-hidden">${this.result === 'copied' ? copied : ''}</span>
      <div part="error" id="error" role="alert">${failure}</div>
      ${
        failed
          ? html`<input
              part="value"
              readonly
              dir="auto"
              .value=${this.value}
              aria-labelledby="error"
              spellcheck="false"
              autocomplete="off"
              @focus=${selectAll}
            />`
          : nothing
      }`;
  }

  /**
   * Copies the value; resolves true on success. On failure the value is shown in a read-only field that
   * selects its text when focused; `{ focus: true }` (as the button passes) moves focus there at once.
   */
  async copy({ focus = false } = {}): Promise<boolean> {
    clearTimeout(this.timer);
    try {
      // navigator.clipboard is undefined outside secure contexts: that lands in catch as well.
      await navigator.clipboard.writeText(this.value);
    } catch {
      this.result = 'failed';
      await this.updateComplete;
      // Focusing the field selects its text (see selectAll); select() alone would move focus as well.
      if (focus) this.manual?.focus();
      return false;
    }
    this.result = 'copied';
    this.dispatchEvent(new BkCopyEvent({ value: this.value }));
    this.timer = setTimeout(() => (this.result = 'idle'), confirmationMs);
    return true;
  }

  private handleClick() {
    void this.copy({ focus: true });
  }
}

function selectAll(event: FocusEvent) {
  (event.target as HTMLInputElement).select();
}
