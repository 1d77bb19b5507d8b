import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import i18next from 'i18next';
import './define.ts';
import '../button/define.ts';
import { axeSettings, expectNoAxeViolations, mount, nextEvent, settle } from '../testing.ts';

function submitted(form: HTMLFormElement) {
  return new Promise<FormData>((resolve) =>
    form.addEventListener(
      'submit',
      (event) => {
        event.preventDefault();
        resolve(new FormData(form));
      },
      { once: true },
    ),
  );
}

describe('bk-input', () => {
  describe('accessibility', () => {
    for (const settings of axeSettings) {
      it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
        const host = await mount(
          html`<form>
            <bk-input label="Email" name="email" type="email" hint="We never share it" value="a@b.c"></bk-input>
            <bk-input label="Password" name="password" type="password" error="Wrong password"></bk-input>
            <bk-input label="Amount" name="amount" type="amount" currency="EUR" value="10"></bk-input>
          </form>`,
          settings,
        );
        await expectNoAxeViolations(host);
      });
    }

    it('labels the native input, links the hint and announces the error', async () => {
      const host = await mount(html`<bk-input label="Email" hint="Work address" error="Taken"></bk-input>`);
      const input = host.querySelector('input')!;
      expect(input.labels?.[0]?.textContent).toBe('Email');
      const described = input
        .getAttribute('aria-describedby')!
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent);
      expect(described).toEqual(['Work address', 'Taken']);
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(host.querySelector('[role="alert"]')!.textContent).toBe('Taken');
    });
  });

  describe('properties', () => {
    it('renders a real input in light DOM with the given attributes', async () => {
      const host = await mount(
        html`<bk-input label="User" name="username" autocomplete="username" required maxlength="20"></bk-input>`,
      );
      const element = host.querySelector('bk-input')!;
      expect(element.shadowRoot).toBeNull();
      const input = element.querySelector('input')!;
      expect([input.name, input.autocomplete, input.required, input.maxLength]).toEqual([
        'username',
        'username',
        true,
        20,
      ]);
    });

    it('shows and hides a password, with the toggle at the inline end in both directions', async () => {
      for (const dir of ['ltr', 'rtl'] as const) {
        const host = await mount(html`<bk-input label="Password" type="password" value="secret"></bk-input>`, { dir });
        const input = host.querySelector('input')!;
        const toggle = host.querySelector<HTMLButtonElement>('[part~="toggle"]')!;
        expect(toggle.getAttribute('aria-label')).toBe('Show password');
        await userEvent.click(toggle);
        await settle(host);
        expect(input.type).toBe('text');
        expect(toggle.getAttribute('aria-label')).toBe('Hide password');
        const field = input.getBoundingClientRect();
        const button = toggle.getBoundingClientRect();
        if (dir === 'ltr') expect(button.right).toBeGreaterThan(field.left + field.width / 2);
        else expect(button.left).toBeLessThan(field.left + field.width / 2);
      }
    });

    it('formats an amount for the locale and exposes a normalized value', async () => {
      const host = await mount(html`<bk-input label="Betrag" type="amount" locale="de" currency="EUR"></bk-input>`);
      const element = host.querySelector('bk-input')!;
      const input = element.querySelector('input')!;
      await userEvent.type(input, '1234,5');
      expect(element.value).toBe('1234.5');
      await userEvent.tab();
      await settle(host);
      expect(input.value).toBe('1.234,50');
      expect(host.textContent).toContain('€');
      element.value = '99';
      await settle(host);
      expect(input.value).toBe('99,00');
    });

    it('rejects a malformed amount with a localized message', async () => {
      const host = await mount(html`<bk-input label="Amount" type="amount" locale="en"></bk-input>`);
      const element = host.querySelector('bk-input')!;
      await userEvent.type(element.querySelector('input')!, '12a');
      expect(element.checkValidity()).toBe(false);
      expect(element.validationMessage).toBe('Enter a valid amount.');
    });
  });

  describe('events', () => {
    it('re-fires input and change from the bk-input with its value', async () => {
      const host = await mount(html`<bk-input label="Name"></bk-input>`);
      const element = host.querySelector('bk-input')!;
      const values: string[] = [];
      element.addEventListener('input', (event) => values.push((event.target as typeof element).value));
      const change = nextEvent(element, 'change');
      await userEvent.type(element.querySelector('input')!, 'Ann');
      await userEvent.tab();
      await change;
      expect(values).toEqual(['A', 'An', 'Ann']);
    });
  });

  describe('keyboard', () => {
    it('Enter submits a form whose submit button is a bk-button', async () => {
      const host = await mount(
        html`<form>
          <bk-input label="Email" name="email"></bk-input
          ><bk-input label="Password" name="password" type="password"></bk-input>
          <bk-button type="submit">Log in</bk-button>
        </form>`,
      );
      const data = submitted(host.querySelector('form')!);
      await userEvent.type(host.querySelector('input')!, 'a@b.c{Enter}');
      expect((await data).get('email')).toBe('a@b.c');
    });
  });

  describe('form', () => {
    it('is filled and submitted as a native field (what password managers rely on)', async () => {
      const host = await mount(
        html`<form>
          <bk-input label="Email" name="email" type="email" autocomplete="username"></bk-input>
          <bk-input label="Password" name="password" type="password" autocomplete="current-password"></bk-input>
          <bk-input label="Amount" name="amount" type="amount" locale="en"></bk-input>
          <bk-button type="submit">Go</bk-button>
        </form>`,
      );
      const [email, password, amount] = host.querySelectorAll('input');
      // A password manager sets the value and dispatches input, as autofill does.
      email!.value = 'ann@example.com';
      email!.dispatchEvent(new Event('input', { bubbles: true }));
      await userEvent.type(password!, 'hunter22');
      await userEvent.type(amount!, '1,000.5');
      const data = submitted(host.querySelector('form')!);
      await userEvent.click(host.querySelector('bk-button')!);
      expect(Object.fromEntries(await data)).toEqual({
        email: 'ann@example.com',
        password: 'hunter22',
        amount: '1000.5',
      });
      expect(host.querySelector('bk-input')!.value).toBe('ann@example.com');
    });

    it('blocks submit when invalid and shows the localized message', async () => {
      const i18n = i18next.createInstance();
      await i18n.init({
        lng: 'de',
        resources: { de: { primitives: { validation: { required: 'Bitte ausfüllen.' } } } },
      });
      const host = await mount(
        html`<form><bk-input .i18n=${i18n} label="E-Mail" name="email" required></bk-input></form>`,
      );
      const form = host.querySelector('form')!;
      let submits = 0;
      form.addEventListener('submit', () => submits++);
      expect(form.reportValidity()).toBe(false);
      await settle(host);
      expect(submits).toBe(0);
      expect(host.querySelector('[role="alert"]')!.textContent).toBe('Bitte ausfüllen.');
      expect(host.querySelector('input')!.getAttribute('aria-invalid')).toBe('true');
      await userEvent.type(host.querySelector('input')!, 'x');
      await settle(host);
      expect(host.querySelector('[role="alert"]')!.textContent).toBe('');
    });

    it('returns to its value attribute on form reset, and follows a disabled fieldset', async () => {
      const host = await mount(
        html`<form>
          <fieldset><bk-input label="Name" name="name" value="Ann"></bk-input></fieldset>
        </form>`,
      );
      const element = host.querySelector('bk-input')!;
      await userEvent.type(element.querySelector('input')!, 'e');
      expect(element.value).toBe('Anne');
      const form = host.querySelector('form')!;
      form.reset();
      await settle(host);
      expect(element.value).toBe('Ann');
      expect(element.querySelector('input')!.value).toBe('Ann');
      host.querySelector('fieldset')!.disabled = true;
      expect(element.querySelector('input')!.matches(':disabled')).toBe(true);
      expect(new FormData(form).has('name')).toBe(false);
    });
  });
});
