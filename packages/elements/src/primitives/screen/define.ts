import { BkScreen } from './screen.ts';

if (!customElements.get('bk-screen')) customElements.define('bk-screen', BkScreen);

declare global {
  interface HTMLElementTagNameMap {
    'bk-screen': BkScreen;
  }
}
