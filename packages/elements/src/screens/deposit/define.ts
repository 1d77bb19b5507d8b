import { BkDeposit } from './deposit.ts';

if (!customElements.get('bk-deposit')) customElements.define('bk-deposit', BkDeposit);

declare global {
  interface HTMLElementTagNameMap {
    'bk-deposit': BkDeposit;
  }
}
