import '../../primitives/alert/define.ts';
import '../../primitives/screen/define.ts';
import { BkCallback } from './callback.ts';

if (!customElements.get('bk-callback')) customElements.define('bk-callback', BkCallback);

declare global {
  interface HTMLElementTagNameMap {
    'bk-callback': BkCallback;
  }
}
