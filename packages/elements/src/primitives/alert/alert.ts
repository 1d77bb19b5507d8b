import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { tokens } from '../../styles/tokens.ts';
import { alertStyles } from './alert.styles.ts';
import { BkCloseEvent } from '../events.ts';

export const alertVariants = ['info', 'success', 'warning', 'error'] as const;
export type AlertVariant = (typeof alertVariants)[number];

/**
 * @summary A message box: `role="alert"` for error and warning (announced at once), `role="status"` otherwise.
 * @slot - The message.
 * @slot actions - Buttons or links that act on the message (e.g. a retry bk-button).
 * @event {BkCloseEvent} bk-close - The close button was pressed (cancelable; the alert hides unless prevented).
 * @csspart base - The box.
 * @csspart heading - The heading.
 * @csspart message - The message wrapper.
 * @csspart actions - The actions wrapper.
 * @csspart close - The close button.
 * @cssproperty --bk-alert-background - Box fill (defaults per variant).
 * @cssproperty --bk-alert-accent - Border and icon colour (defaults per variant).
 * @cssproperty --bk-alert-radius - Corner radius.
 */
export class BkAlert extends LitElement {
  static override styles = [tokens, alertStyles];

  private readonly localize = new LocalizeController(this, ['primitives']);

  @property({ attribute: false }) i18n?: i18n;
  @property({ reflect: true }) variant: AlertVariant = 'info';
  @property() heading = '';
  @property({ type: Boolean }) closable = false;

  private hasActions = false;

  override render() {
    const urgent = this.variant === 'error' || this.variant === 'warning';
    const closeLabel = this.localize.t('primitives:close', { defaultValue: 'Close' });
    return html`<div part="base" role=${urgent ? 'alert' : 'status'}>
      <span class="icon" aria-hidden="true">${icons[this.variant] ?? icons.info}</span>
      <div class="body">
        ${this.heading ? html`<div part="heading">${this.heading}</div>` : nothing}
        <div part="message"><slot></slot></div>
        <div part="actions" class=${this.hasActions ? '' : 'empty'}>
          <slot name="actions" @slotchange=${this.handleActionsChange}></slot>
        </div>
      </div>
      ${
        this.closable
          ? html`<button
              part="close"
              type="button"
              aria-label=${closeLabel}
              title=${closeLabel}
              @click=${this.handleClose}
            >
              ×
            </button>`
          : nothing
      }
    </div>`;
  }

  private handleActionsChange(event: Event) {
    this.hasActions = (event.target as HTMLSlotElement).assignedElements().length > 0;
    this.requestUpdate();
  }

  private handleClose() {
    if (this.dispatchEvent(new BkCloseEvent({ reason: 'button' }))) this.hidden = true;
  }
}

const icons: Record<AlertVariant, string> = { info: 'i', success: '✓', warning: '!', error: '!' };
