import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { tokens } from '../../styles/tokens.ts';
import { tooltipStyles } from './tooltip.styles.ts';

/**
 * @summary A short description shown on hover and keyboard focus of the element it wraps.
 *
 * The text also becomes the wrapped element's `aria-description`, so screen readers hear it whether or
 * not it is showing. It stays while the pointer is over it and hides with Escape (WCAG 1.4.13).
 *
 * @slot - The element the tooltip describes (a button, an icon with a label…).
 * @csspart base - The tooltip bubble.
 * @cssproperty --bk-tooltip-background - Bubble fill.
 * @cssproperty --bk-tooltip-color - Bubble text colour.
 * @cssproperty --bk-tooltip-max-width - Bubble maximum width (default 16rem).
 */
export class BkTooltip extends LitElement {
  static override styles = [tokens, tooltipStyles];

  /** The tooltip text. */
  @property() content = '';
  @state() private open = false;

  private described?: Element;

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('pointerenter', this.show);
    this.addEventListener('pointerleave', this.hide);
    this.addEventListener('focusin', this.show);
    this.addEventListener('focusout', this.hide);
    this.addEventListener('keydown', this.handleKeydown);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('pointerenter', this.show);
    this.removeEventListener('pointerleave', this.hide);
    this.removeEventListener('focusin', this.show);
    this.removeEventListener('focusout', this.hide);
    this.removeEventListener('keydown', this.handleKeydown);
  }

  protected override updated() {
    this.described?.setAttribute('aria-description', this.content);
  }

  override render() {
    return html`<slot @slotchange=${this.handleSlotChange}></slot>
      <div part="base" role="tooltip" aria-hidden="true" ?hidden=${!this.open || !this.content}>${this.content}</div>`;
  }

  private handleSlotChange(event: Event) {
    const [first] = (event.target as HTMLSlotElement).assignedElements();
    if (first === this.described) return;
    this.described?.removeAttribute('aria-description');
    this.described = first;
    this.described?.setAttribute('aria-description', this.content);
  }

  private readonly show = () => {
    this.open = true;
  };

  private readonly hide = () => {
    this.open = false;
  };

  private readonly handleKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.open = false;
    }
  };
}
