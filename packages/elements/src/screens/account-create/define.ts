import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';
import '../../primitives/screen/define.ts';
import '../../primitives/select/define.ts';
import { BkAccountCreate } from './account-create.ts';

if (!customElements.get('bk-account-create')) customElements.define('bk-account-create', BkAccountCreate);

declare global {
  interface HTMLElementTagNameMap {
    'bk-account-create': BkAccountCreate;
  }
}
