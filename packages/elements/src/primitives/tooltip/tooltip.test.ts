import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { html } from 'lit';
import './define.ts';
import { axeSettings, expectNoAxeViolations, mount, settle } from '../testing.ts';

describe('bk-tooltip', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations while showing (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(
          html`<p style="padding-top: 3rem">
            <bk-tooltip content="Your trading account number"><button>?</button></bk-tooltip>
          </p>`,
          settings,
        );
        host.querySelector('button')!.focus();
        await settle(host);
        await expectNoAxeViolations(host);
      });
    }

    it('describes the wrapped element for screen readers', async () => {
      const host = await mount(html`<bk-tooltip content="Help text"><button>Info</button></bk-tooltip>`);
      expect(host.querySelector('button')!.getAttribute('aria-description')).toBe('Help text');
    });
  });

  describe('keyboard', () => {
    it('shows on focus and hover, hides on Escape and blur', async () => {
      const host = await mount(
        html`<bk-tooltip content="Help text"><button>Info</button></bk-tooltip><button>Next</button>`,
      );
      const bubble = host.querySelector('bk-tooltip')!.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
      await userEvent.tab();
      await settle(host);
      expect(bubble.hidden).toBe(false);
      await userEvent.keyboard('{Escape}');
      await settle(host);
      expect(bubble.hidden).toBe(true);
      await userEvent.hover(page.getByRole('button', { name: 'Info' }));
      await settle(host);
      expect(bubble.hidden).toBe(false);
      await userEvent.unhover(page.getByRole('button', { name: 'Info' }));
      await userEvent.tab();
      await settle(host);
      expect(bubble.hidden).toBe(true);
    });
  });
});
