// Why a route did not open, said in the user's language inside the kit's own screen frame. A chunk of its
// own: the normal path never loads it.
import { html, render } from 'lit';
import type { i18n } from 'i18next';
import type { FeatureModule } from '@broker-kit/core/identity.ts';
import '@broker-kit/elements/primitives/screen/define.ts';
import '@broker-kit/elements/primitives/alert/define.ts';

export type Refusal =
  { reason: 'notFound' | 'unavailable' | 'config' } | { reason: 'disabled' | 'incompatible'; module: FeatureModule };

/** Renders the refusal; `close` (in-app routes) adds the visible Back/close control that returns to the app. */
export async function renderRefusal(root: HTMLElement, refusal: Refusal, i18n: i18n, close?: () => void) {
  await i18n.loadNamespaces('hosted');
  const t = i18n.getFixedT(null, 'hosted');
  // A refused module is named in the heading, never spliced into a sentence (case and agreement differ per language).
  const heading = 'module' in refusal ? t(`modules.${refusal.module}`) : t(`${refusal.reason}.title`);
  render(
    html`<bk-screen
      .i18n=${i18n}
      heading=${heading}
      data-refusal=${refusal.reason}
      ?closable=${close !== undefined}
      @bk-close=${close}
    >
      <bk-alert variant="error">${t(`${refusal.reason}.message`)}</bk-alert>
    </bk-screen>`,
    root,
  );
}
