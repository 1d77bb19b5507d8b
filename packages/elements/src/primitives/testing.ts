import axe from 'axe-core';
import { expect } from 'vitest';
import { render, type TemplateResult } from 'lit';
import { applyTheme } from '../styles/theme.ts';

export interface MountOptions {
  theme?: 'light' | 'dark';
  dir?: 'ltr' | 'rtl';
}

/** Renders a template into a fresh themed surface (replacing the previous test's) and waits for its elements. */
export async function mount(template: TemplateResult, { theme = 'light', dir = 'ltr' }: MountOptions = {}) {
  const host = document.createElement('div');
  host.className = 'bk-surface';
  host.dir = dir;
  host.lang = dir === 'rtl' ? 'ar' : 'en';
  host.style.padding = '1rem';
  applyTheme(host, theme);
  document.body.replaceChildren(host);
  render(template, host);
  await settle(host);
  return host;
}

/** Waits until every Lit element under the root has finished updating (twice, for nested updates). */
export async function settle(root: ParentNode) {
  for (let round = 0; round < 2; round++) {
    const elements = [...root.querySelectorAll('*')].filter((element) => 'updateComplete' in element);
    await Promise.all(
      elements.map((element) => (element as unknown as { updateComplete: Promise<unknown> }).updateComplete),
    );
  }
}

/**
 * Waits until what the elements under the root scheduled after rendering has run: their updates, the task
 * they queue (focus moves after nested elements have rendered) and the next frame. For checking that
 * something did not happen without sleeping for a guessed time.
 */
export async function afterRender(root: ParentNode) {
  await settle(root);
  await new Promise((resolve) => setTimeout(resolve));
  await new Promise((resolve) => requestAnimationFrame(resolve));
  await settle(root);
}

/** Runs axe-core on the container and fails with the list of violations (rule, targets, summary). */
export async function expectNoAxeViolations(container: Element) {
  const results = await axe.run(container);
  const report = results.violations.map((violation) => ({
    id: violation.id,
    nodes: violation.nodes.map((node) => ({ target: node.target, summary: node.failureSummary })),
  }));
  expect(report, JSON.stringify(report, null, 2)).toEqual([]);
}

/** The three accessibility settings every primitive is checked in. */
export const axeSettings: MountOptions[] = [
  { theme: 'light', dir: 'ltr' },
  { theme: 'dark', dir: 'ltr' },
  { theme: 'light', dir: 'rtl' },
];

/** Resolves with the next event of that type on the target. */
export function nextEvent<T extends Event = Event>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) => target.addEventListener(type, (event) => resolve(event as T), { once: true }));
}

/**
 * Records every `style` attribute written through `setAttribute` while `work` runs (what a strict CSP without
 * `'unsafe-inline'` styles refuses); CSSOM changes are not recorded, as the policy allows them.
 */
export async function styleAttributeWrites(work: () => Promise<unknown>): Promise<string[]> {
  const writes: string[] = [];
  const original = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (name.toLowerCase() === 'style') writes.push(`${this.localName}: ${value}`);
    return original.call(this, name, value);
  };
  try {
    await work();
  } finally {
    Element.prototype.setAttribute = original;
  }
  return writes;
}
