import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import './define.ts';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../testing.ts';

describe('bk-textarea', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(
          html`<bk-textarea label="Message" hint="Max 200" maxlength="200"></bk-textarea>
            <bk-textarea label="Note" error="Too short"></bk-textarea>`,
          settings,
        );
        await expectNoAxeViolations(host);
      });
    }
  });

  describe('properties and events', () => {
    it('renders a labelled native textarea in light DOM and re-fires input with its value', async () => {
      const host = await mount(html`<bk-textarea label="Message" rows="6" maxlength="50"></bk-textarea>`);
      const element = host.querySelector('bk-textarea')!;
      const textarea = element.querySelector('textarea')!;
      expect([element.shadowRoot, textarea.labels?.[0]?.textContent, textarea.rows]).toEqual([null, 'Message', 6]);
      const input = nextEvent(element, 'input');
      await userEvent.type(textarea, 'Hello{Enter}there');
      expect((await input).target).toBe(element);
      expect(element.value).toBe('Hello\nthere');
      expect(host.textContent).toContain('11 / 50');
    });
  });

  describe('form', () => {
    it('submits, validates with a localized message, and resets to its value attribute', async () => {
      const host = await mount(
        html`<form><bk-textarea label="Message" name="message" value="Hi" required minlength="5"></bk-textarea></form>`,
      );
      const form = host.querySelector('form')!;
      const element = host.querySelector('bk-textarea')!;
      expect(new FormData(form).get('message')).toBe('Hi');
      await userEvent.clear(element.querySelector('textarea')!);
      expect(form.reportValidity()).toBe(false);
      await settle(host);
      expect(host.querySelector('[role="alert"]')!.textContent).toBe('Fill in this field.');
      await userEvent.type(element.querySelector('textarea')!, 'Hey');
      expect(element.validationMessage).toBe('Use at least 5 characters.');
      form.reset();
      await settle(host);
      expect(element.value).toBe('Hi');
    });
  });
});
