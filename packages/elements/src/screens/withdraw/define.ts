import { BkWithdraw } from './withdraw.ts';

if (!customElements.get('bk-withdraw')) customElements.define('bk-withdraw', BkWithdraw);

declare global {
  interface HTMLElementTagNameMap {
    'bk-withdraw': BkWithdraw;
  }
}
