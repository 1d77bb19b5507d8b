import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { fieldStyles } from '../../styles/field.ts';
import { uniqueId, validationMessage } from '../validation.ts';

/**
 * @summary A labelled multi-line field that renders a real native `<textarea>` in its own light DOM.
 *
 * Like bk-input, there is no shadow root: the `<textarea>` belongs to the surrounding `<form>` and is
 * submitted with it. Validation messages are localized; `error` shows a message from the server.
 *
 * @event {Event} input - The value changed while typing (target is the bk-textarea).
 * @event {Event} change - The value was committed.
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart control - The native textarea.
 * @csspart hint - The hint text.
 * @csspart error - The error text (role="alert").
 * @cssproperty --bk-input-background - Field fill (shared with bk-input).
 * @cssproperty --bk-input-color - Field text colour.
 * @cssproperty --bk-input-border-color - Field border colour.
 * @cssproperty --bk-input-radius - Field corner radius.
 */
export class BkTextarea extends LitElement {
  private readonly localize = new LocalizeController(this, ['primitives']);
  private readonly ids = uniqueId('bk-textarea');

  @property({ attribute: false }) i18n?: i18n;
  @property() label = '';
  @property() hint = '';
  @property() error = '';
  @property() name = '';
  @property() value = '';
  @property() placeholder?: string;
  @property({ type: Boolean }) required = false;
  @property({ type: Number }) minlength?: number;
  @property({ type: Number }) maxlength?: number;
  @property({ type: Number }) rows = 4;
  @property() autocomplete?: AutoFill;
  @property({ type: Boolean }) disabled = false;
  @property({ type: Boolean }) readonly = false;

  @state() private shownValidation = '';
  private resetForm?: HTMLFormElement | null;

  override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, fieldStyles);
    if (this.hasUpdated) this.watchForm();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resetForm?.removeEventListener('reset', this.handleFormReset);
    this.resetForm = undefined;
  }

  get control(): HTMLTextAreaElement | null {
    return this.querySelector<HTMLTextAreaElement>(`#${this.ids}-control`);
  }
  get form() {
    return this.control?.form ?? null;
  }
  get validity() {
    return this.control?.validity;
  }
  get validationMessage() {
    return this.control?.validationMessage ?? '';
  }
  checkValidity() {
    return this.control?.checkValidity() ?? true;
  }
  reportValidity() {
    return this.control?.reportValidity() ?? true;
  }
  override focus(options?: FocusOptions) {
    this.control?.focus(options);
  }

  protected override firstUpdated() {
    this.watchForm();
  }

  protected override updated() {
    this.updateValidity();
  }

  override render() {
    const id = this.ids;
    const error = this.error || this.shownValidation;
    const describedBy = [this.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    return html`<div part="base">
      <label part="label" for="${id}-control">${this.label}</label>
      <textarea
        part="control"
        id="${id}-control"
        name=${ifDefined(this.name || undefined)}
        .value=${live(this.value)}
        rows=${this.rows}
        ?required=${this.required}
        ?disabled=${this.disabled}
        ?readonly=${this.readonly}
        placeholder=${ifDefined(this.placeholder)}
        minlength=${ifDefined(this.minlength)}
        maxlength=${ifDefined(this.maxlength)}
        autocomplete=${ifDefined(this.autocomplete)}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy || undefined)}
        @input=${this.handleInput}
        @change=${this.handleChange}
        @invalid=${this.handleInvalid}
      ></textarea>
      ${
        this.maxlength
          ? html`<div class="bk-field-count" aria-hidden="true">
              <bdi>${this.value.length} / ${this.maxlength}</bdi>
            </div>`
          : nothing
      }
      <div part="hint" id="${id}-hint">${this.hint || nothing}</div>
      <div part="error" id="${id}-error" role="alert">${error || nothing}</div>
    </div>`;
  }

  private updateValidity() {
    const control = this.control;
    if (!control) return;
    control.setCustomValidity('');
    const message = control.validity.valid ? '' : validationMessage(this.localize, control.validity, control);
    control.setCustomValidity(message);
    if (this.shownValidation) this.shownValidation = message;
  }

  private handleInput(event: Event) {
    event.stopPropagation();
    this.value = (event.target as HTMLTextAreaElement).value;
    this.updateValidity();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  private handleChange(event: Event) {
    event.stopPropagation();
    this.value = (event.target as HTMLTextAreaElement).value;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private handleInvalid() {
    this.shownValidation = this.control?.validationMessage ?? '';
  }

  private watchForm() {
    this.resetForm?.removeEventListener('reset', this.handleFormReset);
    this.resetForm = this.form;
    this.resetForm?.addEventListener('reset', this.handleFormReset);
  }

  /** Native-like reset: back to the `value` attribute (the reset itself runs right after its event). */
  private readonly handleFormReset = () => {
    queueMicrotask(() => {
      this.shownValidation = '';
      this.value = this.getAttribute('value') ?? '';
      if (this.control) this.control.value = this.value;
    });
  };
}
