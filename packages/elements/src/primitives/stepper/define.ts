import { BkStepper } from './stepper.ts';

if (!customElements.get('bk-stepper')) customElements.define('bk-stepper', BkStepper);

declare global {
  interface HTMLElementTagNameMap {
    'bk-stepper': BkStepper;
  }
}
