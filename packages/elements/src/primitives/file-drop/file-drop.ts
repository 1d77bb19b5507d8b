import { LitElement, html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { formatList, intlLocale } from '@broker-kit/core';
import { LocalizeController } from '../../controllers/localize.ts';
import { tokens } from '../../styles/tokens.ts';
import { translate, validationMessage } from '../validation.ts';
import { fileDropStyles } from './file-drop.styles.ts';

interface Chosen {
  file: File;
  /** Object URL of an image thumbnail, revoked when the file goes. */
  preview?: string;
}

/**
 * @summary A form-associated document upload: drop files or choose them, with type and size checks and
 * a preview (image thumbnail or file name).
 *
 * `accept` lists MIME types (`image/png`, `image/*`) or extensions (`.pdf`); `max-size` is in bytes. A
 * rejected file is not kept and a localized message says why. The chosen files are `.files` and are
 * submitted with the form under `name`.
 *
 * @event {Event} change - The chosen files changed.
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart control - The drop zone (holds the native file input).
 * @csspart hint - The hint text.
 * @csspart preview - The list of chosen files.
 * @csspart error - The error text (role="alert").
 * @cssproperty --bk-file-drop-background - Drop zone fill.
 * @cssproperty --bk-file-drop-border-color - Drop zone border colour.
 */
export class BkFileDrop extends LitElement {
  static formAssociated = true;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };
  static override styles = [tokens, fileDropStyles];

  private readonly internals = this.attachInternals();
  private readonly localize = new LocalizeController(this, ['primitives']);

  @property({ attribute: false }) i18n?: i18n;
  @property() label = '';
  @property() hint = '';
  @property() error = '';
  @property() name = '';
  @property() accept = '';
  /** Largest accepted file, in bytes (0: no limit). */
  @property({ type: Number, attribute: 'max-size' }) maxSize = 0;
  @property({ type: Boolean }) multiple = false;
  @property({ type: Boolean }) required = false;
  @property({ type: Boolean, reflect: true }) disabled = false;

  @state() private chosen: Chosen[] = [];
  @state() private rejection = '';
  @state() private over = false;
  @state() private formDisabled = false;
  @state() private shownValidation = '';
  @query('input') private input!: HTMLInputElement;

  /** The accepted files, in the order chosen. */
  get files(): File[] {
    return this.chosen.map((entry) => entry.file);
  }
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
    this.revoke(this.chosen);
  }

  private get missingMessage() {
    return validationMessage(this.localize, { valueMissing: true } as ValidityState, { type: 'file' });
  }

  protected override willUpdate() {
    if (this.shownValidation)
      this.shownValidation = this.required && this.chosen.length === 0 ? this.missingMessage : '';
  }

  protected override updated() {
    const data = new FormData();
    if (this.name) for (const file of this.files) data.append(this.name, file);
    this.internals.setFormValue(this.chosen.length ? data : null);
    const missing = this.required && this.chosen.length === 0;
    this.internals.setValidity({ valueMissing: missing }, missing ? this.missingMessage : '', this.input);
  }

  override render() {
    const t = (key: string, defaultValue: string, values: Record<string, unknown> = {}) =>
      translate(this.localize, `primitives:fileDrop.${key}`, defaultValue, values);
    const label = this.label || t('label', 'Upload a document');
    const error = this.error || this.rejection || this.shownValidation;
    const describedBy = ['constraints', this.hint ? 'hint' : '', error ? 'error' : ''].filter(Boolean).join(' ');
    const constraints =
      this.accept || this.maxSize
        ? t('constraints', 'Accepted: {{types}}. Up to {{size}} each.', {
            types: this.typeNames(),
            size: this.maxSize ? this.formatSize(this.maxSize) : '∞',
          })
        : '';
    return html`<div part="base">
      <span part="label" id="label">${label}</span>
      <div
        part="control"
        class=${this.over ? 'over' : ''}
        aria-disabled=${this.inactive ? 'true' : 'false'}
        @dragenter=${this.handleDragOver}
        @dragover=${this.handleDragOver}
        @dragleave=${this.handleDragLeave}
        @drop=${this.handleDrop}
      >
        <input
          type="file"
          accept=${this.accept || nothing}
          ?multiple=${this.multiple}
          ?disabled=${this.inactive}
          ?required=${this.required && this.chosen.length === 0}
          aria-labelledby="label"
          aria-describedby=${describedBy}
          aria-invalid=${error ? 'true' : 'false'}
          @change=${this.handleInputChange}
        />
        <span class="instructions" aria-hidden="true"
          >${t('instructions', 'Drag and drop here, or choose a file')}</span
        >
        <span class="constraints" id="constraints">${constraints}</span>
      </div>
      <div part="hint" id="hint">${this.hint || nothing}</div>
      ${
        this.chosen.length
          ? html`<ul part="preview">
              ${this.chosen.map(
                (entry, index) =>
                  html`<li>
                    ${
                      entry.preview
                        ? html`<img src=${entry.preview} alt="" />`
                        : html`<span class="file-icon" aria-hidden="true">${extension(entry.file.name)}</span>`
                    }
                    <span class="file-name">${entry.file.name} (${this.formatSize(entry.file.size)})</span>
                    <button
                      class="remove"
                      type="button"
                      ?disabled=${this.inactive}
                      @click=${() => this.removeFile(index)}
                    >
                      ${t('remove', 'Remove {{name}}', { name: entry.file.name })}
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      <div part="error" id="error" role="alert">${error || nothing}</div>
    </div>`;
  }

  /** Empties the selection, once the screen has taken the files (it then lists them itself). */
  clear() {
    this.formResetCallback();
  }

  formResetCallback() {
    this.setFiles([]);
    this.rejection = '';
    this.shownValidation = '';
  }

  formDisabledCallback(disabled: boolean) {
    this.formDisabled = disabled;
  }

  formStateRestoreCallback(state: string | File | FormData | null) {
    if (state instanceof FormData) this.setFiles(state.getAll(this.name).filter((entry) => entry instanceof File));
  }

  /** Checks and keeps the given files (replacing the current ones unless `multiple`); fires change. */
  addFiles(incoming: Iterable<File>) {
    const accepted: File[] = [];
    const problems: string[] = [];
    for (const file of incoming) {
      const problem = this.check(file);
      if (problem) problems.push(problem);
      else accepted.push(file);
    }
    this.rejection = problems.join(' ');
    if (accepted.length === 0) return;
    this.setFiles(this.multiple ? [...this.files, ...accepted] : accepted.slice(0, 1));
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  private setFiles(files: File[]) {
    const previous = this.chosen;
    this.chosen = files.map(
      (file) =>
        previous.find((entry) => entry.file === file) ?? {
          file,
          preview: isImage(file) ? URL.createObjectURL(file) : undefined,
        },
    );
    this.revoke(previous.filter((entry) => !this.chosen.includes(entry)));
  }

  private revoke(entries: Chosen[]) {
    for (const entry of entries) if (entry.preview) URL.revokeObjectURL(entry.preview);
  }

  private removeFile(index: number) {
    this.setFiles(this.files.filter((_, position) => position !== index));
    this.rejection = '';
    this.input.focus();
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  /** The localized reason a file is refused, or '' when it is fine. */
  private check(file: File): string {
    const values = { name: file.name, types: this.typeNames(), size: this.formatSize(this.maxSize) };
    if (!this.accepts(file)) {
      return translate(
        this.localize,
        'primitives:fileDrop.typeError',
        '{{name}}: this file type is not accepted. Use {{types}}.',
        values,
      );
    }
    if (this.maxSize > 0 && file.size > this.maxSize) {
      return translate(
        this.localize,
        'primitives:fileDrop.sizeError',
        '{{name}} is too large. The limit is {{size}}.',
        values,
      );
    }
    return '';
  }

  private accepts(file: File): boolean {
    const rules = this.acceptRules();
    if (rules.length === 0) return true;
    const type = file.type.toLowerCase();
    const name = file.name.toLowerCase();
    return rules.some((rule) =>
      rule.startsWith('.')
        ? name.endsWith(rule)
        : rule.endsWith('/*')
          ? type.startsWith(rule.slice(0, -1))
          : type === rule,
    );
  }

  private acceptRules(): string[] {
    return this.accept
      .split(',')
      .map((rule) => rule.trim().toLowerCase())
      .filter(Boolean);
  }

  /** "PNG, JPEG, or PDF" (as the screen's language lists alternatives) from "image/png,image/jpeg,application/pdf". */
  private typeNames(): string {
    return formatList(
      this.acceptRules().map(
        (rule) =>
          (rule.startsWith('.') ? rule.slice(1) : (rule.split('/')[1] ?? rule)).replace('*', '').toUpperCase() || rule,
      ),
      this.localize.language,
      'disjunction',
    );
  }

  private formatSize(bytes: number): string {
    // Binary multiples, as file managers count: a 5 MiB limit reads "5 MB", like the size a user sees.
    const [value, unit] =
      bytes >= 1024 * 1024
        ? [bytes / (1024 * 1024), 'megabyte']
        : bytes >= 1024
          ? [bytes / 1024, 'kilobyte']
          : [bytes, 'byte'];
    // Bytes spelled out ("157 bytes"): the short form of that unit is the singular "byte" in many languages.
    return new Intl.NumberFormat(intlLocale(this.localize.language), {
      style: 'unit',
      unit,
      unitDisplay: unit === 'byte' ? 'long' : 'short',
      maximumFractionDigits: 1,
    }).format(value);
  }

  private handleInputChange(event: Event) {
    event.stopPropagation();
    const input = event.target as HTMLInputElement;
    this.addFiles(input.files ?? []);
    // The native input only picks; the element keeps the files (so picking again adds or replaces).
    input.value = '';
  }

  private handleDragOver(event: DragEvent) {
    event.preventDefault();
    if (this.inactive) return;
    this.over = true;
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  }

  private handleDragLeave() {
    this.over = false;
  }

  private handleDrop(event: DragEvent) {
    event.preventDefault();
    this.over = false;
    if (this.inactive) return;
    const files = [...(event.dataTransfer?.files ?? [])];
    this.addFiles(this.multiple ? files : files.slice(0, 1));
  }

  private readonly handleInvalid = () => {
    this.shownValidation = this.internals.validationMessage;
  };
}

function isImage(file: File) {
  return /^image\/(png|jpeg|gif|webp)$/.test(file.type);
}

function extension(name: string) {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1, dot + 5).toUpperCase() : '';
}
