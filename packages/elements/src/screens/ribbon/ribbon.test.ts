import { describe, expect, it } from 'vitest';
import { html } from 'lit';
import { userEvent } from 'vitest/browser';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { createI18n, type Ribbon } from '@broker-kit/core';
import {
  axeSettings,
  expectNoAxeViolations,
  mount,
  nextEvent,
  settle,
  styleAttributeWrites,
} from '../../primitives/testing.ts';
import { contrastRatio, readableTextColor, safeExternalUrl, safeInAppPath, selectRibbon } from './rules.ts';
import './define.ts';

const namespaces = ['engage', 'common', 'errors'];
const rule = (overrides: Partial<Ribbon>): Ribbon => ({
  id: 'r',
  color: '#1F6FEB',
  title: 'Title',
  enabled: true,
  closable: true,
  scope: 'broker',
  ...overrides,
});
const rules: Ribbon[] = [
  rule({ id: 'user', scope: 'user', target: '12345', title: 'User ribbon' }),
  rule({
    id: 'broker',
    scope: 'broker',
    title: 'Broker ribbon',
    action: { urlExternal: 'https://broker.example.com/a' },
  }),
  rule({ id: 'other-account', scope: 'account', target: '11111', title: 'Other account' }),
  rule({
    id: 'account',
    scope: 'account',
    target: '67890',
    title: 'Account ribbon',
    action: { urlinApp: '/inapp/kyc' },
  }),
  rule({ id: 'disabled-account', scope: 'account', target: '67890', enabled: false, title: 'Disabled' }),
];

async function mountRibbon(template: ReturnType<typeof html>, options?: Parameters<typeof mount>[1]) {
  const host = await mount(template, options);
  const element = host.querySelector('bk-ribbon')!;
  await settle(element.shadowRoot!);
  return { host, element, root: element.shadowRoot! };
}

async function until(check: () => boolean) {
  await expect.poll(check).toBe(true);
}

describe('ribbon rules', () => {
  it('picks the account rule, then the broker rule, then the user rule', () => {
    expect(selectRibbon(rules, { account: 67890 })?.id).toBe('account');
    expect(selectRibbon(rules, { account: 22222 })?.id).toBe('broker');
    expect(selectRibbon(rules, {})?.id).toBe('broker');
    expect(selectRibbon(rules, { account: 67890, closed: new Set(['account', 'broker']) })?.id).toBe('user');
    expect(selectRibbon([rule({ enabled: false })], {})).toBeUndefined();
  });

  it('computes a text colour meeting WCAG AA on any background', () => {
    for (const color of ['#000000', '#FFFFFF', '#777777', '#1F6FEB', '#FFFF00', '#9A6700', '#CF222E', '#808080']) {
      expect(contrastRatio(color, readableTextColor(color))).toBeGreaterThanOrEqual(4.5);
    }
    expect(readableTextColor('#FFFF00')).toBe('#000000');
    expect(readableTextColor('#1F2937')).toBe('#ffffff');
  });

  it('allows only https external links and same-origin in-app paths', () => {
    expect(safeExternalUrl('https://a.example/x')).toBe('https://a.example/x');
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,x',
      'http://a.example',
      '//a.example',
    ])
      expect(safeExternalUrl(bad)).toBeUndefined();
    const origin = 'https://broker.example.com';
    expect(safeInAppPath('/inapp/deposit?account=1', origin)).toBe('/inapp/deposit?account=1');
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '/a\nb'])
      expect(safeInAppPath(bad, origin)).toBeUndefined();
  });
});

describe('bk-ribbon in the client area', () => {
  it('loads the rules from the adapter and shows the one that applies, readable on its colour', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountRibbon(html`<bk-ribbon .adapter=${adapter} .i18n=${i18n} account="67890"></bk-ribbon>`);
    await until(() => !!root.querySelector('[part="ribbon"]'));
    const ribbon = root.querySelector<HTMLElement>('[part="ribbon"]')!;
    expect(ribbon.dataset['ribbonId']).toBe('bonus-67890');
    expect(ribbon.textContent).toContain('10% deposit bonus');
    const style = getComputedStyle(root.querySelector('.title')!);
    expect(style.color).toBe('rgb(255, 255, 255)');
  });

  it('colours the band through the CSSOM, never writing a style attribute a strict CSP refuses', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'en', namespaces });
    let root!: ShadowRoot;
    const writes = await styleAttributeWrites(async () => {
      ({ root } = await mountRibbon(html`<bk-ribbon .adapter=${adapter} .i18n=${i18n} account="67890"></bk-ribbon>`));
      await until(() => !!root.querySelector('[part="ribbon"]'));
    });
    expect(writes).toEqual([]);
    const ribbon = root.querySelector<HTMLElement>('[part="ribbon"]')!;
    expect(ribbon.style.getPropertyValue('--_bk-ribbon-background')).not.toBe('');
    expect(getComputedStyle(ribbon).backgroundColor).not.toBe('rgba(0, 0, 0, 0)');
  });

  it('shows nothing while loading and nothing when no rule applies', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'en', namespaces });
    const release = adapter.hold('ribbons');
    const { element, root } = await mountRibbon(
      html`<bk-ribbon .adapter=${adapter} .i18n=${i18n} account="67890"></bk-ribbon>`,
    );
    expect(root.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(root.querySelector('[part="ribbon"]')).toBeNull();
    release();
    await until(() => !!root.querySelector('[part="ribbon"]'));
    element.rules = [];
    // A back-office preview with no applicable rule says so.
    element.preview = true;
    element.rules = [rule({ enabled: false })];
    await element.updateComplete;
    expect(root.textContent).toContain('No ribbon applies to this account.');
  });

  it('navigates in-app actions through navigate(), never to other origins', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'en', namespaces });
    const visited: string[] = [];
    const { root } = await mountRibbon(
      html`<bk-ribbon
        .adapter=${adapter}
        .i18n=${i18n}
        account="67890"
        .navigate=${(url: string) => visited.push(url)}
      ></bk-ribbon>`,
    );
    await until(() => !!root.querySelector('[part="title"] a'));
    await userEvent.click(root.querySelector('[part="title"] a')!);
    expect(visited).toEqual(['/inapp/deposit?account=67890']);
  });

  it('opens external actions in a new tab without opener or referrer', async () => {
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountRibbon(html`<bk-ribbon preview .i18n=${i18n} .rules=${rules}></bk-ribbon>`);
    const link = root.querySelector<HTMLAnchorElement>('[part="title"] a')!;
    expect(link.href).toBe('https://broker.example.com/a');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.textContent).toContain('opens in a new tab');
  });

  it('renders a hostile action URL and title as plain text', async () => {
    const i18n = await createI18n({ language: 'en', namespaces });
    const title = '"><img src=x onerror=alert(1)>';
    const { root } = await mountRibbon(
      html`<bk-ribbon
        preview
        .i18n=${i18n}
        .rules=${[rule({ title, action: { urlExternal: 'javascript:alert(1)' } })]}
      ></bk-ribbon>`,
    );
    expect(root.querySelector('a')).toBeNull();
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('[part="title"]')!.textContent).toBe(title);
  });

  it('closes, fires bk-close and remembers the ribbon for the visit', async () => {
    sessionStorage.clear();
    const adapter = new MemoryAdapter({ signedIn: true });
    const i18n = await createI18n({ language: 'en', namespaces });
    const { element, root } = await mountRibbon(
      html`<bk-ribbon .adapter=${adapter} .i18n=${i18n} account="67890"></bk-ribbon>`,
    );
    await until(() => !!root.querySelector('[part="close"]'));
    const closed = nextEvent<Event & { detail: { id: string } }>(element, 'bk-close');
    await userEvent.click(root.querySelector('[part="close"]')!);
    expect((await closed).detail.id).toBe('bonus-67890');
    await element.updateComplete;
    // The next rule that applies (the broker's) takes its place.
    expect(root.querySelector<HTMLElement>('[part="ribbon"]')!.dataset['ribbonId']).toBe('holiday-hours');

    const again = await mountRibbon(html`<bk-ribbon .adapter=${adapter} .i18n=${i18n} account="67890"></bk-ribbon>`);
    await until(() => !!again.root.querySelector('[part="ribbon"]'));
    expect(again.root.querySelector<HTMLElement>('[part="ribbon"]')!.dataset['ribbonId']).toBe('holiday-hours');
    sessionStorage.clear();
  });

  it('shows a localized error with a retry that recovers', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    adapter.failNext('SERVER_ERROR');
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountRibbon(html`<bk-ribbon .adapter=${adapter} .i18n=${i18n} account="67890"></bk-ribbon>`);
    await until(() => !!root.querySelector('bk-alert[variant="error"]'));
    expect(root.textContent).toContain('The announcement could not be loaded.');
    await userEvent.click(root.querySelector('bk-alert bk-button')!);
    await until(() => !!root.querySelector('[part="ribbon"]'));
  });

  it('refuses under one-time token handoff without calling the adapter', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    adapter.failNext('SERVER_ERROR'); // would show an error if ribbons() were called
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountRibbon(
      html`<bk-ribbon .adapter=${adapter} .i18n=${i18n} identity-mode="ot-handoff"></bk-ribbon>`,
    );
    expect(root.querySelector('bk-alert[variant="warning"]')!.textContent).toContain('Migrate to SSO');
    expect(root.querySelector('[part="ribbon"]')).toBeNull();
  });

  it('previews rules set directly, counting malformed ones', async () => {
    const i18n = await createI18n({ language: 'en', namespaces });
    const { root } = await mountRibbon(
      html`<bk-ribbon
        preview
        account="67890"
        .i18n=${i18n}
        .rules=${[...rules, { ...rule({ id: 'bad' }), color: 'red;}body{' }, { nonsense: true }]}
      ></bk-ribbon>`,
    );
    expect(root.querySelector<HTMLElement>('[part="ribbon"]')!.dataset['ribbonId']).toBe('account');
    expect(root.textContent).toContain('2 rules were skipped because they are not valid.');
  });

  for (const settings of axeSettings) {
    it(`has no axe violations (${settings.theme}, ${settings.dir})`, async () => {
      const i18n = await createI18n({ language: settings.dir === 'rtl' ? 'ar' : 'en', namespaces });
      // One ribbon per page, as a client area has: each state in turn.
      for (const template of [
        html`<bk-ribbon preview account="67890" theme=${settings.theme!} .i18n=${i18n} .rules=${rules}></bk-ribbon>`,
        html`<bk-ribbon
          preview
          theme=${settings.theme!}
          .i18n=${i18n}
          .rules=${[rule({ color: '#FFFF00' })]}
        ></bk-ribbon>`,
        html`<bk-ribbon identity-mode="ot-handoff" theme=${settings.theme!} .i18n=${i18n}></bk-ribbon>`,
      ]) {
        const { host } = await mountRibbon(template, settings);
        await expectNoAxeViolations(host);
      }
    });
  }
});
