// Browser-test helpers of the SSO screens: a real i18n instance, a themed container in a viewport of a given
// size, field access through the real native inputs, and the alert's parts. Test-only: nothing in the kit imports
// this.
import { html, render, type TemplateResult } from 'lit';
import { expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { i18n } from 'i18next';
import { createI18n, type BackendAdapter, type ErrorCode } from '@broker-kit/core';
import { applyTheme } from '../../styles/theme.ts';
import { expectNoAxeViolations, settle } from '../../primitives/testing.ts';

export { expectNoAxeViolations, settle };

export interface ScreenSetting {
  language?: string;
  theme?: 'light' | 'dark';
  /** Viewport width in CSS pixels: 390 (phone) or 1280 (desktop). */
  width?: number;
}

/** Viewport heights that go with the widths of `axeMatrix`. */
const viewportHeights: Record<number, number> = { 390: 844, 1280: 800 };

/** Light, dark and Arabic right-to-left, each at a phone and a desktop viewport. */
export const axeMatrix: Required<ScreenSetting>[] = (['light', 'dark', 'ar'] as const).flatMap((variant) =>
  [390, 1280].map((width) => ({
    language: variant === 'ar' ? 'ar' : 'en',
    theme: variant === 'dark' ? 'dark' : 'light',
    width,
  })),
);

const instances = new Map<string, Promise<i18n>>();
export function i18nFor(language = 'en'): Promise<i18n> {
  let instance = instances.get(language);
  if (!instance) {
    instance = createI18n({ language, namespaces: ['auth', 'common', 'errors', 'primitives'] });
    instances.set(language, instance);
  }
  return instance;
}

/**
 * Renders the screen in a fresh themed container filling a viewport of the setting's width (the test page itself
 * is resized), with the i18n instance the template receives.
 */
export async function mountScreen<E extends HTMLElement>(
  tag: string,
  template: (i18n: i18n) => TemplateResult,
  { language = 'en', theme = 'light', width = 390 }: ScreenSetting = {},
): Promise<E> {
  const i18n = await i18nFor(language);
  await page.viewport(width, viewportHeights[width] ?? 800);
  const host = document.createElement('div');
  host.className = 'bk-surface';
  applyTheme(host, theme);
  document.body.replaceChildren(host);
  render(template(i18n), host);
  const screen = host.querySelector(tag) as E;
  await settle(host);
  return screen;
}

/** What a host gives an SSO screen besides i18n and theme. */
export interface AuthScreenInputs {
  adapter: BackendAdapter;
  navigate?: (url: string) => void;
  /** Further attributes, as a host's markup sets them. */
  attributes?: Record<string, string>;
}

/** Mounts an SSO screen by tag with its adapter, navigate (a spy unless given), theme and attributes. */
export function mountAuthScreen<E extends HTMLElement>(
  tag: string,
  { adapter, navigate = vi.fn(), attributes = {} }: AuthScreenInputs,
  setting: ScreenSetting = {},
): Promise<E> {
  return mountScreen<E>(
    tag,
    (i18n) => {
      const screen = document.createElement(tag);
      Object.assign(screen, { i18n, adapter, navigate });
      for (const [name, value] of Object.entries({ theme: setting.theme ?? 'light', ...attributes })) {
        screen.setAttribute(name, value);
      }
      return html`${screen}`;
    },
    setting,
  );
}

/**
 * One test per `axeMatrix` setting: axe on the idle form, after an empty submit (field errors), and after a
 * filled submit succeeded (`done` names that state in the test's title).
 */
export function itHasNoAxeViolationsThroughFlow(
  done: string,
  mount: (setting: ScreenSetting) => Promise<HTMLElement>,
  fill: (screen: HTMLElement) => Promise<void>,
) {
  for (const setting of axeMatrix) {
    it(`has no axe violations idle, with errors and ${done}: ${setting.language} ${setting.theme} ${setting.width}px`, async () => {
      const screen = await mount(setting);
      await expectNoAxeViolations(screen);
      await submit(screen);
      await expectNoAxeViolations(screen);
      await fill(screen);
      await submit(screen);
      await untilState(screen, 'success');
      await expectNoAxeViolations(screen);
    });
  }
}

/** The native input (or form-associated control) of a field, by its form name. */
export function field(screen: Element, name: string): HTMLInputElement {
  const control = screen.querySelector('form')?.elements.namedItem(name);
  if (!control) throw new Error(`No field named ${name}`);
  return control as HTMLInputElement;
}

/** The error text shown for a field (bk-input, bk-select or bk-checkbox), '' when none. */
export function fieldError(screen: Element, name: string): string {
  const wrapper = screen.querySelector(`[name="${name}"]`)?.closest('bk-input, bk-select, bk-checkbox');
  return (wrapper as (Element & { error?: string }) | null)?.error ?? '';
}

/** Types into a field as a user does, then leaves it (the field counts as touched). */
export async function typeInto(screen: Element, name: string, text: string) {
  const input = field(screen, name);
  await userEvent.fill(input, text);
  input.blur();
  await settle(screen);
}

export async function submit(screen: Element) {
  screen.querySelector('form')!.requestSubmit();
  await settle(screen);
}

/** The error alert of the screen, if any. */
export function errorAlert(screen: Element): HTMLElement | null {
  return screen.querySelector('bk-alert[variant="error"]');
}

/** The recovery button inside the error alert. */
export function recoveryButton(screen: Element): HTMLElement & { disabled: boolean } {
  const button = errorAlert(screen)?.querySelector('bk-button[slot="actions"]');
  if (!button) throw new Error('No recovery button');
  return button as HTMLElement & { disabled: boolean };
}

/** Waits until the screen's `state` attribute has the value. */
export async function untilState(screen: Element, state: string) {
  await expect.poll(() => screen.getAttribute('state')).toBe(state);
  await settle(screen);
}

/**
 * Submits once per code with the adapter failing that way, and checks the localized title, message and
 * recovery label in a role="alert" region that has focus. The form's values must survive every failure.
 */
export async function expectEveryErrorCode(
  screen: HTMLElement,
  failNext: (code: ErrorCode) => void,
  codes: readonly ErrorCode[],
  kept: Record<string, string>,
) {
  const i18n = await i18nFor('en');
  for (const code of codes) {
    failNext(code);
    await submit(screen);
    await untilState(screen, 'error');
    const alert = errorAlert(screen)!;
    expect(alert.getAttribute('heading'), code).toBe(i18n.t(`errors:${code}.title`));
    expect(alert.textContent, code).toContain(i18n.t(`errors:${code}.message`));
    expect(recoveryButton(screen).textContent!.trim(), code).toBe(i18n.t(`errors:${code}.action`));
    expect(alert.shadowRoot!.querySelector('[role="alert"]'), code).not.toBeNull();
    // The answer takes focus to the alert, whose recovery button is then the next stop.
    await expect.poll(() => document.activeElement === alert, { message: `focus after ${code}` }).toBe(true);
    for (const [name, value] of Object.entries(kept)) expect(field(screen, name).value, `${code} ${name}`).toBe(value);
  }
}
