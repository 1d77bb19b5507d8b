import { LitElement, html, nothing, svg, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { adoptStyles } from '../../styles/adopt-styles.ts';
import { fieldStyles } from '../../styles/field.ts';
import { uniqueId, validationMessage } from '../validation.ts';
import { currencySymbol, formatAmount, parseAmount, safeLocale } from './amount.ts';

export const inputTypes = ['text', 'email', 'password', 'number', 'amount', 'tel', 'date', 'search'] as const;
export type InputType = (typeof inputTypes)[number];

/**
 * @summary A labelled text field that renders a real native `<input>` in its own light DOM.
 *
 * There is no shadow root: the `<input>` sits in the same tree as the `<form>` around the bk-input, so a
 * native submit (and `new FormData(form)`) carries its value, and password managers see a normal login form.
 * For a login or signup form that password managers fill, give every field a `name` and the standard
 * `autocomplete` token, and put them in a real `<form>` with a submit button:
 *
 * ```html
 * <form method="post">
 *   <bk-input label="Email" name="email" type="email" autocomplete="username" required></bk-input>
 *   <bk-input label="Password" name="password" type="password" autocomplete="current-password" required></bk-input>
 *   <bk-button type="submit">Log in</bk-button>
 * </form>
 * ```
 * (`new-password` on signup.) Validation messages are localized (namespace `primitives`) and shown below the
 * field once the form is submitted; the `error` attribute shows a message from the server. Enter in the
 * field submits the form even when its only submit button is a bk-button. Styles are adopted once into the
 * root node; the parts below are attributes on the light-DOM elements (`bk-input [part~='control']`).
 *
 * @event {Event} input - The value changed while typing (target is the bk-input; read `.value`).
 * @event {Event} change - The value was committed.
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart control - The native input.
 * @csspart toggle - The show/hide password button.
 * @csspart hint - The hint text.
 * @csspart error - The error text (role="alert").
 * @cssproperty --bk-input-background - Field fill.
 * @cssproperty --bk-input-color - Field text colour.
 * @cssproperty --bk-input-border-color - Field border colour.
 * @cssproperty --bk-input-radius - Field corner radius.
 * @cssproperty --bk-input-height - Minimum field height.
 */
export class BkInput extends LitElement {
  private readonly localize = new LocalizeController(this, ['primitives']);
  private readonly ids = uniqueId('bk-input');

  /** i18next instance; when unset, the nearest provider's, else English defaults. */
  @property({ attribute: false }) i18n?: i18n;
  @property() label = '';
  @property() hint = '';
  /** A message to show (e.g. from the server); marks the field invalid for assistive technology. */
  @property() error = '';
  @property() name = '';
  @property() type: InputType = 'text';
  /** The current value; for `amount` a normalized decimal string such as "1234.5". */
  @property() value = '';
  @property({ type: Boolean }) required = false;
  @property() autocomplete?: AutoFill;
  @property() inputmode?: string;
  @property() placeholder?: string;
  @property({ type: Number }) minlength?: number;
  @property({ type: Number }) maxlength?: number;
  @property() min?: string;
  @property() max?: string;
  @property() step?: string;
  @property() pattern?: string;
  @property({ type: Boolean }) disabled = false;
  @property({ type: Boolean }) readonly = false;
  /** ISO 4217 code shown beside an `amount` and setting its fraction digits. */
  @property() currency?: string;
  /** Locale for `amount` formatting; defaults to the i18n language. */
  @property() locale?: string;

  @state() private revealed = false;
  @state() private amountText = '';
  @state() private shownValidation = '';

  override createRenderRoot() {
    return this;
  }

  override connectedCallback() {
    super.connectedCallback();
    adoptStyles(this, fieldStyles);
    if (this.hasUpdated) this.watchForm();
  }

  /** The native input: the element a form, a password manager and assistive technology see. */
  get control(): HTMLInputElement | null {
    return this.querySelector<HTMLInputElement>(`#${this.ids}-control`);
  }
  get form(): HTMLFormElement | null {
    return this.control?.form ?? null;
  }
  get validity(): ValidityState | undefined {
    return this.control?.validity;
  }
  get validationMessage(): string {
    return this.control?.validationMessage ?? '';
  }
  checkValidity(): boolean {
    return this.control?.checkValidity() ?? true;
  }
  reportValidity(): boolean {
    return this.control?.reportValidity() ?? true;
  }
  override focus(options?: FocusOptions) {
    this.control?.focus(options);
  }

  private get amountLocale() {
    return safeLocale(this.locale || this.localize.language);
  }

  protected override willUpdate(changed: PropertyValues<this>) {
    if (this.type !== 'amount') return;
    const typed = parseAmount(this.amountText, this.amountLocale);
    if (changed.has('value') && typed !== this.value)
      this.amountText = formatAmount(this.value, this.amountLocale, this.currency);
    else if (changed.has('locale') || changed.has('currency'))
      this.amountText = formatAmount(this.value, this.amountLocale, this.currency);
  }

  protected override updated() {
    this.updateValidity();
  }

  override render() {
    const id = this.ids;
    const amount = this.type === 'amount';
    const password = this.type === 'password';
    const symbol = amount ? currencySymbol(this.currency, this.amountLocale) : '';
    const error = this.error || this.shownValidation;
    const describedBy = [this.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
    const nativeType = amount ? 'text' : password && this.revealed ? 'text' : this.type;
    const showLabel = this.localize.t('primitives:password.show', { defaultValue: 'Show password' });
    const hideLabel = this.localize.t('primitives:password.hide', { defaultValue: 'Hide password' });
    return html`<div part="base">
      <label part="label" for="${id}-control">${this.label}</label>
      <div class="bk-field-box ${password || symbol ? 'has-end' : ''}">
        <input
          part="control"
          id="${id}-control"
          type=${nativeType}
          name=${ifDefined(amount || !this.name ? undefined : this.name)}
          .value=${live(amount ? this.amountText : this.value)}
          ?required=${this.required}
          ?disabled=${this.disabled}
          ?readonly=${this.readonly}
          autocomplete=${ifDefined(this.autocomplete)}
          inputmode=${ifDefined(amount ? (this.inputmode ?? 'decimal') : this.inputmode)}
          placeholder=${ifDefined(this.placeholder)}
          minlength=${ifDefined(this.minlength)}
          maxlength=${ifDefined(this.maxlength)}
          min=${ifDefined(this.min)}
          max=${ifDefined(this.max)}
          step=${ifDefined(this.step)}
          pattern=${ifDefined(this.pattern)}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${ifDefined(describedBy || undefined)}
          @input=${this.handleInput}
          @change=${this.handleChange}
          @invalid=${this.handleInvalid}
          @keydown=${this.handleKeydown}
          @blur=${this.handleBlur}
        />
        ${
          password
            ? html`<button
                part="toggle"
                type="button"
                aria-controls="${id}-control"
                aria-label=${this.revealed ? hideLabel : showLabel}
                title=${this.revealed ? hideLabel : showLabel}
                ?disabled=${this.disabled}
                @click=${this.handleToggle}
              >
                ${eyeIcon(this.revealed)}
              </button>`
            : nothing
        }
        ${symbol ? html`<span class="bk-field-affix" aria-hidden="true" dir="auto">${symbol}</span>` : nothing}
      </div>
      ${amount && this.name ? html`<input type="hidden" name=${this.name} .value=${this.value} />` : nothing}
      <div part="hint" id="${id}-hint">${this.hint || nothing}</div>
      <div part="error" id="${id}-error" role="alert">${error || nothing}</div>
    </div>`;
  }

  /** Localized validity: native checks (and the amount format), with messages in the screen's language. */
  private updateValidity() {
    const control = this.control;
    if (!control) return;
    control.setCustomValidity('');
    let message = '';
    if (this.type === 'amount' && parseAmount(control.value, this.amountLocale) === null) {
      message = this.localize.t('primitives:validation.amount', { defaultValue: 'Enter a valid amount.' });
    } else if (!control.validity.valid) {
      message = validationMessage(this.localize, control.validity, control);
    }
    control.setCustomValidity(message);
    if (this.shownValidation) this.shownValidation = message;
  }

  private readValue(control: HTMLInputElement) {
    if (this.type !== 'amount') return control.value;
    this.amountText = control.value;
    return parseAmount(control.value, this.amountLocale) ?? this.value;
  }

  private handleInput(event: Event) {
    event.stopPropagation();
    this.value = this.readValue(event.target as HTMLInputElement);
    this.updateValidity();
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  private handleChange(event: Event) {
    event.stopPropagation();
    this.value = this.readValue(event.target as HTMLInputElement);
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private handleBlur() {
    if (this.type === 'amount' && parseAmount(this.amountText, this.amountLocale) !== null) {
      this.amountText = formatAmount(this.value, this.amountLocale, this.currency);
    }
  }

  private handleInvalid() {
    this.shownValidation = this.control?.validationMessage ?? '';
  }

  /** Enter submits the form even when its submit button is a bk-button (no native implicit submission). */
  private handleKeydown(event: KeyboardEvent) {
    if (event.key !== 'Enter' || event.isComposing) return;
    const form = this.form;
    if (!form || form.querySelector('button:not([type]), button[type="submit"], input[type="submit"]')) return;
    event.preventDefault();
    form.requestSubmit();
  }

  private handleToggle() {
    this.revealed = !this.revealed;
  }

  private readonly handleFormReset = () => {
    // The reset runs right after its event; read the restored default then.
    queueMicrotask(() => {
      const control = this.control;
      this.revealed = false;
      this.shownValidation = '';
      if (!control) return;
      const initial = this.getAttribute('value') ?? '';
      control.value = this.type === 'amount' ? formatAmount(initial, this.amountLocale, this.currency) : initial;
      this.value = this.readValue(control);
    });
  };

  private resetForm?: HTMLFormElement | null;

  protected override firstUpdated() {
    this.watchForm();
  }

  private watchForm() {
    this.resetForm?.removeEventListener('reset', this.handleFormReset);
    this.resetForm = this.form;
    this.resetForm?.addEventListener('reset', this.handleFormReset);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.resetForm?.removeEventListener('reset', this.handleFormReset);
    this.resetForm = undefined;
  }
}

function eyeIcon(crossed: boolean) {
  return html`<svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <path fill="none" stroke="currentColor" stroke-width="2" d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z" />
    <circle cx="12" cy="12" r="3" fill="none" stroke="currentColor" stroke-width="2" />
    ${crossed ? svg`<path stroke="currentColor" stroke-width="2" d="M3 3l18 18" />` : nothing}
  </svg>`;
}
