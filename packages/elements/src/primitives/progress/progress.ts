import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { cssProperties } from '../../directives/css-properties.ts';
import { tokens } from '../../styles/tokens.ts';
import { progressStyles } from './progress.styles.ts';

/**
 * @summary A progress bar; indeterminate (an animated stripe) when it has no `value`.
 * @csspart base - The track (role="progressbar").
 * @csspart indicator - The filled part.
 * @cssproperty --bk-progress-color - Fill colour (default the primary colour).
 * @cssproperty --bk-progress-track - Track colour.
 * @cssproperty --bk-progress-height - Bar thickness (default 0.5rem).
 */
export class BkProgress extends LitElement {
  static override styles = [tokens, progressStyles];

  private readonly localize = new LocalizeController(this, ['primitives']);

  @property({ attribute: false }) i18n?: i18n;
  /** Progress from 0 to `max`; unset for indeterminate. */
  @property({ type: Number }) value?: number;
  @property({ type: Number }) max = 100;
  /** Accessible name; defaults to the localized "Progress". */
  @property() label = '';

  override render() {
    const max = this.max > 0 ? this.max : 100;
    const known = typeof this.value === 'number' && Number.isFinite(this.value);
    const value = known ? Math.min(Math.max(this.value!, 0), max) : 0;
    const label = this.label || this.localize.t('primitives:progress.label', { defaultValue: 'Progress' });
    return html`<div
      part="base"
      role="progressbar"
      class=${known ? '' : 'indeterminate'}
      aria-label=${label}
      aria-valuemin=${known ? '0' : nothing}
      aria-valuemax=${known ? String(max) : nothing}
      aria-valuenow=${known ? String(value) : nothing}
    >
      <div part="indicator" ${cssProperties({ 'inline-size': known ? `${(value / max) * 100}%` : undefined })}></div>
    </div>`;
  }
}
