import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { html } from 'lit';
import { createI18n } from '@broker-kit/core';
import './define.ts';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../testing.ts';
import type { BkCopyEvent } from '../events.ts';
import type { BkCopy } from './copy.ts';

/**
 * The clipboard is read the way a person would: paste (Ctrl+V) into a text field. The vitest iframe may write
 * to the clipboard but not read it (its permissions policy allows clipboard-write only), and a real paste
 * needs no permission granted to the whole test project.
 */
async function clipboardText(scratch: HTMLTextAreaElement) {
  scratch.value = '';
  scratch.focus();
  await userEvent.paste();
  return scratch.value;
}

/** Puts other text on the clipboard first (select and Ctrl+C), so a leftover from an earlier test cannot pass. */
async function seedClipboard(scratch: HTMLTextAreaElement, text = 'left over') {
  scratch.value = text;
  scratch.focus();
  scratch.select();
  await userEvent.copy();
  expect(await clipboardText(scratch)).toBe(text);
}

async function mountCopy(value = 'REF-12345', options: { lang?: string } = {}) {
  const i18n = options.lang ? await createI18n({ language: options.lang, namespaces: ['primitives'] }) : undefined;
  const host = await mount(
    html`<bk-copy value=${value} label="Copy reference" .i18n=${i18n}></bk-copy>
      <textarea aria-label="Scratch"></textarea>`,
  );
  const copy = host.querySelector('bk-copy')!;
  const scratch = host.querySelector('textarea')!;
  return { host, copy, scratch };
}

const parts = (copy: BkCopy) => ({
  status: copy.shadowRoot!.querySelector('[part="status"]')!,
  alert: copy.shadowRoot!.querySelector('[role="alert"]')!,
  field: copy.shadowRoot!.querySelector<HTMLInputElement>('[part="value"]'),
});

/** The Clipboard API refusing to write, as a browser does without permission or user activation. */
function refuseClipboard() {
  return vi
    .spyOn(navigator.clipboard, 'writeText')
    .mockRejectedValue(new DOMException('Write permission denied.', 'NotAllowedError'));
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('bk-copy', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(html`<bk-copy value="DE89 3704" label="Copy IBAN"></bk-copy>`, settings);
        await expectNoAxeViolations(host);
      });

      it(`has no axe violations after copying failed (${settings.theme}, ${settings.dir})`, async () => {
        refuseClipboard();
        const host = await mount(html`<bk-copy value="DE89 3704" label="Copy IBAN"></bk-copy>`, settings);
        await userEvent.click(page.getByRole('button', { name: 'Copy IBAN' }));
        await settle(host);
        expect(parts(host.querySelector('bk-copy')!).field).not.toBeNull();
        await expectNoAxeViolations(host);
      });
    }
  });

  describe('clipboard', () => {
    it('puts the value on the clipboard on click, fires bk-copy and announces the confirmation', async () => {
      const { host, copy, scratch } = await mountCopy('DE89 3704 0044 0532 0130 00');
      await seedClipboard(scratch);
      const copied = nextEvent<BkCopyEvent>(copy, 'bk-copy');
      await userEvent.click(page.getByRole('button', { name: 'Copy reference' }));
      expect((await copied).detail.value).toBe('DE89 3704 0044 0532 0130 00');
      await settle(host);
      expect(parts(copy).status.textContent).toBe('Copied');
      await expect.element(page.getByRole('button', { name: 'Copied' })).toBeVisible();
      expect(await clipboardText(scratch)).toBe('DE89 3704 0044 0532 0130 00');
    });

    for (const key of ['Enter', 'Space'] as const) {
      it(`puts the value on the clipboard with ${key}`, async () => {
        const host = await mount(
          html`<bk-copy value="REF-12345" label="Copy reference" copied-label="Reference copied"></bk-copy>
            <textarea aria-label="Scratch"></textarea>`,
        );
        const copy = host.querySelector('bk-copy')!;
        const scratch = host.querySelector('textarea')!;
        await seedClipboard(scratch);
        const copied = nextEvent<BkCopyEvent>(copy, 'bk-copy');
        await userEvent.tab({ shift: true });
        expect(copy.shadowRoot!.activeElement).toBe(copy.shadowRoot!.querySelector('button'));
        await userEvent.keyboard(key === 'Enter' ? '{Enter}' : ' ');
        expect((await copied).detail.value).toBe('REF-12345');
        await settle(host);
        expect(parts(copy).status.textContent).toBe('Reference copied');
        await expect.element(page.getByRole('button', { name: 'Reference copied' })).toBeVisible();
        expect(await clipboardText(scratch)).toBe('REF-12345');
      });
    }
  });

  describe('when the Clipboard API is refused', () => {
    it('alerts in the user language and selects the value in a field to copy by hand', async () => {
      const writeText = refuseClipboard();
      const { host, copy, scratch } = await mountCopy('REF-12345', { lang: 'de' });
      await seedClipboard(scratch);
      let fired = false;
      copy.addEventListener('bk-copy', () => (fired = true));
      await userEvent.click(page.getByRole('button', { name: 'Copy reference' }));
      await settle(host);
      expect(writeText).toHaveBeenCalledWith('REF-12345');
      expect(fired).toBe(false);
      const { alert, status, field } = parts(copy);
      expect(alert.textContent).toBe('Kopieren fehlgeschlagen. Markieren Sie den Text und kopieren Sie ihn manuell.');
      expect(status.textContent).toBe('');
      await expect.element(page.getByRole('alert')).toBeVisible();
      // The field is named by the alert, holds the value, has focus and the whole text selected.
      const textbox = page.getByRole('textbox', { name: /Kopieren fehlgeschlagen/ });
      await expect.element(textbox).toBeVisible();
      await expect.element(textbox).toHaveValue('REF-12345');
      expect(field!.readOnly).toBe(true);
      expect(copy.shadowRoot!.activeElement).toBe(field);
      expect([field!.selectionStart, field!.selectionEnd]).toEqual([0, 'REF-12345'.length]);
      // Ctrl+C right away copies it by hand.
      await userEvent.copy();
      expect(await clipboardText(scratch)).toBe('REF-12345');
    });

    it('falls back the same way when there is no Clipboard API at all (insecure page), by keyboard', async () => {
      Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
      try {
        const { host, copy } = await mountCopy('REF-12345');
        await userEvent.tab();
        await userEvent.keyboard('{Enter}');
        await settle(host);
        const { alert, field } = parts(copy);
        expect(alert.textContent).toBe('Could not copy. Select the text and copy it manually.');
        expect(copy.shadowRoot!.activeElement).toBe(field);
        expect(field!.value.slice(field!.selectionStart!, field!.selectionEnd!)).toBe('REF-12345');
      } finally {
        // Removes the own property: the prototype's clipboard getter shows through again.
        delete (navigator as { clipboard?: Clipboard }).clipboard;
      }
      expect(navigator.clipboard).toBeDefined();
    });

    it('clears the failure when a later try succeeds', async () => {
      const writeText = refuseClipboard();
      const { host, copy, scratch } = await mountCopy('REF-12345');
      await userEvent.click(page.getByRole('button', { name: 'Copy reference' }));
      await settle(host);
      expect(parts(copy).field).not.toBeNull();
      writeText.mockRestore();
      await seedClipboard(scratch);
      await userEvent.click(page.getByRole('button', { name: 'Copy reference' }));
      await settle(host);
      const { alert, status, field } = parts(copy);
      expect(alert.textContent).toBe('');
      expect(field).toBeNull();
      expect(status.textContent).toBe('Copied');
      expect(await clipboardText(scratch)).toBe('REF-12345');
    });

    it('leaves focus alone when copy() is called from code; the field selects its text once focused', async () => {
      refuseClipboard();
      const { host, copy, scratch } = await mountCopy('REF-12345');
      scratch.focus();
      expect(await copy.copy()).toBe(false);
      await settle(host);
      expect(document.activeElement).toBe(scratch);
      expect(parts(copy).alert.textContent).not.toBe('');
      const field = parts(copy).field!;
      await userEvent.tab({ shift: true });
      expect(copy.shadowRoot!.activeElement).toBe(field);
      expect(field.value.slice(field.selectionStart!, field.selectionEnd!)).toBe('REF-12345');
    });
  });
});
