import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { html } from 'lit';
import './define.ts';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../testing.ts';

describe('bk-checkbox', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(
          html`<bk-checkbox name="terms" required>I accept the terms</bk-checkbox>
            <bk-checkbox checked error="Required">Newsletter</bk-checkbox>
            <bk-checkbox disabled>Disabled</bk-checkbox>`,
          settings,
        );
        await expectNoAxeViolations(host);
      });
    }

    it('takes its accessible name from the slotted label', async () => {
      const host = await mount(html`<bk-checkbox>Remember me</bk-checkbox>`);
      const checkbox = page.getByRole('checkbox', { name: 'Remember me' });
      await expect.element(checkbox).not.toBeChecked();
      // The label wraps the slot: clicking the slotted text toggles the box.
      await userEvent.click(page.getByText('Remember me'));
      await expect.element(checkbox).toBeChecked();
      expect(host.querySelector('bk-checkbox')!.checked).toBe(true);
    });
  });

  describe('keyboard and events', () => {
    it('toggles with Space and fires change', async () => {
      const host = await mount(html`<bk-checkbox name="remember">Remember me</bk-checkbox>`);
      const box = host.querySelector('bk-checkbox')!;
      const change = nextEvent(box, 'change');
      await userEvent.tab();
      await userEvent.keyboard(' ');
      await change;
      expect(box.checked).toBe(true);
    });
  });

  describe('form', () => {
    it('submits name=value when checked, validates required, resets and disables like a native checkbox', async () => {
      const host = await mount(
        html`<form>
          <fieldset>
            <bk-checkbox name="terms" value="yes" required>Terms</bk-checkbox>
            <bk-checkbox name="news" checked>News</bk-checkbox>
          </fieldset>
        </form>`,
      );
      const form = host.querySelector('form')!;
      const [terms, news] = host.querySelectorAll('bk-checkbox');
      expect(form.checkValidity()).toBe(false);
      expect(terms!.validationMessage).toBe('Tick this box to continue.');
      expect([...new FormData(form)]).toEqual([['news', 'on']]);
      terms!.checked = true;
      news!.checked = false;
      await settle(host);
      expect(form.checkValidity()).toBe(true);
      expect([...new FormData(form)]).toEqual([['terms', 'yes']]);
      form.reset();
      await settle(host);
      expect([terms!.checked, news!.checked]).toEqual([false, true]);
      // The browser restores the state it was given with setFormValue (back/forward navigation).
      terms!.formStateRestoreCallback('checked');
      await settle(host);
      expect(new FormData(form).get('terms')).toBe('yes');
      terms!.checked = false;
      host.querySelector('fieldset')!.disabled = true;
      await settle(host);
      expect(terms!.shadowRoot!.querySelector('input')!.disabled).toBe(true);
      expect([...new FormData(form)]).toEqual([]);
    });

    it('has its new value in the form data while the form handles its change event', async () => {
      const host = await mount(html`<form><bk-checkbox name="terms" value="yes" required>Terms</bk-checkbox></form>`);
      const form = host.querySelector('form')!;
      const seen: { data: [string, FormDataEntryValue][]; valid: boolean }[] = [];
      form.addEventListener('change', () => seen.push({ data: [...new FormData(form)], valid: form.checkValidity() }));
      await userEvent.click(page.getByRole('checkbox', { name: 'Terms' }));
      expect(seen).toEqual([{ data: [['terms', 'yes']], valid: true }]);
    });

    it('shows the validation message when the form is submitted', async () => {
      const host = await mount(html`<form><bk-checkbox name="terms" required>Terms</bk-checkbox></form>`);
      host.querySelector('form')!.requestSubmit();
      await settle(host);
      const alert = host.querySelector('bk-checkbox')!.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent).toBe('Tick this box to continue.');
    });
  });
});
