import { describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { html } from 'lit';
import './define.ts';
import type { BkSelect, SelectOption } from './select.ts';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../testing.ts';

const countries: SelectOption[] = [
  { value: 'at', label: 'Austria' },
  { value: 'be', label: 'Belgium', disabled: true },
  { value: 'cy', label: 'Cyprus' },
  { value: 'de', label: 'Germany' },
  { value: 'gr', label: 'Greece' },
  { value: 'gb', label: 'United Kingdom of Great Britain' },
];

async function mountSelect(attrs = html``, settings = {}) {
  const host = await mount(
    html`<form style="inline-size: 12rem">
      <bk-select label="Country" name="country" .options=${countries}></bk-select>${attrs}
    </form>`,
    settings,
  );
  const select = host.querySelector<BkSelect>('bk-select')!;
  const control = select.shadowRoot!.querySelector<HTMLElement>('[role="combobox"]')!;
  const listbox = select.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]')!;
  return { host, select, control, listbox, form: host.querySelector('form')! };
}

const activeLabel = (select: BkSelect) =>
  select.shadowRoot!.querySelector('[role="option"].active')?.textContent?.trim();

describe('bk-select', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations closed and open (${settings.theme}, ${settings.dir})`, async () => {
        const { host, select } = await mountSelect(html``, settings);
        select.hint = 'Where you live';
        select.error = 'Not supported';
        await settle(host);
        await expectNoAxeViolations(host);
        await select.show();
        await expectNoAxeViolations(host);
      });
    }

    it('exposes a labelled combobox that controls a listbox', async () => {
      await mountSelect();
      const combobox = page.getByRole('combobox', { name: 'Country' });
      await expect.element(combobox).toHaveAttribute('aria-expanded', 'false');
      await userEvent.click(combobox);
      await expect.element(combobox).toHaveAttribute('aria-expanded', 'true');
      await expect.element(page.getByRole('listbox', { name: 'Country' })).toBeVisible();
    });
  });

  describe('keyboard', () => {
    it('opens with ArrowDown, skips disabled options, chooses with Enter and fires change', async () => {
      const { select, control } = await mountSelect();
      await userEvent.tab();
      expect(select.shadowRoot!.activeElement).toBe(control);
      await userEvent.keyboard('{ArrowDown}');
      await settle(select);
      expect(select.expanded).toBe(true);
      expect(activeLabel(select)).toBe('Austria');
      await userEvent.keyboard('{ArrowDown}');
      expect(activeLabel(select)).toBe('Cyprus');
      expect(control.getAttribute('aria-activedescendant')).toBe('option-2');
      const change = nextEvent(select, 'change');
      await userEvent.keyboard('{Enter}');
      await change;
      expect(select.value).toBe('cy');
      expect(select.expanded).toBe(false);
    });

    it('jumps with Home/End and closes with Escape without a change', async () => {
      const { select } = await mountSelect();
      await userEvent.tab();
      await userEvent.keyboard('{End}');
      await settle(select);
      expect(activeLabel(select)).toMatch(/^United Kingdom/);
      await userEvent.keyboard('{Home}');
      expect(activeLabel(select)).toBe('Austria');
      await userEvent.keyboard('{Escape}');
      await settle(select);
      expect([select.expanded, select.value]).toEqual([false, '']);
    });

    it('finds options by typing (typeahead) and chooses with Space', async () => {
      const { select } = await mountSelect();
      await userEvent.tab();
      await userEvent.keyboard('gr');
      await settle(select);
      expect(activeLabel(select)).toBe('Greece');
      await userEvent.keyboard('{ArrowUp}');
      expect(activeLabel(select)).toBe('Germany');
      await userEvent.keyboard(' ');
      await settle(select);
      expect(select.value).toBe('de');
    });
  });

  describe('properties', () => {
    it('loads floating-ui on open, places the list under the field and stops following it on close', async () => {
      const { select, control, listbox } = await mountSelect();
      await select.show();
      // Positioned by floating-ui: under the control.
      await expect
        .poll(() => listbox.getBoundingClientRect().top)
        .toBeGreaterThanOrEqual(control.getBoundingClientRect().bottom);
      select.close();
      await settle(select);
      expect(listbox.hidden).toBe(true);
    });

    it('aligns the list with the start edge of the field in right-to-left', async () => {
      for (const dir of ['ltr', 'rtl'] as const) {
        const { select, control, listbox } = await mountSelect(html``, { dir });
        await select.show();
        const field = control.getBoundingClientRect();
        // The long option makes the list wider than the field, so only start alignment matches.
        await expect.poll(() => listbox.getBoundingClientRect().width).toBeGreaterThan(field.width);
        if (dir === 'ltr')
          await expect.poll(() => Math.round(listbox.getBoundingClientRect().left)).toBe(Math.round(field.left));
        else await expect.poll(() => Math.round(listbox.getBoundingClientRect().right)).toBe(Math.round(field.right));
      }
    });

    it('chooses with the pointer', async () => {
      const { select } = await mountSelect();
      await userEvent.click(page.getByRole('combobox', { name: 'Country' }));
      await userEvent.click(page.getByRole('option', { name: 'Greece' }));
      expect(select.value).toBe('gr');
      expect(select.shadowRoot!.querySelector('.value')!.textContent).toBe('Greece');
    });
  });

  describe('form', () => {
    it('hands a chosen value to the form before change fires, so a change listener reads it', async () => {
      const { select, form } = await mountSelect();
      select.required = true;
      const seen: Array<[FormDataEntryValue | null, boolean]> = [];
      select.addEventListener('change', () => seen.push([new FormData(form).get('country'), form.checkValidity()]));
      await userEvent.click(page.getByRole('combobox', { name: 'Country' }));
      await userEvent.click(page.getByRole('option', { name: 'Greece' }));
      expect(seen).toEqual([['gr', true]]);
      select.value = 'cy';
      expect(new FormData(form).get('country')).toBe('cy');
      select.value = '';
      expect([new FormData(form).has('country'), form.checkValidity()]).toEqual([false, false]);
    });

    it('submits its value, checks required with a localized message, resets and disables', async () => {
      const { host, select, form } = await mountSelect(html`<fieldset><input name="other" value="x" /></fieldset>`);
      select.required = true;
      await settle(host);
      expect(form.checkValidity()).toBe(false);
      expect(select.validationMessage).toBe('Choose an option.');
      form.requestSubmit();
      await settle(host);
      expect(select.shadowRoot!.querySelector('[role="alert"]')!.textContent).toBe('Choose an option.');
      select.value = 'at';
      await settle(host);
      expect(form.checkValidity()).toBe(true);
      expect(new FormData(form).get('country')).toBe('at');
      form.reset();
      await settle(host);
      expect(select.value).toBe('');
      // What the browser calls when it restores a form (back/forward navigation, autofill of saved state).
      select.formStateRestoreCallback('gr');
      await settle(host);
      expect(new FormData(form).get('country')).toBe('gr');
      select.setAttribute('disabled', '');
      await settle(host);
      expect(new FormData(form).has('country')).toBe(false);
      await userEvent.click(select, { force: true });
      expect(select.expanded).toBe(false);
    });
  });
});
