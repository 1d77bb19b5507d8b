import { BkProgress } from './progress.ts';

if (!customElements.get('bk-progress')) customElements.define('bk-progress', BkProgress);

declare global {
  interface HTMLElementTagNameMap {
    'bk-progress': BkProgress;
  }
}
