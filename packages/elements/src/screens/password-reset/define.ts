import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/input/define.ts';
import '../../primitives/screen/define.ts';
import { BkPasswordReset } from './password-reset.ts';

if (!customElements.get('bk-password-reset')) customElements.define('bk-password-reset', BkPasswordReset);

declare global {
  interface HTMLElementTagNameMap {
    'bk-password-reset': BkPasswordReset;
  }
}
