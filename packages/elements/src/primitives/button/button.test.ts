import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html, render, type TemplateResult } from 'lit';
import './define.ts';

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
