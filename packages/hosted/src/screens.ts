// Which screen each route shows. Every screen module is its own chunk (import.meta.glob is lazy): a webview
// downloads the shell, then only the one screen its route needs.

import type { FeatureModule } from '@broker-kit/core/identity.ts';

export interface ScreenEntry {
  /** Folder of the screen in @broker-kit/elements/src/screens/. */
  folder: string;
  tag: string;
  /** In-app and embedded routes belong to a feature module; SSO screens to identity itself. */
  module?: FeatureModule;
}

export const screens: Record<string, ScreenEntry> = {
  '/auth/login': { folder: 'login', tag: 'bk-login' },
  '/account/create': { folder: 'account-create', tag: 'bk-account-create' },
  '/callback/success': { folder: 'callback', tag: 'bk-callback' },
  '/account/password-reset': { folder: 'password-reset', tag: 'bk-password-reset' },
  '/account/password': { folder: 'change-password', tag: 'bk-change-password' },
  '/account/email': { folder: 'change-email', tag: 'bk-change-email' },
  '/inapp/deposit': { folder: 'deposit', tag: 'bk-deposit', module: 'deposit-withdrawal' },
  '/inapp/withdraw': { folder: 'withdraw', tag: 'bk-withdraw', module: 'deposit-withdrawal' },
  '/inapp/kyc': { folder: 'kyc', tag: 'bk-kyc', module: 'kyc' },
  '/inapp/action': { folder: 'action', tag: 'bk-action', module: 'action-chat' },
  '/inapp/chat': { folder: 'chat', tag: 'bk-chat', module: 'action-chat' },
  '/inapp/invite': { folder: 'invite', tag: 'bk-invite', module: 'invite' },
  '/inapp/ribbons': { folder: 'ribbon', tag: 'bk-ribbon', module: 'ribbons' },
  '/web': { folder: 'ctrader-web', tag: 'bk-ctrader-web', module: 'embedded-web' },
};

const modules = import.meta.glob<unknown>('../../elements/src/screens/*/define.ts');

/** Loads the screen's define module; resolves false when this build has no such screen or its chunk failed. */
export async function loadScreen(entry: ScreenEntry): Promise<boolean> {
  const load = modules[`../../elements/src/screens/${entry.folder}/define.ts`];
  if (!load) return false;
  try {
    await load();
  } catch (error) {
    console.error(`Broker Kit could not load the ${entry.tag} screen:`, error instanceof Error ? error.message : error);
    return false;
  }
  return customElements.get(entry.tag) !== undefined;
}
