import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { tokens } from '../../styles/tokens.ts';
import { spinnerStyles } from './spinner.styles.ts';

/**
 * @summary An indeterminate loading indicator, announced politely with its label.
 * @csspart base - The wrapper (role="status").
 * @cssproperty --bk-spinner-size - Diameter (default 1.5em).
 * @cssproperty --bk-spinner-color - Arc colour (default the primary colour).
 */
export class BkSpinner extends LitElement {
  static override styles = [tokens, spinnerStyles];

  private readonly localize = new LocalizeController(this, ['primitives']);

  @property({ attribute: false }) i18n?: i18n;
  /** Accessible text; defaults to the localized "Loading…". */
  @property() label = '';

  override render() {
    const label = this.label || this.localize.t('primitives:loading', { defaultValue: 'Loading…' });
    return html`<span part="base" role="status"
      ><span class="ring" aria-hidden="true"></span><span class="bk-visually-hidden">${label}</span></span
    >`;
  }
}
