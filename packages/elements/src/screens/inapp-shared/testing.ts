// Shared helpers of the in-app screens' browser tests: a real MemoryAdapter and i18n instance, the screen
// mounted the way the hosted shell mounts it, and waits on what the user would see.
import { expect } from 'vitest';
import { page } from 'vitest/browser';
import { createI18n, type InAppAction } from '@broker-kit/core';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { expectNoAxeViolations } from '../../primitives/testing.ts';
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
