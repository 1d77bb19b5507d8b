import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { html } from 'lit';
import './input/define.ts';
import './textarea/define.ts';
import './checkbox/define.ts';
import './select/define.ts';
import './file-drop/define.ts';
import './button/define.ts';
import { mount, settle } from './testing.ts';

describe('primitives in a plain <form>', () => {
  it('a native submit carries the value of every control, and reset restores every default', async () => {
    const host = await mount(
      html`<form>
        <bk-input label="Email" name="email" type="email" autocomplete="username"></bk-input>
        <bk-input label="Password" name="password" type="password" autocomplete="current-password"></bk-input>
        <bk-input label="Amount" name="amount" type="amount" locale="en" currency="USD"></bk-input>
        <bk-textarea label="Comment" name="comment"></bk-textarea>
        <bk-select
          label="Method"
          name="method"
          value="card"
          .options=${[
            { value: 'card', label: 'Card' },
            { value: 'wire', label: 'Bank wire' },
          ]}
        ></bk-select>
        <bk-checkbox name="terms" value="accepted">I accept</bk-checkbox>
        <bk-file-drop label="Proof" name="proof" accept="application/pdf"></bk-file-drop>
        <bk-button type="submit">Send</bk-button>
      </form>`,
    );
    const form = host.querySelector('form')!;
    await userEvent.type(host.querySelector('input[type="email"]')!, 'ann@example.com');
    await userEvent.type(host.querySelector('input[type="password"]')!, 's3cret!');
    await userEvent.type(host.querySelector('bk-input[type="amount"] input')!, '2,500.75');
    await userEvent.type(host.querySelector('textarea')!, 'Thanks');
    await userEvent.click(host.querySelector('bk-select')!);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await userEvent.click(host.querySelector('bk-checkbox')!);
    const drop = host.querySelector('bk-file-drop')!;
    await userEvent.upload(
      drop.shadowRoot!.querySelector('input')!,
      new File(['%PDF'], 'proof.pdf', { type: 'application/pdf' }),
    );
    await settle(host);

    const submitted = new Promise<{ data: FormData; submitter: HTMLElement | null }>((resolve) =>
      form.addEventListener(
        'submit',
        (event) => {
          event.preventDefault();
          resolve({ data: new FormData(form), submitter: event.submitter });
        },
        { once: true },
      ),
    );
    await userEvent.click(host.querySelector('bk-button')!);
    const { data } = await submitted;
    const entries = Object.fromEntries(
      [...data].map(([key, value]) => [key, value instanceof File ? value.name : value]),
    );
    expect(entries).toEqual({
      email: 'ann@example.com',
      password: 's3cret!',
      amount: '2500.75',
      comment: 'Thanks',
      method: 'wire',
      terms: 'accepted',
      proof: 'proof.pdf',
    });

    form.reset();
    await settle(host);
    await settle(host);
    expect(Object.fromEntries(new FormData(form))).toEqual({
      email: '',
      password: '',
      amount: '',
      comment: '',
      method: 'card',
    });
  });
});
