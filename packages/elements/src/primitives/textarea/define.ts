import { BkTextarea } from './textarea.ts';

if (!customElements.get('bk-textarea')) customElements.define('bk-textarea', BkTextarea);

declare global {
  interface HTMLElementTagNameMap {
    'bk-textarea': BkTextarea;
  }
}
