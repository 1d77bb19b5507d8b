import { BkRibbon } from './ribbon.ts';

if (!customElements.get('bk-ribbon')) customElements.define('bk-ribbon', BkRibbon);

declare global {
  interface HTMLElementTagNameMap {
    'bk-ribbon': BkRibbon;
  }
}
