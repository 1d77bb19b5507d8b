import { BkFileDrop } from './file-drop.ts';

if (!customElements.get('bk-file-drop')) customElements.define('bk-file-drop', BkFileDrop);

declare global {
  interface HTMLElementTagNameMap {
    'bk-file-drop': BkFileDrop;
  }
}
