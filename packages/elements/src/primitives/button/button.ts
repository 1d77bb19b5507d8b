import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { tokens } from '../../styles/tokens.ts';
import { buttonStyles } from './button.styles.ts';
import '../spinner/define.ts';

export const buttonVariants = ['primary', 'secondary', 'ghost', 'danger'] as const;
export type ButtonVariant = (typeof buttonVariants)[number];
export const buttonTypes = ['button', 'submit', 'reset'] as const;
export type ButtonType = (typeof buttonTypes)[number];

/**
 * @summary A button that submits or resets the form it sits in, as a native button does.
 * @slot - The label.
 * @csspart base - The inner native button.
 * @csspart label - The label wrapper.
 * @cssproperty --bk-button-background - Fill colour.
 * @cssproperty --bk-button-background-hover - Fill colour under the pointer (default: `--bk-color-primary-hover`).
 * @cssproperty --bk-button-color - Text colour.
 * @cssproperty --bk-button-border-color - Border colour.
 * @cssproperty --bk-button-radius - Corner radius.
 * @cssproperty --bk-button-height - Minimum height (default 2.75rem, a comfortable touch target).
 */
export class BkButton extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [tokens, buttonStyles];

  private readonly internals = this.attachInternals();

  /** i18next instance for the loading label; when unset, the nearest provider's. */
  @property({ attribute: false }) i18n?: i18n;
  @property({ reflect: true }) variant: ButtonVariant = 'primary';
  @property({ reflect: true }) type: ButtonType = 'button';
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Shows a spinner and disables the button (e.g. while its form is being sent). */
  @property({ type: Boolean, reflect: true }) loading = false;

  /** Disabled by an ancestor `<fieldset disabled>`. */
  @state() private formDisabled = false;

  get form(): HTMLFormElement | null {
    return this.internals.form;
  }

  private get inactive() {
    return this.disabled || this.loading || this.formDisabled;
  }

  override render() {
    return html`<button
      part="base"
      type="button"
      ?disabled=${this.inactive}
      aria-busy=${this.loading ? 'true' : 'false'}
      @click=${this.handleClick}
    >
      ${this.loading ? html`<bk-spinner .i18n=${this.i18n}></bk-spinner>` : nothing}
      <span part="label"><slot></slot></span>
    </button>`;
  }

  formDisabledCallback(disabled: boolean) {
    this.formDisabled = disabled;
  }

  private handleClick() {
    const form = this.internals.form;
    if (!form || this.inactive) return;
    if (this.type === 'submit') form.requestSubmit();
    if (this.type === 'reset') form.reset();
  }
}
