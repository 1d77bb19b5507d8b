import { BkButton } from './button.ts';

if (!customElements.get('bk-button')) customElements.define('bk-button', BkButton);

declare global {
  interface HTMLElementTagNameMap {
    'bk-button': BkButton;
  }
}
