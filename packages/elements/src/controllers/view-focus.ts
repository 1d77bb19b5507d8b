import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ViewFocusOptions {
  /**
   * Names what the host shows (`'confirm'`, `'error:TIMEOUT'`…); `undefined` while it is loading or busy, when
   * there is nothing to move focus to yet.
   */
  view: () => string | undefined;
  /** Moves focus into the view just shown (an alert, an invalid field, a heading); false when it found nothing. */
  focus: () => boolean;
}

/** The element that really has focus, looking through open shadow roots; null when focus is on the page itself. */
export function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active === document.body || active === document.documentElement ? null : active;
}

/** Focuses an element, first making a non-interactive one (a heading, an alert) focusable by script only. */
export function focusElement(element: HTMLElement | null | undefined): boolean {
  if (!element) return false;
  const interactive = element.matches('a[href], button, input, select, textarea, iframe, [contenteditable]');
  if (!interactive && !element.hasAttribute('tabindex')) element.tabIndex = -1;
  element.focus();
  return true;
}

/**
 * Keeps keyboard and screen-reader users in place when a screen swaps its content: when the view changes
 * (loading → form, form → error, confirm → success) and focus went away with the old content (to the page), or
 * still sits where it was when the previous view appeared (a button that was busy), focus moves into the new
 * view. Focus the user or the screen moved elsewhere in the meantime stays where it is, and the first view of
 * a screen that shows at once (a login form) takes no focus: nothing is stolen from the host page.
 */
export class ViewFocusController implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly options: ViewFocusOptions;
  private started = false;
  private shown: string | undefined;
  /** Where focus was when the current view appeared (or the host became busy). */
  private anchor: Element | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ViewFocusOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  hostUpdated() {
    const view = this.options.view();
    if (this.started && view === this.shown) return;
    const first = !this.started;
    this.started = true;
    this.shown = view;
    const active = deepActiveElement();
    const stayed = active === null || active === this.anchor;
    this.anchor = active;
    if (first || view === undefined || !stayed) return;
    // Nested elements render after the host: look for the target once they have.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = deepActiveElement();
      if (!this.host.isConnected || this.shown !== view || (now !== null && now !== active)) return;
      if (this.options.focus()) this.anchor = deepActiveElement();
    });
  }

  hostDisconnected() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
