// Which screen each route shows. Every screen module is its own chunk (import.meta.glob is lazy): a webview
// downloads the shell, then only the one screen its route needs.

import type { FeatureModule } from '@broker-kit/core/identity.ts';

export interface ScreenEntry {
  /** Folder of the screen in @broker-kit/elements/src/screens/. */
  folder: string;
  tag: string;
  /** In-app and embedded routes belong to a feature module; SSO screens to identity itself. */
  module?: FeatureModule;
  /** The i18n namespaces the screen reads besides `common` and `errors`, loaded while its code downloads. */
  namespaces: readonly string[];
}

const auth = ['auth', 'primitives'];
const payments = ['payments', 'inapp', 'primitives'];
const engage = ['engage', 'inapp', 'primitives'];

export const screens: Record<string, ScreenEntry> = {
  '/auth/login': { folder: 'login', tag: 'bk-login', namespaces: auth },
  '/account/create': { folder: 'account-create', tag: 'bk-account-create', namespaces: auth },
  '/callback/success': { folder: 'callback', tag: 'bk-callback', namespaces: auth },
  '/account/password-reset': { folder: 'password-reset', tag: 'bk-password-reset', namespaces: auth },
  '/account/password': { folder: 'change-password', tag: 'bk-change-password', namespaces: auth },
  '/account/email': { folder: 'change-email', tag: 'bk-change-email', namespaces: auth },
  '/inapp/deposit': { folder: 'deposit', tag: 'bk-deposit', module: 'deposit-withdrawal', namespaces: payments },
  '/inapp/withdraw': { folder: 'withdraw', tag: 'bk-withdraw', module: 'deposit-withdrawal', namespaces: payments },
  '/inapp/kyc': { folder: 'kyc', tag: 'bk-kyc', module: 'kyc', namespaces: ['kyc', 'inapp', 'primitives'] },
  '/inapp/action': { folder: 'action', tag: 'bk-action', module: 'action-chat', namespaces: engage },
  '/inapp/chat': { folder: 'chat', tag: 'bk-chat', module: 'action-chat', namespaces: engage },
  '/inapp/invite': { folder: 'invite', tag: 'bk-invite', module: 'invite', namespaces: engage },
  '/inapp/ribbons': { folder: 'ribbon', tag: 'bk-ribbon', module: 'ribbons', namespaces: ['engage', 'primitives'] },
  '/web': {
    folder: 'ctrader-web',
    tag: 'bk-ctrader-web',
    module: 'embedded-web',
    namespaces: ['engage', 'primitives'],
  },
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
