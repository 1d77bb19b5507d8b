import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { tokens } from '../../styles/tokens.ts';
import { checkboxStyles } from './checkbox.styles.ts';
import { validationMessage } from '../validation.ts';

/**
 * @summary A form-associated checkbox: submits `name=value` when checked, as a native checkbox does.
 * @slot - The label (may contain links, e.g. to terms).
 * @event {Event} input - The checked state changed (composed).
 * @event {Event} change - The checked state changed.
 * @csspart base - The wrapper.
 * @csspart control - The native checkbox.
 * @csspart label - The label.
 * @csspart error - The error text (role="alert").
 * @cssproperty --bk-checkbox-size - Box size (default 1.25rem).
 * @cssproperty --bk-checkbox-accent - Checked colour (default the primary colour).
 */
export class BkCheckbox extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [tokens, checkboxStyles];

  private readonly internals = this.attachInternals();
  private readonly localize = new LocalizeController(this, ['primitives']);

  @property({ attribute: false }) i18n?: i18n;
  @property() name = '';
  /** Submitted when checked (default "on", as native). */
  @property() value = 'on';
  /** The current state; the `checked` attribute is the default a form reset returns to. */
  @property({ type: Boolean }) checked = false;
  @property({ type: Boolean }) required = false;
  @property({ type: Boolean, reflect: true }) disabled = false;
  @property() error = '';

  @state() private formDisabled = false;
  @state() private shownValidation = '';
  @query('input') private control!: HTMLInputElement;

  get form() {
    return this.internals.form;
  }
  get validity() {
    return this.internals.validity;
  }
  get validationMessage() {
    return this.internals.validationMessage;
  }
  checkValidity() {
    return this.internals.checkValidity();
  }
  reportValidity() {
    return this.internals.reportValidity();
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('invalid', this.handleInvalid);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('invalid', this.handleInvalid);
  }

  override render() {
    const error = this.error || this.shownValidation;
    return html`<div part="base">
      <label>
        <input
          part="control"
          type="checkbox"
          .checked=${live(this.checked)}
          ?disabled=${this.disabled || this.formDisabled}
          ?required=${this.required}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? 'error' : nothing}
          @change=${this.handleChange}
        />
        <span part="label"><slot></slot></span>
      </label>
      <div part="error" id="error" role="alert">${error || nothing}</div>
    </div>`;
  }

  private get missing() {
    return this.required && !this.checked;
  }

  private get missingMessage() {
    return validationMessage(this.localize, { valueMissing: true } as ValidityState, { type: 'checkbox' });
  }

  protected override willUpdate() {
    if (this.shownValidation) this.shownValidation = this.missing ? this.missingMessage : '';
  }

  protected override updated() {
    this.syncForm();
  }

  private syncForm() {
    this.internals.setFormValue(this.checked ? this.value : null, this.checked ? 'checked' : 'unchecked');
    this.internals.setValidity({ valueMissing: this.missing }, this.missing ? this.missingMessage : '', this.control);
  }

  formResetCallback() {
    this.checked = this.hasAttribute('checked');
    this.shownValidation = '';
  }

  formDisabledCallback(disabled: boolean) {
    this.formDisabled = disabled;
  }

  formStateRestoreCallback(state: string | File | FormData | null) {
    this.checked = state === 'checked';
  }

  private handleChange() {
    this.checked = this.control.checked;
    // The form must see the new state when it handles the event, not after the next render: a form that reads
    // FormData then would keep an error that only goes on the next blur, moving the layout under the pointer.
    this.syncForm();
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private readonly handleInvalid = () => {
    this.shownValidation = this.internals.validationMessage;
  };
}
