import { afterEach, describe, expect, it } from 'vitest';
import { html } from 'lit';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { newUserCredentials } from '@broker-kit/core/adapter/memory-data.ts';
import { BrokerKitError, createI18n, errorCodes, type CallOptions, type ErrorCode } from '@broker-kit/core';
import { axeSettings, expectNoAxeViolations, mount, settle } from '../../primitives/testing.ts';
import { expectErrorAlert, expectFocusOn, frameHeading, text } from '../inapp-shared/testing.ts';
import { qrRuns } from './qr.ts';
import './define.ts';

const namespaces = ['engage', 'inapp', 'common', 'errors'];
const until = (check: () => boolean) => expect.poll(check).toBe(true);

afterEach(() => {
  delete (navigator as unknown as Record<string, unknown>)['share'];
});

async function openInvite(
  options: { language?: string; email?: string; prepare?: (adapter: MemoryAdapter) => void } = {},
  settings = axeSettings[0]!,
) {
  const adapter = new MemoryAdapter();
  const token = adapter.issueToken({ action: 'invite', email: options.email });
  options.prepare?.(adapter);
  const i18n = await createI18n({ language: options.language ?? 'en', namespaces });
  const host = await mount(
    html`<bk-invite .adapter=${adapter} .i18n=${i18n} .token=${token} theme=${settings.theme!}></bk-invite>`,
    settings,
  );
  const element = host.querySelector('bk-invite')!;
  const root = element.shadowRoot!;
  await until(() => !!root.querySelector('.stats, bk-alert'));
  await settle(root);
  return { adapter, host, root, element };
}

/** The next call of `method` fails with `code`; later calls work. */
function failOnce(adapter: MemoryAdapter, method: 'invite' | 'inviteStats', code: ErrorCode) {
  const original = adapter[method];
  adapter[method] = ((options?: CallOptions) => {
    adapter[method] = original as never;
    adapter.failNext(code);
    return original(options);
  }) as never;
}

describe('qr code', () => {
  it('draws the three finder patterns of a QR code', () => {
    const { size, runs } = qrRuns('https://broker.example.com/auth/login?firstLogin=true&partnerId=P-12345');
    expect(size).toBeGreaterThanOrEqual(21);
    expect((size - 17) % 4).toBe(0);
    const row0 = runs.filter((run) => run.y === 0);
    expect(row0[0]).toEqual({ x: 0, y: 0, width: 7 });
    expect(row0.at(-1)).toEqual({ x: size - 7, y: 0, width: 7 });
    expect(runs.find((run) => run.y === size - 1 && run.x === 0)?.width).toBe(7);
  });
});

describe('bk-invite', () => {
  it('shows the link, partner id, copy buttons, a QR code and the attribution stats with Intl numbers', async () => {
    const { root } = await openInvite({ language: 'ar' });
    const codes = [...root.querySelectorAll('code')].map((node) => node.textContent);
    expect(codes[0]).toMatch(/^https:\/\/broker\.example\.com\/auth\/login\?.*partnerId=P-12345/);
    expect(codes[1]).toBe('P-12345');
    expect([...root.querySelectorAll('bk-copy')].map((copy) => copy.getAttribute('value'))).toEqual(codes);
    await until(() => !!root.querySelector('svg.qr'));
    const qr = root.querySelector('svg.qr')!;
    expect(qr.getAttribute('role')).toBe('img');
    expect(qr.querySelectorAll('rect').length).toBeGreaterThan(50);
    const numbers = [...root.querySelectorAll('.stats dd')].map((node) => node.textContent);
    expect(numbers.slice(0, 3)).toEqual([42, 7, 3].map((value) => new Intl.NumberFormat('ar').format(value)));
    expect(numbers).toHaveLength(7);
    expect(root.querySelectorAll('.stats dt')).toHaveLength(7);
  });

  it('shows the loading state until the invite arrives', async () => {
    const adapter = new MemoryAdapter();
    const releaseValidation = adapter.hold('validateToken');
    const releaseInvite = adapter.hold('invite');
    const i18n = await createI18n({ language: 'en', namespaces });
    const host = await mount(
      html`<bk-invite
        .adapter=${adapter}
        .i18n=${i18n}
        .token=${adapter.issueToken({ action: 'invite' })}
      ></bk-invite>`,
    );
    const root = host.querySelector('bk-invite')!.shadowRoot!;
    expect(root.querySelector('bk-screen')!.getAttribute('state')).toBe('loading');
    releaseValidation();
    await until(() => root.querySelector('bk-screen')!.getAttribute('state') === 'ready');
    expect(root.querySelector('bk-spinner')).not.toBeNull();
    expect(root.querySelector('code')).toBeNull();
    releaseInvite();
    await until(() => !!root.querySelector('code'));
  });

  it('offers Web Share only where the browser has it', async () => {
    const without = await openInvite();
    expect(without.root.querySelector('[data-share]')).toBeNull();

    const shared: ShareData[] = [];
    Object.defineProperty(navigator, 'share', {
      configurable: true,
      value: async (data: ShareData) => void shared.push(data),
    });
    const { root } = await openInvite();
    await userEvent.click(root.querySelector('[data-share]')!);
    await until(() => shared.length === 1);
    expect(shared[0]!.url).toMatch(/partnerId=P-12345/);
  });

  it('says so when nobody has used the link yet', async () => {
    const { root } = await openInvite({ email: newUserCredentials.email });
    expect(root.textContent).toContain('No one has used your link yet.');
  });

  it('shows localized errors with a retry, for the link and for the statistics separately', async () => {
    const stats = await openInvite({ prepare: (adapter) => failOnce(adapter, 'inviteStats', 'SERVER_ERROR') });
    expect(stats.root.querySelector('code')).not.toBeNull(); // the link still shows
    expect(stats.root.querySelector('bk-alert')!.textContent).toContain('Your statistics could not be loaded.');
    await userEvent.click(stats.root.querySelector('[data-retry]')!);
    await until(() => !!stats.root.querySelector('.stats') && !stats.root.querySelector('bk-alert'));

    const link = await openInvite({ prepare: (adapter) => failOnce(adapter, 'invite', 'SERVER_ERROR') });
    expect(link.root.querySelector('bk-alert')!.textContent).toContain('Your invite link could not be loaded.');
    await userEvent.click(link.root.querySelector('[data-retry]')!);
    await until(() => !!link.root.querySelector('code'));
  });

  it('every error code of the link, and of the statistics, shows its localized title and recovery', async () => {
    for (const code of errorCodes) {
      const error = new BrokerKitError(code);
      const link = await openInvite({ prepare: (adapter) => failOnce(adapter, 'invite', code) });
      const alert = expectErrorAlert(link.element, error, { message: 'Your invite link could not be loaded.' });
      await expectFocusOn(alert);

      const stats = await openInvite({ prepare: (adapter) => failOnce(adapter, 'inviteStats', code) });
      const statsAlert = stats.root.querySelector('bk-alert[variant="error"]')!;
      expect(statsAlert.getAttribute('heading'), code).toBe(stats.element.i18n!.t(`errors:${code}.title`));
      expect(text(statsAlert), code).toContain('Your statistics could not be loaded.');
      expect(!!statsAlert.querySelector('[data-retry]'), code).toBe(error.retryable);
      // The link loaded: the statistics' problem never takes focus away from it.
      expect(stats.root.querySelector('code')).not.toBeNull();
      await expectFocusOn(frameHeading(stats.element));
    }
  }, 90_000);

  it('moves focus: the heading once loaded, the alert on an error, the heading after its retry', async () => {
    const link = await openInvite({ prepare: (adapter) => failOnce(adapter, 'invite', 'TIMEOUT') });
    const alert = link.root.querySelector('bk-alert')!;
    await expectFocusOn(alert);
    await userEvent.click(alert.querySelector('[data-retry]')!);
    await until(() => !!link.root.querySelector('code'));
    await expectFocusOn(frameHeading(link.element));

    const stats = await openInvite({ prepare: (adapter) => failOnce(adapter, 'inviteStats', 'NETWORK_ERROR') });
    await userEvent.click(stats.root.querySelector('[data-retry]')!);
    await until(() => !!stats.root.querySelector('.stats'));
    await expectFocusOn(stats.root.querySelector('[data-stats-heading]'));
  });

  for (const settings of axeSettings) {
    it(`has no axe violations loading, loaded, with empty stats and with errors (${settings.theme}, ${settings.dir})`, async () => {
      const language = settings.dir === 'rtl' ? 'ar' : 'en';
      const slow = new MemoryAdapter();
      const release = slow.hold('invite');
      const i18n = await createI18n({ language, namespaces });
      const loading = await mount(
        html`<bk-invite
          .adapter=${slow}
          .i18n=${i18n}
          .token=${slow.issueToken({ action: 'invite' })}
          theme=${settings.theme!}
        ></bk-invite>`,
        settings,
      );
      const loadingRoot = loading.querySelector('bk-invite')!.shadowRoot!;
      await until(() => !!loadingRoot.querySelector('bk-screen[state="ready"] bk-spinner'));
      await expectNoAxeViolations(loading);
      release();

      const loaded = await openInvite({ language }, settings);
      await until(() => !!loaded.root.querySelector('svg.qr'));
      await expectNoAxeViolations(loaded.host);
      const empty = await openInvite({ language, email: newUserCredentials.email }, settings);
      expect(empty.root.querySelector('.stats')).not.toBeNull();
      await expectNoAxeViolations(empty.host);
      const failed = await openInvite(
        { language, prepare: (adapter) => failOnce(adapter, 'invite', 'SERVER_ERROR') },
        settings,
      );
      await expectNoAxeViolations(failed.host);
      const statsFailed = await openInvite(
        { language, prepare: (adapter) => failOnce(adapter, 'inviteStats', 'SERVER_ERROR') },
        settings,
      );
      await expectNoAxeViolations(statsFailed.host);
    });
  }
});
