import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/input/define.ts';
import '../../primitives/screen/define.ts';
import { BkChangePassword } from './change-password.ts';

if (!customElements.get('bk-change-password')) customElements.define('bk-change-password', BkChangePassword);

declare global {
  interface HTMLElementTagNameMap {
    'bk-change-password': BkChangePassword;
  }
}
