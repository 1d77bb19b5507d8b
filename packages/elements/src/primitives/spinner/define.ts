import { BkSpinner } from './spinner.ts';

if (!customElements.get('bk-spinner')) customElements.define('bk-spinner', BkSpinner);

declare global {
  interface HTMLElementTagNameMap {
    'bk-spinner': BkSpinner;
  }
}
