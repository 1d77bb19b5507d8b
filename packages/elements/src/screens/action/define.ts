import { BkAction } from './action.ts';

if (!customElements.get('bk-action')) customElements.define('bk-action', BkAction);

declare global {
  interface HTMLElementTagNameMap {
    'bk-action': BkAction;
  }
}
