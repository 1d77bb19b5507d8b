import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import i18next from 'i18next';
import './define.ts';
import '../alert/define.ts';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../testing.ts';
import type { BkCloseEvent } from '../events.ts';

describe('bk-screen', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      for (const state of ['ready', 'loading', 'error'] as const) {
        it(`has no axe violations, ${state} (${settings.theme}, ${settings.dir})`, async () => {
          const host = await mount(
            html`<bk-screen heading="Deposit" subheading="Fund your account" closable brand-name="Acme" state=${state}>
              ${state === 'error' ? html`<bk-alert variant="error" heading="Failed">Try again</bk-alert>` : html`<p>Body</p>`}
              <p slot="footer">Footer</p>
            </bk-screen>`,
            settings,
          );
          await expectNoAxeViolations(host);
        });
      }
    }
  });

  describe('properties', () => {
    it('renders brand, h1 heading, body and footer', async () => {
      const host = await mount(
        html`<bk-screen heading="Log in" brand-name="Acme"
          ><p>Body</p>
          <p slot="footer">Help</p></bk-screen
        >`,
      );
      const root = host.querySelector('bk-screen')!.shadowRoot!;
      expect(root.querySelector('h1')!.textContent).toBe('Log in');
      expect(root.querySelector('[part="brand"]')!.textContent!.trim()).toBe('Acme');
      expect(root.querySelector('[part="close"]')).toBeNull();
    });

    it('shows a spinner while loading, keeps the body in the DOM, and sets aria-busy', async () => {
      const host = await mount(
        html`<bk-screen heading="Deposit" state="loading" loading-label="Checking"><p>Form</p></bk-screen>`,
      );
      const screen = host.querySelector('bk-screen')!;
      const root = screen.shadowRoot!;
      expect(root.querySelector('section')!.getAttribute('aria-busy')).toBe('true');
      expect(root.querySelector('bk-spinner')!.shadowRoot!.textContent).toContain('Checking');
      expect((root.querySelector('[part="body"]') as HTMLElement).hidden).toBe(true);
      screen.state = 'ready';
      await settle(host);
      expect(root.querySelector('bk-spinner')).toBeNull();
      expect(root.querySelector('section')!.getAttribute('aria-busy')).toBe('false');
    });

    it('sets lang and dir from its i18n instance', async () => {
      const i18n = i18next.createInstance();
      await i18n.init({ lng: 'ar', resources: { ar: { primitives: { close: 'إغلاق' } } } });
      const host = await mount(html`<bk-screen .i18n=${i18n} heading="إيداع" closable></bk-screen>`);
      const screen = host.querySelector('bk-screen')!;
      expect([screen.lang, screen.dir]).toEqual(['ar', 'rtl']);
      expect(screen.shadowRoot!.querySelector('[part="close"]')!.textContent!.trim()).toBe('إغلاق');
    });

    it('only loads a logo from https or the same origin', async () => {
      const host = await mount(
        html`<bk-screen heading="A" brand-name="Acme" logo-src="javascript:alert(1)"></bk-screen>`,
      );
      expect(host.querySelector('bk-screen')!.shadowRoot!.querySelector('img')).toBeNull();
    });
  });

  describe('events and keyboard', () => {
    it('fires bk-close from the visible close control', async () => {
      const host = await mount(html`<bk-screen heading="Deposit" closable close-label="Back"></bk-screen>`);
      const screen = host.querySelector('bk-screen')!;
      const closed = nextEvent<BkCloseEvent>(screen, 'bk-close');
      await userEvent.tab();
      await userEvent.keyboard('{Enter}');
      expect((await closed).type).toBe('bk-close');
      expect(screen.shadowRoot!.querySelector('[part="close"]')!.textContent!.trim()).toBe('Back');
    });
  });
});
