import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { html } from 'lit';
import './define.ts';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../testing.ts';
import type { BkCopyEvent } from '../events.ts';

describe('bk-copy', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(html`<bk-copy value="DE89 3704" label="Copy IBAN"></bk-copy>`, settings);
        await expectNoAxeViolations(host);
      });
    }
  });

  describe('events and keyboard', () => {
    it('copies with Enter, fires bk-copy and announces the confirmation', async () => {
      const host = await mount(
        html`<bk-copy value="REF-12345" label="Copy reference" copied-label="Reference copied"></bk-copy>`,
      );
      const copy = host.querySelector('bk-copy')!;
      const copied = nextEvent<BkCopyEvent>(copy, 'bk-copy');
      await userEvent.tab();
      await userEvent.keyboard('{Enter}');
      expect((await copied).detail.value).toBe('REF-12345');
      await settle(host);
      expect(copy.shadowRoot!.querySelector('[role="status"]')!.textContent).toBe('Reference copied');
      await expect.element(page.getByRole('button', { name: 'Reference copied' })).toBeVisible();
    });
  });
});
