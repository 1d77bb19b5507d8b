import { BkSelect } from './select.ts';

if (!customElements.get('bk-select')) customElements.define('bk-select', BkSelect);

declare global {
  interface HTMLElementTagNameMap {
    'bk-select': BkSelect;
  }
}
