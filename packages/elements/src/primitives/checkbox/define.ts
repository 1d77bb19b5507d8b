import { BkCheckbox } from './checkbox.ts';

if (!customElements.get('bk-checkbox')) customElements.define('bk-checkbox', BkCheckbox);

declare global {
  interface HTMLElementTagNameMap {
    'bk-checkbox': BkCheckbox;
  }
}
