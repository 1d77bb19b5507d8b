import { describe, expect, it } from 'vitest';
import { createI18n } from '@broker-kit/core/i18n/i18n.ts';
import { expectNoAxeViolations, settle } from '@broker-kit/elements/testing';
import { renderRefusal } from './refusal.ts';

async function show(...args: Parameters<typeof renderRefusal>) {
  await renderRefusal(...args);
  await settle(args[0]);
}

describe('refusal', () => {
  it('names the module in the heading and says why in a whole sentence of the user language, with a way back to the app', async () => {
    const root = document.createElement('main');
    document.body.replaceChildren(root);
    let closed = 0;
    await show(
      root,
      { reason: 'incompatible', module: 'embedded-web' },
      await createI18n({ language: 'fr' }),
      () => closed++,
    );
    expect(root.querySelector('bk-screen')?.getAttribute('heading')).toBe('L’application web de trading');
    expect(root.querySelector('bk-alert')?.textContent?.trim()).toBe(
      'Ce service nécessite une connexion avec votre compte courtier. Il n’est pas encore disponible ici.',
    );
    const close = root.querySelector('bk-screen')!.shadowRoot!.querySelector<HTMLButtonElement>('[part="close"]')!;
    close.click();
    expect(closed).toBe(1);
    await expectNoAxeViolations(root);
  });

  it('offers no close control where there is no app to return to, and is right to left in Arabic', async () => {
    const root = document.createElement('main');
    document.body.replaceChildren(root);
    await show(root, { reason: 'config' }, await createI18n({ language: 'ar' }));
    const screen = root.querySelector('bk-screen')!;
    expect(screen.shadowRoot!.querySelector('[part="close"]')).toBeNull();
    expect(screen.getAttribute('dir')).toBe('rtl');
    expect(screen.getAttribute('heading')).toBe('حدث خطأ ما');
    await expectNoAxeViolations(root);
  });
});
