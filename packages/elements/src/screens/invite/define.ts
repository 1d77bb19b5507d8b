import { BkInvite } from './invite.ts';

if (!customElements.get('bk-invite')) customElements.define('bk-invite', BkInvite);

declare global {
  interface HTMLElementTagNameMap {
    'bk-invite': BkInvite;
  }
}
