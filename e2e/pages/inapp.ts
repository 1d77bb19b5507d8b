// The in-app screens inside the webview: how each one looks once its token is validated, and its error state.
import { expect, type FrameLocator, type Page } from '@playwright/test';
import { escapeRegExp, text } from '../support/locales.ts';
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

/** The key of each screen's heading in the kit's texts (the action's is the broker's own title, in English). */
const headingKeys: Record<InAppAction, string> = {
  deposit: 'payments:deposit.title',
  withdraw: 'payments:withdraw.title',
  kyc: 'kyc:title',
  action: 'engage:action.heading',
  chat: 'engage:chat.heading',
  invite: 'engage:invite.heading',
};

/** The heading a screen shows in `lang` once its session is ready. */
export function readyHeadingIn(action: InAppAction, lang: string): RegExp {
  const heading = escapeRegExp(text(lang, headingKeys[action]));
  return new RegExp(action === 'action' ? `^(?:Change leverage|${heading})$` : `^${heading}$`);
}

export class InAppScreen {
  /** The webview's frame, or the page itself when the screen fills the browser (a phone webview). */
  constructor(readonly frame: FrameLocator | Page) {}

  heading() {
    return this.frame.getByRole('heading', { level: 1 });
  }

  async expectReady(action: InAppAction) {
    await expect(this.frame.getByRole('heading', { name: readyHeadings[action] }).first()).toBeVisible();
    await expect(this.frame.getByRole('button', { name: /Back|Close/ }).first()).toBeVisible();
  }

  /**
   * Ready in any language: the token checked, the localized heading shown and nothing left loading (no spinner
   * or progress bar), so what axe then sees is the screen a user reads.
   */
  async expectLoaded(action: InAppAction, lang = 'en') {
    await expect(this.frame.locator('bk-screen[state="ready"]').first()).toBeAttached();
    await expect(this.frame.getByRole('heading', { level: 1, name: readyHeadingIn(action, lang) })).toBeVisible();
    await expect(this.frame.locator('bk-spinner:visible, bk-progress:visible')).toHaveCount(0);
  }

  async expectTokenError(title: RegExp) {
    const alert = this.frame.getByRole('alert').filter({ hasText: title });
    await expect(alert.first()).toBeVisible();
  }
}
