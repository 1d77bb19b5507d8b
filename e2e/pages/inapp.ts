// The in-app screens inside the webview: how each one looks once its token is validated, and its error state.
import { expect, type FrameLocator } from '@playwright/test';
import type { InAppAction } from './simulator.ts';

/** The heading each screen shows once its session is ready (English). */
export const readyHeadings: Record<InAppAction, RegExp> = {
  deposit: /^Deposit$/,
  withdraw: /^Withdraw$/,
  kyc: /verif|identity|KYC/i,
  action: /Change leverage|Request/,
  chat: /^Support chat$/,
  invite: /^Invite friends$/,
};

/** The localized title each token problem shows (inapp:tokenError.*). */
export const tokenErrorTitles = {
  expired: /This link has expired/,
  used: /This link (does not exist|can no longer be used)/,
  userNotFound: /We could not find your account/,
  unavailable: /We could not check your link/,
  missing: /This link is incomplete/,
};

export class InAppScreen {
  constructor(readonly frame: FrameLocator) {}

  heading() {
    return this.frame.getByRole('heading', { level: 1 });
  }

  async expectReady(action: InAppAction) {
    await expect(this.frame.getByRole('heading', { name: readyHeadings[action] }).first()).toBeVisible();
    await expect(this.frame.getByRole('button', { name: /Back|Close/ }).first()).toBeVisible();
  }

  async expectTokenError(title: RegExp) {
    const alert = this.frame.getByRole('alert').filter({ hasText: title });
    await expect(alert.first()).toBeVisible();
  }
}
