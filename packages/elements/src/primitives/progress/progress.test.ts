import { describe, expect, it } from 'vitest';
import { html } from 'lit';
import './define.ts';
import { axeSettings, expectNoAxeViolations, mount, settle, styleAttributeWrites } from '../testing.ts';

describe('bk-progress', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(
          html`<bk-progress value="40" label="Upload"></bk-progress><bk-progress></bk-progress>`,
          settings,
        );
        await expectNoAxeViolations(host);
      });
    }
  });

  describe('properties', () => {
    it('exposes value and max, clamps, and drops them when indeterminate', async () => {
      const host = await mount(html`<bk-progress value="30" max="60" label="Upload"></bk-progress>`);
      const element = host.querySelector('bk-progress')!;
      const bar = element.shadowRoot!.querySelector('[role="progressbar"]')!;
      expect([
        bar.getAttribute('aria-valuenow'),
        bar.getAttribute('aria-valuemax'),
        bar.getAttribute('aria-label'),
      ]).toEqual(['30', '60', 'Upload']);
      const indicator = element.shadowRoot!.querySelector<HTMLElement>('[part="indicator"]')!;
      expect(indicator.getBoundingClientRect().width).toBeCloseTo(bar.getBoundingClientRect().width / 2, 0);
      element.value = 500;
      await settle(host);
      expect(bar.getAttribute('aria-valuenow')).toBe('60');
      element.value = undefined;
      await settle(host);
      expect(bar.hasAttribute('aria-valuenow')).toBe(false);
      expect(bar.getAttribute('aria-label')).toBe('Upload');
    });
  });

  describe('content security policy', () => {
    it('sets the fill through the CSSOM, never writing a style attribute a strict CSP refuses', async () => {
      let element!: HTMLElement & { value?: number };
      const writes = await styleAttributeWrites(async () => {
        const host = await mount(html`<bk-progress value="25" label="Upload"></bk-progress>`);
        element = host.querySelector('bk-progress')!;
        element.value = 75;
        await settle(host);
      });
      expect(writes).toEqual([]);
      const indicator = element.shadowRoot!.querySelector<HTMLElement>('[part="indicator"]')!;
      expect(indicator.style.getPropertyValue('inline-size')).toBe('75%');
      element.value = undefined;
      await settle(element.shadowRoot!);
      expect(indicator.style.getPropertyValue('inline-size')).toBe('');
    });
  });
});
