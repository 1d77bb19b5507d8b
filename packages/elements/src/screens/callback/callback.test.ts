import { describe, expect, it } from 'vitest';
import { html } from 'lit';
import { axeMatrix, expectNoAxeViolations, mountScreen, type ScreenSetting } from '../shared-auth/testing.ts';
import type { BkCallback } from './callback.ts';
import './define.ts';

const token = 'hXk3_9aQ-ZpL0mN8tY2vW5rS7uB1cD4eF6gH0jK2lM4';

async function mountCallback(value: string | undefined, setting: ScreenSetting = {}) {
  return mountScreen<BkCallback>(
    'bk-callback',
    (i18n) => html`<bk-callback .i18n=${i18n} .token=${value} theme=${setting.theme ?? 'light'}></bk-callback>`,
    setting,
  );
}

function text(screen: BkCallback) {
  const alert = screen.shadowRoot!.querySelector('bk-alert')!;
  return {
    variant: alert.getAttribute('variant'),
    heading: alert.getAttribute('heading'),
    body: alert.textContent!.trim(),
  };
}

/** Every text and attribute value under a node, through open shadow roots. */
function everythingIn(node: Node): string {
  const own = node instanceof Element ? [...node.attributes].map((attribute) => attribute.value).join(' ') : '';
  const text = node.nodeType === Node.TEXT_NODE ? (node.textContent ?? '') : '';
  const shadow = node instanceof Element && node.shadowRoot ? everythingIn(node.shadowRoot) : '';
  return [own, text, shadow, ...[...node.childNodes].map(everythingIn)].join(' ');
}

describe('bk-callback', () => {
  for (const setting of axeMatrix) {
    it(`has no axe violations signed in and without token: ${setting.language} ${setting.theme} ${setting.width}px`, async () => {
      await expectNoAxeViolations(await mountCallback(token, setting));
      await expectNoAxeViolations(await mountCallback(undefined, setting));
    });
  }

  it('says the user is signed in and returning to the app, never showing the token', async () => {
    const screen = await mountCallback(token);
    expect(screen.shadowRoot!.querySelector('bk-screen')!.getAttribute('heading')).toBe('You are signed in');
    expect(text(screen)).toEqual({
      variant: 'success',
      heading: 'Returning to the app…',
      body: 'If nothing happens, close this window to continue.',
    });
    expect(everythingIn(screen)).not.toContain(token);
  });

  it('explains a missing or empty token in the screen language', async () => {
    for (const value of [undefined, '', '   ']) {
      const screen = await mountCallback(value);
      expect(screen.shadowRoot!.querySelector('bk-screen')!.getAttribute('heading')).toBe(
        'Sign-in could not be completed',
      );
      expect(text(screen).variant).toBe('error');
      expect(text(screen).body).toBe(
        'This page was opened without its sign-in code. Go back to the app and log in again.',
      );
    }
    const arabic = await mountCallback(undefined, { language: 'ar' });
    expect(arabic.shadowRoot!.querySelector('bk-screen')!.getAttribute('heading')).toBe('تعذّر إكمال تسجيل الدخول');
    expect(arabic.shadowRoot!.querySelector('bk-screen')!.getAttribute('dir')).toBe('rtl');
  });
});
