import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import './define.ts';
import type { BkFileDrop } from './file-drop.ts';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../testing.ts';

// A 1×1 transparent PNG.
const pngBytes = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);
const png = () => new File([pngBytes], 'passport.png', { type: 'image/png' });
const pdf = () => new File(['%PDF-1.4'], 'statement.pdf', { type: 'application/pdf' });
const exe = () => new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' });

function drop(target: Element, ...files: File[]) {
  const data = new DataTransfer();
  for (const file of files) data.items.add(file);
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
}

async function mountDrop(attrs: { multiple?: boolean; maxSize?: number; required?: boolean } = {}, settings = {}) {
  const host = await mount(
    html`<form>
      <bk-file-drop
        label="Proof of identity"
        name="document"
        accept="image/png,image/jpeg,application/pdf"
        max-size=${attrs.maxSize ?? 5_000_000}
        ?multiple=${attrs.multiple}
        ?required=${attrs.required}
      ></bk-file-drop>
    </form>`,
    settings,
  );
  const element = host.querySelector<BkFileDrop>('bk-file-drop')!;
  const zone = element.shadowRoot!.querySelector('[part="control"]')!;
  return { host, element, zone, form: host.querySelector('form')! };
}

describe('bk-file-drop', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations, empty and with files and an error (${settings.theme}, ${settings.dir})`, async () => {
        const { host, zone } = await mountDrop({ multiple: true }, settings);
        await expectNoAxeViolations(host);
        drop(zone, png(), pdf(), exe());
        await settle(host);
        await expectNoAxeViolations(host);
      });
    }
  });

  describe('properties', () => {
    it('previews images as thumbnails and other files by name', async () => {
      const { host, element, zone } = await mountDrop({ multiple: true });
      drop(zone, png(), pdf());
      await settle(host);
      const items = [...element.shadowRoot!.querySelectorAll('[part="preview"] li')];
      expect(items.map((item) => item.querySelector('img')?.src.startsWith('blob:') ?? false)).toEqual([true, false]);
      expect(items[1]!.textContent).toContain('statement.pdf');
      expect(element.files.map((file) => file.name)).toEqual(['passport.png', 'statement.pdf']);
    });

    it('refuses a wrong type and an oversized file with a localized message', async () => {
      const { host, element, zone } = await mountDrop({ maxSize: 4 });
      drop(zone, exe());
      await settle(host);
      const alert = element.shadowRoot!.querySelector('[role="alert"]')!;
      expect(alert.textContent).toBe('setup.exe: this file type is not accepted. Use PNG, JPEG, or PDF.');
      drop(zone, pdf());
      await settle(host);
      expect(alert.textContent).toBe('statement.pdf is too large. The limit is 4 bytes.');
      expect(element.files).toEqual([]);
    });
  });

  describe('events and keyboard', () => {
    it('fires change when files are chosen with the native picker and removed with the keyboard', async () => {
      const { host, element } = await mountDrop();
      const input = element.shadowRoot!.querySelector('input')!;
      const changed = nextEvent(element, 'change');
      await userEvent.upload(input, pdf());
      await changed;
      await settle(host);
      expect(element.files.map((file) => file.name)).toEqual(['statement.pdf']);
      await userEvent.tab();
      expect(element.shadowRoot!.activeElement).toBe(input);
      await userEvent.tab();
      expect(element.shadowRoot!.activeElement!.textContent!.trim()).toBe('Remove statement.pdf');
      const removed = nextEvent(element, 'change');
      await userEvent.keyboard('{Enter}');
      await removed;
      expect(element.files).toEqual([]);
    });
  });

  describe('form', () => {
    it('submits its files, validates required, and resets', async () => {
      const { host, element, zone, form } = await mountDrop({ required: true });
      expect(form.checkValidity()).toBe(false);
      expect(element.validationMessage).toBe('Choose a file.');
      drop(zone, pdf());
      await settle(host);
      expect(form.checkValidity()).toBe(true);
      const sent = new FormData(form).get('document') as File;
      expect([sent.name, await sent.text()]).toEqual(['statement.pdf', '%PDF-1.4']);
      form.reset();
      await settle(host);
      expect(element.files).toEqual([]);
      expect(new FormData(form).has('document')).toBe(false);
    });
  });
});
