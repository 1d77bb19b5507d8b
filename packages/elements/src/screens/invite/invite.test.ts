import { afterEach, describe, expect, it } from 'vitest';
import { html } from 'lit';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { newUserCredentials } from '@broker-kit/core/adapter/memory-data.ts';
import { createI18n, type CallOptions } from '@broker-kit/core';
import { axeSettings, expectNoAxeViolations, mount, settle } from '../../primitives/testing.ts';
import { qrRuns } from './qr.ts';
import './define.ts';

const namespaces = ['engage', 'inapp', 'common', 'errors'];
const until = (check: () => boolean) => expect.poll(check, { timeout: 3000 }).toBe(true);

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
  const root = host.querySelector('bk-invite')!.shadowRoot!;
  await until(() => !!root.querySelector('.stats, bk-alert'));
  await settle(root);
  return { adapter, host, root };
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
    const qr = root.querySelector('svg.qr')!;
    expect(qr.getAttribute('role')).toBe('img');
    expect(qr.querySelectorAll('rect').length).toBeGreaterThan(50);
    const numbers = [...root.querySelectorAll('.stats dd')].map((node) => node.textContent);
    expect(numbers.slice(0, 3)).toEqual([42, 7, 3].map((value) => new Intl.NumberFormat('ar').format(value)));
    expect(numbers).toHaveLength(7);
    expect(root.querySelectorAll('.stats dt')).toHaveLength(7);
  });

  it('shows the loading state until the invite arrives', async () => {
    const adapter = new MemoryAdapter({ latencyMs: 150 });
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
    await until(() => !!root.querySelector('bk-spinner'));
    expect(root.querySelector('code')).toBeNull();
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
    const failOnce = (adapter: MemoryAdapter, method: 'invite' | 'inviteStats') => {
      const original = adapter[method];
      adapter[method] = ((options?: CallOptions) => {
        adapter[method] = original as never;
        adapter.failNext('SERVER_ERROR');
        return original(options);
      }) as never;
    };
    const stats = await openInvite({ prepare: (adapter) => failOnce(adapter, 'inviteStats') });
    expect(stats.root.querySelector('code')).not.toBeNull(); // the link still shows
    expect(stats.root.querySelector('bk-alert')!.textContent).toContain('Your statistics could not be loaded.');
    await userEvent.click(stats.root.querySelector('[data-retry]')!);
    await until(() => !!stats.root.querySelector('.stats') && !stats.root.querySelector('bk-alert'));

    const link = await openInvite({ prepare: (adapter) => failOnce(adapter, 'invite') });
    expect(link.root.querySelector('bk-alert')!.textContent).toContain('Your invite link could not be loaded.');
    await userEvent.click(link.root.querySelector('[data-retry]')!);
    await until(() => !!link.root.querySelector('code'));
  });

  for (const settings of axeSettings) {
    it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
      const { host } = await openInvite({ language: settings.dir === 'rtl' ? 'ar' : 'en' }, settings);
      await expectNoAxeViolations(host);
    });
  }
});
