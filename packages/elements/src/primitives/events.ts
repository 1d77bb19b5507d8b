/** Detail of `bk-close`: what asked to close. */
export interface BkCloseDetail {
  /** `button`: the visible close control; `escape`: the Escape key; anything else: the host's own reason. */
  reason: 'button' | 'escape' | (string & {});
}

/**
 * `bk-close`: a user asked to close (an alert, a screen). Bubbles, composed, cancelable: a host that calls
 * `preventDefault()` keeps the element open.
 */
export class BkCloseEvent extends Event {
  constructor(readonly detail: BkCloseDetail = { reason: 'button' }) {
    super('bk-close', { bubbles: true, composed: true, cancelable: true });
  }
}

/** Detail of `bk-copy`. */
export interface BkCopyDetail {
  value: string;
}

/** `bk-copy`: a value was written to the clipboard. Bubbles, composed. */
export class BkCopyEvent extends Event {
  constructor(readonly detail: BkCopyDetail) {
    super('bk-copy', { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-close': BkCloseEvent;
    'bk-copy': BkCopyEvent;
  }
}
