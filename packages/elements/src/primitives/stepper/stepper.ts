import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { i18n } from 'i18next';
import { LocalizeController } from '../../controllers/localize.ts';
import { tokens } from '../../styles/tokens.ts';
import { stepperStyles } from './stepper.styles.ts';
import { translate } from '../validation.ts';

export interface Step {
  id: string;
  label: string;
}

/**
 * @summary The steps of a multi-step flow, with the current one marked `aria-current="step"`.
 * @csspart base - The list (named "Step X of Y").
 * @csspart step - Each step.
 * @csspart marker - The step number or check mark.
 * @cssproperty --bk-stepper-active - Colour of the current and completed steps.
 */
export class BkStepper extends LitElement {
  static override styles = [tokens, stepperStyles];

  private readonly localize = new LocalizeController(this, ['primitives']);

  @property({ attribute: false }) i18n?: i18n;
  @property({ attribute: false }) steps: Step[] = [];
  /** The id of the current step. */
  @property() current = '';

  override render() {
    const currentIndex = Math.max(
      this.steps.findIndex((step) => step.id === this.current),
      0,
    );
    const progress = translate(this.localize, 'primitives:stepper.progress', 'Step {{current}} of {{total}}', {
      current: currentIndex + 1,
      total: this.steps.length,
    });
    const completed = this.localize.t('primitives:stepper.completed', { defaultValue: 'completed' });
    return html`<ol part="base" aria-label=${progress}>
      ${this.steps.map((step, index) => {
        const done = index < currentIndex;
        return html`<li
          part="step"
          class=${done ? 'done' : ''}
          aria-current=${index === currentIndex ? 'step' : nothing}
        >
          <span part="marker" aria-hidden="true">${done ? '✓' : index + 1}</span>
          <span class="label"
            >${step.label}${done ? html`<span class="bk-visually-hidden">, ${completed}</span>` : nothing}</span
          >
        </li>`;
      })}
    </ol>`;
  }
}
