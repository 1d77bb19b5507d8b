// The ribbon that tells a trader their verification is due again (under SSO, where the broker shows ribbons): a
// user rule to the KYC screen, titled in the trader's language from core's `kyc` texts.
import { createRequire } from 'node:module';
import i18next, { type i18n } from 'i18next';
import type { Ribbon } from '@broker-kit/core/adapter/schemas.ts';
import { languages, matchLanguage } from '@broker-kit/core/i18n/languages.ts';

export const kycDueRibbonId = 'kyc-renewal';

const requireJson = createRequire(import.meta.url);
let texts: i18n | undefined;

function kycTexts(): i18n {
  if (!texts) {
    texts = i18next.createInstance();
    // Resources given up front: init is synchronous.
    void texts.init({
      resources: Object.fromEntries(
        languages.map((language) => [
          language,
          { kyc: requireJson(`@broker-kit/core/i18n/locales/${language}/kyc.json`) as Record<string, unknown> },
        ]),
      ),
      initAsync: false,
      fallbackLng: 'en',
      supportedLngs: [...languages],
      ns: ['kyc'],
      defaultNS: 'kyc',
      returnNull: false,
      // A ribbon title is text, rendered by Lit or the platform: nothing to escape here.
      interpolation: { escapeValue: false },
    });
  }
  return texts;
}

/** The renewal ribbon for `userId`, titled in `language` (an unsupported one falls back to `fallback`). */
export function kycDueRibbon(userId: number, language: string | undefined, fallback: string): Ribbon {
  const lng = matchLanguage(language ?? '') ?? matchLanguage(fallback) ?? 'en';
  return {
    id: kycDueRibbonId,
    color: '#B54708',
    title: kycTexts().t('status.due.title', { lng }),
    enabled: true,
    closable: false,
    scope: 'user',
    target: String(userId),
    action: { urlinApp: '/inapp/kyc' },
  };
}
