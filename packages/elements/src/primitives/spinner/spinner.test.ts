import { describe, expect, it } from 'vitest';
import { html } from 'lit';
import i18next from 'i18next';
import './define.ts';
import { axeSettings, expectNoAxeViolations, mount } from '../testing.ts';

describe('bk-spinner', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(html`<bk-spinner></bk-spinner><bk-spinner label="Sending"></bk-spinner>`, settings);
        await expectNoAxeViolations(host);
      });
    }
  });

  describe('properties', () => {
    it('announces its label in a status region, localized by default', async () => {
      const i18n = i18next.createInstance();
      await i18n.init({ lng: 'fr', resources: { fr: { primitives: { loading: 'Chargement…' } } } });
      const host = await mount(html`<bk-spinner label="Sending"></bk-spinner><bk-spinner .i18n=${i18n}></bk-spinner>`);
      const texts = [...host.querySelectorAll('bk-spinner')].map((spinner) => {
        const status = spinner.shadowRoot!.querySelector('[role="status"]')!;
        return status.textContent!.trim();
      });
      expect(texts).toEqual(['Sending', 'Chargement…']);
    });
  });
});
