import { BkKyc } from './kyc.ts';

if (!customElements.get('bk-kyc')) customElements.define('bk-kyc', BkKyc);

declare global {
  interface HTMLElementTagNameMap {
    'bk-kyc': BkKyc;
  }
}
