import { BkCopy } from './copy.ts';

if (!customElements.get('bk-copy')) customElements.define('bk-copy', BkCopy);

declare global {
  interface HTMLElementTagNameMap {
    'bk-copy': BkCopy;
  }
}
