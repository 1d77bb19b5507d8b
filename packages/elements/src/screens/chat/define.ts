import { BkChat } from './chat.ts';

if (!customElements.get('bk-chat')) customElements.define('bk-chat', BkChat);

declare global {
  interface HTMLElementTagNameMap {
    'bk-chat': BkChat;
  }
}
