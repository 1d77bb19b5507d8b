import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/input/define.ts';
import '../../primitives/screen/define.ts';
import { BkChangeEmail } from './change-email.ts';

if (!customElements.get('bk-change-email')) customElements.define('bk-change-email', BkChangeEmail);

declare global {
  interface HTMLElementTagNameMap {
    'bk-change-email': BkChangeEmail;
  }
}
