import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { tokens } from '../../styles/tokens.ts';
import { validationMessage } from '../validation.ts';
import { selectStyles } from './select.styles.ts';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

type FloatingUi = typeof import('@floating-ui/dom');
let floatingUi: Promise<FloatingUi> | undefined;
/** Positioning code loads on the first open of any select, not with the screen. */
const loadFloatingUi = () => (floatingUi ??= import('@floating-ui/dom'));

/** Keys typed within this many milliseconds build one typeahead search ("ge" finds "Germany"). */
const typeaheadWindow = 500;

/**
 * @summary A form-associated single select: a combobox that opens a listbox of `.options`.
 *
 * Keyboard (WAI-ARIA select-only combobox): Down/Up/Enter/Space open; in the list, Down/Up move, Home/End
 * jump, Enter/Space choose, Escape closes without change, Tab chooses and moves on; typing letters jumps to
 * the next option whose label starts with them. Submits `name=value` with its form; `required` is checked
 * with a localized message.
 *
 * @event {Event} input - The user chose another option.
 * @event {Event} change - The user chose another option.
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart control - The combobox.
 * @csspart listbox - The popup list.
 * @csspart option - Each option.
 * @csspart hint - The hint text.
 * @csspart error - The error text (role="alert").
 * @cssproperty --bk-select-background - Field fill.
 * @cssproperty --bk-select-border-color - Field border colour.
 * @cssproperty --bk-select-radius - Field corner radius.
 * @cssproperty --bk-select-height - Minimum field height.
 * @cssproperty --bk-select-listbox-background - List fill.
 */
export class BkSelect extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [tokens, selectStyles];

  private readonly internals = this.attachInternals();
  private readonly localize = new LocalizeController(this, ['primitives']);

  @property({ attribute: false }) i18n?: i18n;
  @property() label = '';
  @property() hint = '';
  @property() error = '';
  @property() name = '';
  /**
   * The chosen option's value; the `value` attribute is the default a form reset returns to. Setting it hands
   * it to the form at once, so a `change` listener reading `new FormData(form)` sees the new value.
   */
  @property()
  get value() {
    return this.currentValue;
  }
  set value(value: string) {
    this.currentValue = value;
    this.syncForm();
  }
  private currentValue = '';
  @property({ type: Boolean }) required = false;
  @property({ type: Boolean, reflect: true }) disabled = false;
  @property() placeholder = '';
  @property({ attribute: false }) options: SelectOption[] = [];

  @state() private open = false;
  @state() private active = -1;
  @state() private formDisabled = false;
  @state() private shownValidation = '';
  @query('[part="control"]') private control!: HTMLElement;
  @query('[part="listbox"]') private listbox!: HTMLElement;

  private stopAutoUpdate?: () => void;
  private typed = '';
  private typedAt = 0;

  get form() {
    return this.internals.form;
  }
  get validity() {
    return this.internals.validity;
  }
  get validationMessage() {
    return this.internals.validationMessage;
  }
  /** Whether the listbox is showing. */
  get expanded() {
    return this.open;
  }
  checkValidity() {
    return this.internals.checkValidity();
  }
  reportValidity() {
    return this.internals.reportValidity();
  }

  private get inactive() {
    return this.disabled || this.formDisabled;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('invalid', this.handleInvalid);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('invalid', this.handleInvalid);
    this.close();
  }

  private get missingMessage() {
    return validationMessage(this.localize, { valueMissing: true } as ValidityState, { type: 'select' });
  }

  protected override willUpdate() {
    if (this.shownValidation) this.shownValidation = this.required && !this.value ? this.missingMessage : '';
  }

  /** Form value and validity follow `value` synchronously; `updated` re-syncs for `required` and the anchor. */
  private syncForm() {
    this.internals.setFormValue(this.value || null, this.value);
    const missing = this.required && !this.value;
    this.internals.setValidity(
      { valueMissing: missing },
      missing ? this.missingMessage : '',
      this.control ?? undefined,
    );
  }

  protected override updated() {
    this.syncForm();
    if (this.open) this.listbox.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  }

  override render() {
    const selected = this.options.find((option) => option.value === this.value);
    const error = this.error || this.shownValidation;
    const placeholder =
      this.placeholder || this.localize.t('primitives:select.placeholder', { defaultValue: 'Select an option' });
    const describedBy = [this.hint ? 'hint' : '', error ? 'error' : ''].filter(Boolean).join(' ');
    return html`<div part="base">
      <span part="label" id="label">${this.label}</span>
      <div
        part="control"
        role="combobox"
        tabindex=${this.inactive ? '-1' : '0'}
        aria-labelledby="label"
        aria-controls="listbox"
        aria-haspopup="listbox"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-activedescendant=${this.open && this.active >= 0 ? `option-${this.active}` : nothing}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${error ? 'true' : 'false'}
        aria-disabled=${this.inactive ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @click=${this.handleControlClick}
        @keydown=${this.handleKeydown}
        @focusout=${this.handleFocusOut}
      >
        <span class="value ${selected ? '' : 'placeholder'}">${selected?.label ?? placeholder}</span>
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="m4 6 4 4 4-4" fill="none" stroke="currentColor" stroke-width="2" />
        </svg>
      </div>
      <ul part="listbox" id="listbox" role="listbox" aria-labelledby="label" tabindex="-1" ?hidden=${!this.open}>
        ${this.options.map(
          (option, index) =>
            // Options are reached by keyboard through the combobox (aria-activedescendant), not one by one.
            // eslint-disable-next-line lit-a11y/click-events-have-key-events
            html`<li
              part="option"
              id="option-${index}"
              role="option"
              class=${index === this.active ? 'active' : ''}
              aria-selected=${option.value === this.value ? 'true' : 'false'}
              aria-disabled=${option.disabled ? 'true' : 'false'}
              @pointerdown=${preventFocusLoss}
              @click=${() => this.choose(index)}
            >
              ${option.label}
            </li>`,
        )}
      </ul>
      <div part="hint" id="hint">${this.hint || nothing}</div>
      <div part="error" id="error" role="alert">${error || nothing}</div>
    </div>`;
  }

  formResetCallback() {
    this.value = this.getAttribute('value') ?? '';
    this.shownValidation = '';
  }

  formDisabledCallback(disabled: boolean) {
    this.formDisabled = disabled;
    if (disabled) this.close();
  }

  formStateRestoreCallback(state: string | File | FormData | null) {
    this.value = typeof state === 'string' ? state : '';
  }

  /** Opens the listbox, with the chosen (else the first enabled) option active. */
  async show() {
    if (this.open || this.inactive) return;
    const chosen = this.options.findIndex((option) => option.value === this.value);
    this.active = chosen >= 0 ? chosen : this.step(-1, 1);
    this.open = true;
    await this.updateComplete;
    const { autoUpdate, computePosition, flip, offset, shift, size } = await loadFloatingUi();
    if (!this.open || this.stopAutoUpdate) return;
    const control = this.control;
    const listbox = this.listbox;
    this.stopAutoUpdate = autoUpdate(control, listbox, async () => {
      const { x, y } = await computePosition(control, listbox, {
        strategy: 'fixed',
        placement: 'bottom-start',
        middleware: [
          offset(4),
          flip(),
          shift({ padding: 8 }),
          size({
            padding: 8,
            apply({ rects, availableHeight }) {
              listbox.style.minInlineSize = `${rects.reference.width}px`;
              listbox.style.maxBlockSize = `${Math.max(120, Math.min(256, availableHeight))}px`;
            },
          }),
        ],
      });
      listbox.style.left = `${x}px`;
      listbox.style.top = `${y}px`;
    });
  }

  /** Closes the listbox and stops following its anchor. */
  close() {
    this.open = false;
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
  }

  /** The next enabled option from `from` in `direction`, or `from` when there is none. */
  private step(from: number, direction: 1 | -1): number {
    for (let index = from + direction; index >= 0 && index < this.options.length; index += direction) {
      if (!this.options[index]?.disabled) return index;
    }
    return from;
  }

  private choose(index: number) {
    const option = this.options[index];
    if (!option || option.disabled) return;
    this.close();
    this.control.focus();
    if (option.value === this.value) return;
    this.value = option.value;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private handleControlClick() {
    if (this.open) this.close();
    else void this.show();
  }

  private handleFocusOut(event: FocusEvent) {
    if (!this.shadowRoot?.contains(event.relatedTarget as Node | null)) this.close();
  }

  private handleKeydown(event: KeyboardEvent) {
    if (this.inactive || event.altKey || event.ctrlKey || event.metaKey) return;
    const { key } = event;
    const printable = key.length === 1 && (key !== ' ' || this.typed !== '');
    if (printable) {
      event.preventDefault();
      void this.show();
      this.typeahead(key);
      return;
    }
    if (!this.open) {
      if (['ArrowDown', 'ArrowUp', 'Enter', ' ', 'Home', 'End'].includes(key)) {
        event.preventDefault();
        void this.show().then(() => {
          if (key === 'Home') this.active = this.step(-1, 1);
          if (key === 'End') this.active = this.step(this.options.length, -1);
        });
      }
      return;
    }
    const moves: Record<string, () => number> = {
      ArrowDown: () => this.step(this.active, 1),
      ArrowUp: () => this.step(this.active, -1),
      Home: () => this.step(-1, 1),
      End: () => this.step(this.options.length, -1),
    };
    this.typed = '';
    if (moves[key]) {
      event.preventDefault();
      this.active = moves[key]();
    } else if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      this.choose(this.active);
    } else if (key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.close();
    } else if (key === 'Tab') {
      this.choose(this.active);
    }
  }

  private typeahead(key: string) {
    const now = Date.now();
    this.typed = now - this.typedAt > typeaheadWindow ? key : this.typed + key;
    this.typedAt = now;
    const search = this.typed.toLocaleLowerCase();
    // A repeated single letter cycles through the options starting with it.
    const repeated = search.length > 1 && [...search].every((char) => char === search[0]);
    const needle = repeated ? search[0]! : search;
    const start = repeated || search.length === 1 ? this.active + 1 : Math.max(this.active, 0);
    const count = this.options.length;
    for (let offset = 0; offset < count; offset++) {
      const index = (start + offset) % count;
      const option = this.options[index]!;
      if (!option.disabled && option.label.toLocaleLowerCase().startsWith(needle)) {
        this.active = index;
        return;
      }
    }
  }

  private readonly handleInvalid = () => {
    this.shownValidation = this.internals.validationMessage;
  };
}

function preventFocusLoss(event: Event) {
  event.preventDefault();
}
