import { BkInput } from './input.ts';

if (!customElements.get('bk-input')) customElements.define('bk-input', BkInput);

declare global {
  interface HTMLElementTagNameMap {
    'bk-input': BkInput;
  }
}
