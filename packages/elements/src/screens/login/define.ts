import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/checkbox/define.ts';
import '../../primitives/input/define.ts';
import '../../primitives/screen/define.ts';
import { BkLogin } from './login.ts';

if (!customElements.get('bk-login')) customElements.define('bk-login', BkLogin);

declare global {
  interface HTMLElementTagNameMap {
    'bk-login': BkLogin;
  }
}
