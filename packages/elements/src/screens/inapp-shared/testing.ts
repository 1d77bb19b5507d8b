// Shared helpers of the in-app screens' browser tests: a real MemoryAdapter and i18n instance, the screen
// mounted the way the hosted shell mounts it, and waits on what the user would see.
import { expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { i18n } from 'i18next';
import { createI18n, type BrokerKitError, type ErrorCode, type InAppAction } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { expectNoAxeViolations } from '../../primitives/testing.ts';
import { deepActiveElement } from '../../controllers/view-focus.ts';
import type { InAppScreen } from './inapp-screen.ts';
import type { InAppResult } from './events.ts';

export const returnUrl = 'https://broker.example.com/inapp/done';

export interface ScreenSetup {
  language?: string;
  theme?: 'light' | 'dark';
  adapter?: MemoryAdapter;
  token?: string | null;
  account?: number;
  kycType?: string;
}

/** Mounts `tag` as the hosted shell does: properties in, token issued for the screen's action. */
export async function mountScreen<T extends InAppScreen>(tag: string, action: InAppAction, setup: ScreenSetup = {}) {
  const adapter = setup.adapter ?? new MemoryAdapter();
  const i18n = await createI18n({
    language: setup.language ?? 'en',
    namespaces: ['inapp', 'payments', 'kyc', 'common', 'errors', 'primitives'],
  });
  const navigations: string[] = [];
  const results: InAppResult[] = [];
  const closes: Event[] = [];
  const element = document.createElement(tag) as T & { kycType?: string };
  Object.assign(element, {
    adapter,
    i18n,
    token: setup.token === null ? undefined : (setup.token ?? adapter.issueToken({ action })),
    account: setup.account,
    returnUrl,
    theme: setup.theme ?? 'light',
    navigate: (url: string) => navigations.push(url),
  });
  if (setup.kycType) element.kycType = setup.kycType;
  element.addEventListener('bk-result', (event) => results.push(event.detail));
  element.addEventListener('bk-close', (event) => closes.push(event));
  document.body.replaceChildren(element);
  await element.updateComplete;
  return { element, adapter, i18n, navigations, results, closes };
}

/** Polls until `check` passes (the adapter and Lit answer asynchronously), then returns its value. */
export async function waitFor<T>(check: () => T | undefined | null | false, timeout = 3000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`waitFor timed out: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The first element matching `selector` in the screen's shadow root (or under one of its elements). */
export function find<E extends Element = HTMLElement>(root: Element, selector: string): E | null {
  return (root.shadowRoot ?? root).querySelector<E>(selector);
}

export function text(element: Element | null | undefined): string {
  if (!element) return '';
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(element);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

/** Buttons whose visible text matches, anywhere in the screen's tree. */
export function button(root: Element, label: string | RegExp): HTMLElement {
  const all = [...(root.shadowRoot ?? root).querySelectorAll<HTMLElement>('bk-button')];
  const match = all.find((candidate) =>
    typeof label === 'string' ? text(candidate) === label : label.test(text(candidate)),
  );
  if (!match) throw new Error(`No button "${label}" among: ${all.map((b) => text(b)).join(' | ')}`);
  return match;
}

export const viewports = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 800 },
] as const;

export const looks = [
  { theme: 'light', language: 'en' },
  { theme: 'dark', language: 'en' },
  { theme: 'light', language: 'ar' },
] as const;

export async function setViewport(width: number, height: number) {
  await page.viewport(width, height);
}

export async function expectAccessible(element: Element) {
  await expectNoAxeViolations(element);
}

export function expectNoTokenInStorage(token: string) {
  for (let index = 0; index < sessionStorage.length; index++) {
    const key = sessionStorage.key(index)!;
    expect(key).not.toContain(token);
    expect(sessionStorage.getItem(key)).not.toContain(token);
  }
  for (let index = 0; index < localStorage.length; index++)
    expect(localStorage.getItem(localStorage.key(index)!)).not.toContain(token);
}

/** One test per viewport × look (light, dark, Arabic right-to-left), each at a real viewport size. */
export function itHasNoAxeViolationsEverywhere(states: string, run: (look: (typeof looks)[number]) => Promise<void>) {
  for (const viewport of viewports)
    for (const look of looks)
      it(`has no axe violations ${states} at ${viewport.name} width, ${look.theme}, ${look.language}`, async () => {
        await setViewport(viewport.width, viewport.height);
        await run(look);
      }, 60_000);
}

/** The one-time token problems a screen can open with, each with the English title it must show. */
export function tokenStateCases(action: InAppAction) {
  return [
    { name: 'missing token', code: 'MISSING_REQUIRED_PARAMETER', title: 'This link is incomplete', setup: () => null },
    {
      name: 'unknown token',
      code: 'INVALID_OT_TOKEN',
      title: 'This link can no longer be used',
      setup: () => 'x'.repeat(43),
    },
    {
      name: 'expired token',
      code: 'TOKEN_EXPIRED',
      title: 'This link has expired',
      setup: (adapter) => adapter.issueToken({ action, ttlMs: -1 }),
    },
    {
      name: 'deleted user',
      code: 'USER_NOT_FOUND',
      title: 'We could not find your account',
      setup: (adapter) => {
        const token = adapter.issueToken({ action });
        adapter.deleteUser('demo@example.com');
        return token;
      },
    },
    {
      name: 'platform: expired',
      code: 'CID_TOKEN_EXPIRED',
      title: 'This link has expired',
      setup: (adapter) => (adapter.failNext('CID_TOKEN_EXPIRED'), adapter.issueToken({ action })),
    },
    {
      name: 'platform: unknown',
      code: 'CID_NON_EXISTED_TOKEN',
      title: 'This link does not exist',
      setup: (adapter) => (adapter.failNext('CID_NON_EXISTED_TOKEN'), adapter.issueToken({ action })),
    },
  ] satisfies { name: string; code: ErrorCode; title: string; setup: (adapter: MemoryAdapter) => string | null }[];
}

/**
 * One test per token problem: an explanation in a role="alert" alert that takes focus, no retry, and "Back to the
 * app" returning a cancelled result to the return URL.
 */
export function itExplainsEveryTokenState(tag: string, action: InAppAction, setup: ScreenSetup = {}) {
  for (const { name, code, title, setup: prepare } of tokenStateCases(action)) {
    it(`${name}: explains ${code} in an alert and offers only the way back`, async () => {
      const adapter = new MemoryAdapter();
      const token = prepare(adapter);
      const { element, navigations, results, closes } = await mountScreen(tag, action, { ...setup, adapter, token });
      const alert = await waitFor(() => find(element, `bk-alert[data-code="${code}"]`));
      expect(text(alert)).toContain(title);
      expect(alert.shadowRoot!.querySelector('[role="alert"]')).not.toBeNull();
      expect(element.shadowRoot!.querySelector('[data-retry]')).toBeNull();
      await expectFocusOn(alert);
      await userEvent.click(button(element, 'Back to the app'));
      expect(closes).toHaveLength(1);
      expect(results).toEqual([{ action, status: 'cancelled' }]);
      expect(navigations).toEqual([`${returnUrl}?action=${action}&status=cancelled`]);
    });
  }
}

/** Waits until keyboard focus is on `element` (looking through shadow roots). */
export async function expectFocusOn(element: Element | null | undefined) {
  expect(element).toBeTruthy();
  await expect.poll(() => deepActiveElement()).toBe(element);
}

/** The frame's heading (the h1 inside bk-screen) of an in-app screen. */
export function frameHeading(element: Element): HTMLElement {
  return find(element, 'bk-screen')!.shadowRoot!.querySelector('h1')!;
}

/** The i18n instance of a mounted screen, to read the texts a code must show. */
export function translations(element: Element): i18n {
  return (element as Element & { i18n: i18n }).i18n;
}

/**
 * Checks the error alert of `code` (errorAlertTemplate): its localized title and message, role="alert", "Try
 * again" exactly when a retry can help, and always the way back to the app.
 */
export function expectErrorAlert(
  element: Element,
  error: Pick<BrokerKitError, 'code' | 'retryable'>,
  { message }: { message?: string } = {},
) {
  const { code } = error;
  const t = translations(element).getFixedT(null, ['errors', 'common', 'inapp']);
  const alert = find(element, `bk-alert[data-code="${code}"]`);
  expect(alert, code).not.toBeNull();
  expect(alert!.getAttribute('heading'), code).toBe(t(`errors:${code}.title`));
  expect(text(alert), code).toContain(message ?? t(`errors:${code}.message`));
  expect(alert!.shadowRoot!.querySelector('[role="alert"]'), code).not.toBeNull();
  expect(text(alert!.querySelector('[data-retry]')), code).toBe(error.retryable ? t('common:retry') : '');
  expect(text(alert!.querySelector('[data-back]')), code).toBe(t('inapp:backToApp'));
  return alert!;
}
