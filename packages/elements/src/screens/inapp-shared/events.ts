import type { InAppAction } from '@broker-kit/core';

export const inAppResultStatuses = ['success', 'failure', 'cancelled'] as const;
export type InAppResultStatus = (typeof inAppResultStatuses)[number];

export interface InAppResult {
  action: InAppAction;
  status: InAppResultStatus;
  /** The backend's reference of what happened (a transaction, a KYC submission). */
  reference?: string;
}

/** Fired by an in-app screen when its outcome is known, for host pages that embed the screen. */
export class BkResultEvent extends Event {
  static readonly eventName = 'bk-result';
  readonly detail: InAppResult;

  constructor(detail: InAppResult) {
    super(BkResultEvent.eventName, { bubbles: true, composed: true });
    this.detail = detail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'bk-result': BkResultEvent;
  }
}
