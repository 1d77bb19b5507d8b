import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import './define.ts';
import '../button/define.ts';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../testing.ts';
import type { BkCloseEvent } from '../events.ts';

describe('bk-alert', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations in every variant (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(
          html`${(['info', 'success', 'warning', 'error'] as const).map(
            (variant) =>
              html`<bk-alert variant=${variant} heading="Heading" closable
                >Message <bk-button slot="actions" variant="secondary">Retry</bk-button></bk-alert
              >`,
          )}`,
          settings,
        );
        await expectNoAxeViolations(host);
      });
    }
  });

  describe('properties', () => {
    it('uses role alert for error and warning, status otherwise', async () => {
      const host = await mount(
        html`<bk-alert variant="error"></bk-alert><bk-alert variant="warning"></bk-alert
          ><bk-alert variant="success"></bk-alert><bk-alert></bk-alert>`,
      );
      const roles = [...host.querySelectorAll('bk-alert')].map((alert) =>
        alert.shadowRoot!.querySelector('[part="base"]')!.getAttribute('role'),
      );
      expect(roles).toEqual(['alert', 'alert', 'status', 'status']);
    });
  });

  describe('events', () => {
    it('fires bk-close and hides when closed by keyboard', async () => {
      const host = await mount(html`<bk-alert closable variant="info">Saved</bk-alert>`);
      const alert = host.querySelector('bk-alert')!;
      const closed = nextEvent<BkCloseEvent>(alert, 'bk-close');
      await userEvent.tab();
      await userEvent.keyboard('{Enter}');
      expect((await closed).detail.reason).toBe('button');
      expect(alert.hidden).toBe(true);
      expect(alert.getBoundingClientRect().height).toBe(0);
    });

    it('stays open when bk-close is prevented', async () => {
      const host = await mount(html`<bk-alert closable>Saved</bk-alert>`);
      const alert = host.querySelector('bk-alert')!;
      alert.addEventListener('bk-close', (event) => event.preventDefault());
      alert.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!.click();
      await settle(host);
      expect(alert.hidden).toBe(false);
    });
  });
});
