import { BkCtraderWeb } from './ctrader-web.ts';

if (!customElements.get('bk-ctrader-web')) customElements.define('bk-ctrader-web', BkCtraderWeb);

declare global {
  interface HTMLElementTagNameMap {
    'bk-ctrader-web': BkCtraderWeb;
  }
}
