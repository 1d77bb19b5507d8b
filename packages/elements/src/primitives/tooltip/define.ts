import { BkTooltip } from './tooltip.ts';

if (!customElements.get('bk-tooltip')) customElements.define('bk-tooltip', BkTooltip);

declare global {
  interface HTMLElementTagNameMap {
    'bk-tooltip': BkTooltip;
  }
}
