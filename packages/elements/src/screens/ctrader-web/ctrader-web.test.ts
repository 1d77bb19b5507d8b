import { describe, expect, it } from 'vitest';
import { html } from 'lit';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { createI18n } from '@broker-kit/core';
import { afterRender, axeSettings, expectNoAxeViolations, mount, settle } from '../../primitives/testing.ts';
import { expectFocusOn } from '../inapp-shared/testing.ts';
import { platformBaseUrl } from './url.ts';
import './define.ts';

const namespaces = ['engage', 'common', 'errors'];

async function mountWeb(template: ReturnType<typeof html>, options?: Parameters<typeof mount>[1]) {
  const host = await mount(template, options);
  const element = host.querySelector('bk-ctrader-web')!;
  await settle(element.shadowRoot!);
  return { host, element, root: element.shadowRoot! };
}

const until = (check: () => boolean) => expect.poll(check).toBe(true);

describe('bk-ctrader-web', () => {
  it('fetches a fresh token on "Open platform" and frames the app with minimal rights', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'de', namespaces });
    const { root } = await mountWeb(
      html`<bk-ctrader-web .adapter=${adapter} .i18n=${i18n} account="67890" theme="dark"></bk-ctrader-web>`,
    );
    expect(root.querySelector('iframe')).toBeNull(); // nothing fetched before the user asks
    const release = adapter.hold('platformWebToken');
    await userEvent.click(root.querySelector('.placeholder bk-button')!);
    expect(root.querySelector('bk-spinner')).not.toBeNull();
    release();
    await until(() => !!root.querySelector('iframe'));
    const frame = root.querySelector('iframe')!;
    const src = new URL(frame.src);
    expect(src.origin + src.pathname).toBe('https://app.ctrader.com/');
    expect(src.searchParams.get('source')).toBe('web');
    expect(src.searchParams.get('token')).toMatch(/.{20,}/);
    expect(src.searchParams.get('lang')).toBe('de');
    expect(src.searchParams.get('acc')).toBe('67890');
    expect(src.searchParams.get('theme')).toBe('dark');
    expect(frame.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin allow-forms allow-popups');
    expect(frame.getAttribute('allow')).toBe('clipboard-write; fullscreen');
    expect(frame.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(frame.title).not.toBe('');

    // A reload never reuses the token: it fetches another.
    const first = src.searchParams.get('token');
    frame.removeAttribute('src'); // stop the test browser from loading the real app
    await userEvent.click(root.querySelector('.toolbar bk-button')!);
    await until(() => !!root.querySelector('iframe'));
    expect(new URL(root.querySelector('iframe')!.src).searchParams.get('token')).not.toBe(first);
  });

  it('offers full screen only where the page may use it', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountWeb(
      html`<bk-ctrader-web platform-web-url="https://localhost:1/" .adapter=${adapter} .i18n=${i18n}></bk-ctrader-web>`,
    );
    await userEvent.click(root.querySelector('.placeholder bk-button')!);
    await until(() => !!root.querySelector('iframe'));
    const labels = [...root.querySelectorAll('.toolbar bk-button')].map((button) => button.textContent!.trim());
    // The test runner's own frame may forbid full screen; the button follows document.fullscreenEnabled.
    expect(labels).toEqual(document.fullscreenEnabled ? ['Reload platform', 'Full screen'] : ['Reload platform']);
  });

  it('opens on first visibility when open-on="visible"', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountWeb(
      html`<bk-ctrader-web
        open-on="visible"
        platform-web-url="https://trade.broker.example/"
        .adapter=${adapter}
        .i18n=${i18n}
      ></bk-ctrader-web>`,
    );
    await until(() => !!root.querySelector('iframe'));
    expect(root.querySelector('iframe')!.src).toMatch(/^https:\/\/trade\.broker\.example\/\?source=web&token=/);
  });

  it('shows a localized error with a retry when the token cannot be had', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    adapter.failNext('PLATFORM_UNAVAILABLE');
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountWeb(html`<bk-ctrader-web .adapter=${adapter} .i18n=${i18n}></bk-ctrader-web>`);
    await userEvent.click(root.querySelector('.placeholder bk-button')!);
    await until(() => !!root.querySelector('bk-alert[variant="error"]'));
    expect(root.textContent).toContain('The platform could not be opened.');
    await userEvent.click(root.querySelector('bk-alert bk-button')!);
    await until(() => !!root.querySelector('iframe'));
  });

  it('refuses under one-time token handoff, and refuses unsafe platform addresses', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountWeb(
      html`<bk-ctrader-web identity-mode="ot-handoff" .adapter=${adapter} .i18n=${i18n}></bk-ctrader-web>`,
    );
    expect(root.textContent).toContain('migrate to SSO');
    expect(root.querySelector('bk-button')).toBeNull();

    for (const bad of [
      'javascript:alert(1)',
      'http://evil.example/',
      location.origin + '/app',
      'https://u:p@x.example/',
    ])
      expect(platformBaseUrl(bad, location.origin)).toBeUndefined();
    const other = await mountWeb(
      html`<bk-ctrader-web platform-web-url="data:text/html,x" .adapter=${adapter} .i18n=${i18n}></bk-ctrader-web>`,
    );
    expect(other.root.querySelector('bk-alert')!.getAttribute('heading')).toBe('The platform address is not valid');
    expect(other.root.querySelector('iframe')).toBeNull();
  });

  it('moves focus into the frame once the user opened it, to the error when it failed, and back after a retry', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    adapter.failNext('NETWORK_ERROR');
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountWeb(
      html`<bk-ctrader-web platform-web-url="https://localhost:1/" .adapter=${adapter} .i18n=${i18n}></bk-ctrader-web>`,
    );
    await userEvent.click(root.querySelector('.placeholder bk-button')!);
    await until(() => !!root.querySelector('bk-alert[variant="error"]'));
    const alert = root.querySelector('bk-alert[variant="error"]')!;
    await expectFocusOn(alert);
    await userEvent.click(alert.querySelector('bk-button')!);
    await until(() => !!root.querySelector('iframe'));
    await expectFocusOn(root.querySelector('iframe'));
  });

  it('takes no focus when it opens by itself on scrolling into view', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountWeb(
      html`<bk-ctrader-web
        open-on="visible"
        platform-web-url="https://localhost:1/"
        .adapter=${adapter}
        .i18n=${i18n}
      ></bk-ctrader-web>`,
    );
    await until(() => !!root.querySelector('iframe'));
    await afterRender(root);
    expect(document.activeElement).toBe(document.body);
  });

  for (const settings of axeSettings) {
    it(`has no axe violations as placeholder, framed, failed, refused under handoff and with a bad address (${settings.theme}, ${settings.dir})`, async () => {
      const adapter = new MemoryAdapter({ signedIn: true });
      const i18n = await createI18n({ language: settings.dir === 'rtl' ? 'ar' : 'en', namespaces });
      const web = (attributes: { mode?: string; url?: string } = {}) =>
        mountWeb(
          html`<bk-ctrader-web
            identity-mode=${attributes.mode ?? 'sso'}
            platform-web-url=${attributes.url ?? 'https://localhost:1/'}
            theme=${settings.theme!}
            .adapter=${adapter}
            .i18n=${i18n}
          ></bk-ctrader-web>`,
          settings,
        );
      const { host, root } = await web();
      await expectNoAxeViolations(host);
      await userEvent.click(root.querySelector('.placeholder bk-button')!);
      await until(() => !!root.querySelector('iframe'));
      await expectNoAxeViolations(host);

      adapter.failNext('PLATFORM_UNAVAILABLE');
      const failed = await web();
      await userEvent.click(failed.root.querySelector('.placeholder bk-button')!);
      await until(() => !!failed.root.querySelector('bk-alert[variant="error"]'));
      await expectNoAxeViolations(failed.host);

      const refused = await web({ mode: 'ot-handoff' });
      expect(refused.root.querySelector('bk-alert[variant="warning"]')).not.toBeNull();
      await expectNoAxeViolations(refused.host);

      const badAddress = await web({ url: 'http://evil.example/' });
      expect(badAddress.root.querySelector('bk-alert[variant="error"]')).not.toBeNull();
      await expectNoAxeViolations(badAddress.host);
    });
  }
});
