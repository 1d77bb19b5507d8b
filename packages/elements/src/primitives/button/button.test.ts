import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html, render, type TemplateResult } from 'lit';
import './define.ts';
import { buttonVariants } from './button.ts';
import { axeSettings, expectNoAxeViolations, mount as mountThemed } from '../testing.ts';

async function mount(template: TemplateResult) {
  const host = document.createElement('div');
  document.body.replaceChildren(host);
  render(template, host);
  const button = host.querySelector('bk-button')!;
  await button.updateComplete;
  return { host, button };
}

describe('bk-button', () => {
  it('submits the form it sits in, as a native submit button does', async () => {
    const { host } = await mount(
      html`<form><input name="email" value="a@b.c" /><bk-button type="submit">Go</bk-button></form>`,
    );
    const form = host.querySelector('form')!;
    const submitted = new Promise<FormData>((resolve) =>
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        resolve(new FormData(form));
      }),
    );
    await userEvent.click(host.querySelector('bk-button')!);
    expect((await submitted).get('email')).toBe('a@b.c');
  });

  it('does nothing when disabled', async () => {
    const { host, button } = await mount(html`<form><bk-button type="submit" disabled>Go</bk-button></form>`);
    let submits = 0;
    host.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      submits++;
    });
    button.click();
    button.shadowRoot!.querySelector('button')!.click();
    expect(submits).toBe(0);
    expect(button.shadowRoot!.querySelector('button')!.disabled).toBe(true);
  });
});

describe('bk-button loading, variants and accessibility', () => {
  it('shows a spinner and ignores clicks while loading', async () => {
    const { host, button } = await mount(html`<form><bk-button type="submit" loading>Send</bk-button></form>`);
    let submits = 0;
    host.querySelector('form')!.addEventListener('submit', (event) => {
      event.preventDefault();
      submits++;
    });
    const inner = button.shadowRoot!.querySelector('button')!;
    inner.click();
    expect(submits).toBe(0);
    expect(inner.disabled).toBe(true);
    expect(inner.getAttribute('aria-busy')).toBe('true');
    expect(button.shadowRoot!.querySelector('bk-spinner')).not.toBeNull();
    button.loading = false;
    await button.updateComplete;
    inner.click();
    expect(submits).toBe(1);
  });

  it('resets its form and follows a disabled fieldset', async () => {
    const { host, button } = await mount(
      html`<form>
        <fieldset><input name="a" value="x" /><bk-button type="reset">Reset</bk-button></fieldset>
      </form>`,
    );
    const input = host.querySelector('input')!;
    input.value = 'changed';
    await userEvent.click(button);
    expect(input.value).toBe('x');
    host.querySelector('fieldset')!.disabled = true;
    await button.updateComplete;
    expect(button.shadowRoot!.querySelector('button')!.disabled).toBe(true);
  });

  it('is reached and pressed with the keyboard', async () => {
    const { host } = await mount(html`<form><bk-button type="submit">Go</bk-button></form>`);
    const submitted = new Promise<void>((resolve) =>
      host.querySelector('form')!.addEventListener('submit', (event) => {
        event.preventDefault();
        resolve();
      }),
    );
    await userEvent.tab();
    await userEvent.keyboard(' ');
    await submitted;
  });

  for (const settings of axeSettings) {
    it(`has no axe violations in every variant (${settings.theme}, ${settings.dir})`, async () => {
      const host = await mountThemed(
        html`${buttonVariants.map((variant) => html`<bk-button variant=${variant}>${variant}</bk-button>`)}
          <bk-button loading>Loading</bk-button><bk-button disabled>Disabled</bk-button>`,
        settings,
      );
      await expectNoAxeViolations(host);
    });
  }
});

describe('bk-button theming', () => {
  it('fills with --bk-color-primary-hover under the pointer, and --bk-button-background-hover wins', async () => {
    const { host, button } = await mount(html`<bk-button>Go</bk-button>`);
    host.style.setProperty('--bk-color-primary-hover', 'rgb(1, 2, 3)');
    const base = button.shadowRoot!.querySelector('[part="base"]')!;
    await userEvent.hover(button);
    await expect.poll(() => getComputedStyle(base).backgroundColor).toBe('rgb(1, 2, 3)');
    host.style.setProperty('--bk-button-background-hover', 'rgb(4, 5, 6)');
    await expect.poll(() => getComputedStyle(base).backgroundColor).toBe('rgb(4, 5, 6)');
  });
});
