import { LitElement, html, css } from 'lit';
import { property } from 'lit/decorators.js';

export const buttonVariants = ['primary', 'secondary', 'ghost', 'danger'] as const;
export type ButtonVariant = (typeof buttonVariants)[number];

/**
 * @summary A button that submits or resets the form it sits in, as a native button does.
 * @slot - The label.
 * @csspart base - The inner native button.
 * @cssproperty --bk-button-background - Fill colour.
 * @cssproperty --bk-button-color - Text colour.
 */
export class BkButton extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  static override styles = css`
    :host {
      display: inline-block;
    }
    button {
      font: inherit;
      min-block-size: 2.75rem;
      padding-inline: 1rem;
      border-radius: 0.5rem;
      border: 1px solid transparent;
      background: var(--bk-button-background, #1d4ed8);
      color: var(--bk-button-color, #fff);
      cursor: pointer;
      inline-size: 100%;
    }
    button:disabled {
      opacity: 0.6;
      cursor: not-allowed;
    }
  `;

  private readonly internals = this.attachInternals();

  @property({ reflect: true }) variant: ButtonVariant = 'primary';
  @property({ reflect: true }) type: 'button' | 'submit' | 'reset' = 'button';
  @property({ type: Boolean, reflect: true }) disabled = false;

  override render() {
    return html`<button part="base" type="button" ?disabled=${this.disabled} @click=${this.handleClick}>
      <slot></slot>
    </button>`;
  }

  private handleClick() {
    const form = this.internals.form;
    if (!form || this.disabled) return;
    if (this.type === 'submit') form.requestSubmit();
    if (this.type === 'reset') form.reset();
  }
}
