import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { html } from 'lit';
import i18next from 'i18next';
import './define.ts';
import { axeSettings, expectNoAxeViolations, mount } from '../testing.ts';

const steps = [
  { id: 'identity', label: 'Identity' },
  { id: 'address', label: 'Address' },
  { id: 'review', label: 'Review' },
];

describe('bk-stepper', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(html`<bk-stepper .steps=${steps} current="address"></bk-stepper>`, settings);
        await expectNoAxeViolations(host);
      });
    }
  });

  describe('properties', () => {
    it('marks the current step and names the list "Step X of Y", localized', async () => {
      const i18n = i18next.createInstance();
      await i18n.init({
        lng: 'de',
        resources: {
          de: { primitives: { stepper: { progress: 'Schritt {{current}} von {{total}}', completed: 'erledigt' } } },
        },
      });
      const host = await mount(html`<bk-stepper .i18n=${i18n} .steps=${steps} current="address"></bk-stepper>`);
      await expect.element(page.getByRole('list', { name: 'Schritt 2 von 3' })).toBeVisible();
      const items = [...host.querySelector('bk-stepper')!.shadowRoot!.querySelectorAll('li')];
      expect(items.map((item) => item.getAttribute('aria-current'))).toEqual([null, 'step', null]);
      expect(items[0]!.textContent).toContain('erledigt');
    });
  });
});
