import { LitElement, html, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { tokens } from '../../styles/tokens.ts';
import { tooltipGap, tooltipStyles } from './tooltip.styles.ts';

/** Preferred side of the bubble; `start` and `end` follow the writing direction. It flips when there is no room. */
export const tooltipPlacements = ['top', 'bottom', 'start', 'end'] as const;
export type TooltipPlacement = (typeof tooltipPlacements)[number];

type FloatingUi = typeof import('@floating-ui/dom');
let floatingUi: Promise<FloatingUi> | undefined;
/** Positioning code loads on the first show of any tooltip, not with the screen. */
const loadFloatingUi = () => (floatingUi ??= import('@floating-ui/dom'));

/** Minimum distance kept between the bubble and the viewport edges, in pixels. */
const viewportPadding = 8;

/**
 * @summary A short description shown on hover and keyboard focus of the element it wraps.
 *
 * The text also becomes the wrapped element's `aria-description`, so screen readers hear it whether or
 * not it is showing. Following WCAG 1.4.13 it is dismissable (Escape hides it, wherever focus is),
 * hoverable (the pointer can move onto the bubble) and persistent (it stays while the element is hovered
 * or focused). The bubble is placed with @floating-ui/dom, loaded on the first show: it flips to the other
 * side when there is no room and shifts to stay inside the viewport, and follows the element while shown.
 *
 * @slot - The element the tooltip describes (a button, an icon with a label…).
 * @csspart base - The tooltip bubble.
 * @cssproperty --bk-tooltip-background - Bubble fill.
 * @cssproperty --bk-tooltip-color - Bubble text colour.
 * @cssproperty --bk-tooltip-max-width - Bubble maximum width (default 16rem, never wider than the viewport).
 */
export class BkTooltip extends LitElement {
  static override styles = [tokens, tooltipStyles];

  /** The tooltip text. */
  @property() content = '';
  /** Preferred side: `top` (default), `bottom`, `start` or `end`. */
  @property({ reflect: true }) placement: TooltipPlacement = 'top';

  @state() private hovered = false;
  @state() private focused = false;
  /** Escape was pressed; cleared when the pointer or focus comes back. */
  @state() private dismissed = false;
  @query('[part="base"]') private bubble!: HTMLElement;

  private described?: Element;
  private stopAutoUpdate?: () => void;
  private starting = false;

  /** Whether the bubble is showing. */
  get open() {
    return (this.hovered || this.focused) && !this.dismissed && this.content !== '';
  }

  override connectedCallback() {
    super.connectedCallback();
    this.addEventListener('pointerenter', this.handlePointerEnter);
    this.addEventListener('pointerleave', this.handlePointerLeave);
    this.addEventListener('focusin', this.handleFocusIn);
    this.addEventListener('focusout', this.handleFocusOut);
    this.addEventListener('keydown', this.handleKeydown);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.removeEventListener('pointerenter', this.handlePointerEnter);
    this.removeEventListener('pointerleave', this.handlePointerLeave);
    this.removeEventListener('focusin', this.handleFocusIn);
    this.removeEventListener('focusout', this.handleFocusOut);
    this.removeEventListener('keydown', this.handleKeydown);
    document.removeEventListener('keydown', this.handleDocumentKeydown);
    this.hovered = this.focused = this.dismissed = false;
    this.stopPositioning();
  }

  protected override updated(changed: PropertyValues<this>) {
    this.describe();
    if (!this.open) {
      document.removeEventListener('keydown', this.handleDocumentKeydown);
      this.stopPositioning();
      return;
    }
    document.addEventListener('keydown', this.handleDocumentKeydown);
    if (changed.has('placement')) this.restartPositioning();
    else void this.startPositioning();
  }

  override render() {
    return html`<slot @slotchange=${this.handleSlotChange}></slot>
      <div part="base" role="tooltip" aria-hidden="true" ?hidden=${!this.open}>${this.content}</div>`;
  }

  private describe() {
    if (this.content) this.described?.setAttribute('aria-description', this.content);
    else this.described?.removeAttribute('aria-description');
  }

  private handleSlotChange(event: Event) {
    const [first] = (event.target as HTMLSlotElement).assignedElements();
    if (first === this.described) return;
    this.described?.removeAttribute('aria-description');
    this.described = first;
    this.describe();
    if (this.open) this.restartPositioning();
  }

  private async startPositioning() {
    if (this.stopAutoUpdate || this.starting) return;
    this.starting = true;
    let module: FloatingUi;
    try {
      module = await loadFloatingUi();
    } finally {
      this.starting = false;
    }
    const { autoUpdate, computePosition, flip, offset, shift } = module;
    if (!this.open || !this.isConnected || this.stopAutoUpdate) return;
    const anchor = this.described ?? this;
    const bubble = this.bubble;
    this.stopAutoUpdate = autoUpdate(anchor, bubble, async () => {
      const { x, y, placement } = await computePosition(anchor, bubble, {
        strategy: 'fixed',
        placement: this.physicalPlacement(),
        middleware: [offset(tooltipGap), flip({ padding: viewportPadding }), shift({ padding: viewportPadding })],
      });
      // A late answer after hiding must not bring back a stale position.
      if (!this.stopAutoUpdate) return;
      bubble.style.left = `${x}px`;
      bubble.style.top = `${y}px`;
      bubble.dataset.placement = placement;
    });
  }

  private stopPositioning() {
    this.stopAutoUpdate?.();
    this.stopAutoUpdate = undefined;
    this.bubble?.removeAttribute('data-placement');
  }

  private restartPositioning() {
    this.stopPositioning();
    void this.startPositioning();
  }

  /** `start` and `end` are the inline sides: left and right in left-to-right text, the other way round in rtl. */
  private physicalPlacement() {
    const rtl = this.matches(':dir(rtl)');
    if (this.placement === 'start') return rtl ? 'right' : 'left';
    if (this.placement === 'end') return rtl ? 'left' : 'right';
    return this.placement === 'bottom' ? 'bottom' : 'top';
  }

  private readonly handlePointerEnter = () => {
    this.hovered = true;
    this.dismissed = false;
  };

  private readonly handlePointerLeave = () => {
    this.hovered = false;
  };

  private readonly handleFocusIn = () => {
    this.focused = true;
    this.dismissed = false;
  };

  private readonly handleFocusOut = (event: FocusEvent) => {
    if (this.contains(event.relatedTarget as Node | null)) return;
    this.focused = false;
  };

  /** Escape while focus is inside: hide, and keep the key from also closing a surrounding dialog. */
  private readonly handleKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.open) {
      event.stopPropagation();
      this.dismissed = true;
    }
  };

  /** Escape while shown by hover alone, with focus elsewhere on the page (dismissable without moving the pointer). */
  private readonly handleDocumentKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && this.open) this.dismissed = true;
  };
}
