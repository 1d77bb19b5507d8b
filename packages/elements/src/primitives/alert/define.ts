import { BkAlert } from './alert.ts';

if (!customElements.get('bk-alert')) customElements.define('bk-alert', BkAlert);

declare global {
  interface HTMLElementTagNameMap {
    'bk-alert': BkAlert;
  }
}
