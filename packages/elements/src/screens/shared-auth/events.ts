export interface SuccessDetail {
  token?: string;
  userId?: number;
  redirectUrl?: string;
}

/**
 * Fired when an SSO flow completes, right before the screen navigates to `redirectUrl`. Cancelable: a host
 * page that embeds the screen (not a webview) calls `preventDefault()` to handle completion itself.
 */
export class BkSuccessEvent extends Event {
  readonly detail: SuccessDetail;
  constructor(detail: SuccessDetail) {
    super('bk-success', { bubbles: true, composed: true, cancelable: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-success': BkSuccessEvent;
  }
}
