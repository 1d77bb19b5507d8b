import type { LocalizeController } from '../controllers/localize.ts';

type Constraints = Partial<Pick<HTMLInputElement, 'type' | 'minLength' | 'maxLength' | 'min' | 'max'>>;

/**
 * Translates `key` through the host's i18n instance; without one, fills `{{name}}` placeholders of the
 * English default itself (the controller returns the default untouched).
 */
export function translate(
  localize: LocalizeController,
  key: string,
  defaultValue: string,
  values: Record<string, unknown> = {},
): string {
  if (localize.instance) return localize.t(key, { defaultValue, ...values });
  return defaultValue.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

/**
 * The localized message for a failed native validity state (browsers word theirs in the browser's own
 * language, not the screen's). Empty when valid or when only a custom error is set.
 */
export function validationMessage(localize: LocalizeController, validity: ValidityState, control: Constraints): string {
  const t = (key: string, defaultValue: string, values: Record<string, unknown> = {}) =>
    translate(localize, `primitives:validation.${key}`, defaultValue, values);
  if (validity.valueMissing) {
    if (control.type === 'checkbox') return t('checkbox', 'Tick this box to continue.');
    if (control.type === 'file') return t('file', 'Choose a file.');
    if (control.type === 'select') return t('select', 'Choose an option.');
    return t('required', 'Fill in this field.');
  }
  if (validity.badInput) return t('number', 'Enter a number.');
  if (validity.typeMismatch && control.type === 'email') return t('email', 'Enter a valid email address.');
  if (validity.typeMismatch || validity.patternMismatch) return t('pattern', 'Use the requested format.');
  if (validity.tooShort) return t('tooShort', 'Use at least {{count}} characters.', { count: control.minLength });
  if (validity.tooLong) return t('tooLong', 'Use at most {{count}} characters.', { count: control.maxLength });
  if (validity.rangeUnderflow) return t('rangeUnderflow', 'Enter {{min}} or more.', { min: control.min });
  if (validity.rangeOverflow) return t('rangeOverflow', 'Enter {{max}} or less.', { max: control.max });
  if (validity.stepMismatch) return t('step', 'Enter a valid value.');
  return '';
}

let nextId = 0;
/** A document-unique id prefix, so light-DOM fields can link label, hint and error by id. */
export function uniqueId(prefix: string): string {
  return `${prefix}-${++nextId}`;
}
