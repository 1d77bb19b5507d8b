import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * Design tokens in three tiers:
 * 1. `--bk-ref-*`: the palette (raw colours), e.g. `--bk-ref-blue-700`.
 * 2. semantic `--bk-color-*`, `--bk-space-*`, `--bk-radius-*`, `--bk-font-*`: what a colour or size is for.
 * 3. `--bk-<component>-*`: per component (documented with `@cssproperty` on each element).
 * A theme sets any of them on an ancestor (usually `:root` or the screen). Elements never declare public
 * tokens themselves; they resolve each into a private `--_bk-*` copy whose fallback is the kit's default,
 * so whatever a theme sets wins. Light and dark come from one set: each semantic colour is
 * `light-dark(<light ref>, <dark ref>)`, picked by the inherited `color-scheme`.
 */
export const refPalette = {
  'neutral-0': '#ffffff',
  'neutral-50': '#f8fafc',
  'neutral-100': '#f1f5f9',
  'neutral-200': '#e2e8f0',
  'neutral-300': '#cbd5e1',
  'neutral-400': '#94a3b8',
  'neutral-500': '#64748b',
  'neutral-600': '#475569',
  'neutral-700': '#334155',
  'neutral-800': '#1e293b',
  'neutral-900': '#0f172a',
  'neutral-950': '#020617',
  'blue-50': '#eff6ff',
  'blue-200': '#bfdbfe',
  'blue-300': '#93c5fd',
  'blue-700': '#1d4ed8',
  'blue-800': '#1e40af',
  'blue-950': '#172554',
  'red-50': '#fef2f2',
  'red-200': '#fecaca',
  'red-300': '#fca5a5',
  'red-700': '#b91c1c',
  'red-950': '#450a0a',
  'green-50': '#f0fdf4',
  'green-300': '#86efac',
  'green-700': '#15803d',
  'green-950': '#052e16',
  'amber-50': '#fffbeb',
  'amber-300': '#fcd34d',
  'amber-800': '#92400e',
  'amber-950': '#451a03',
} as const;
export type RefColor = keyof typeof refPalette;

/** Semantic colours: [light, dark] references into the palette. */
export const semanticColors = {
  surface: ['neutral-0', 'neutral-900'],
  'surface-raised': ['neutral-50', 'neutral-800'],
  text: ['neutral-900', 'neutral-50'],
  'text-muted': ['neutral-600', 'neutral-300'],
  border: ['neutral-200', 'neutral-700'],
  'border-control': ['neutral-500', 'neutral-400'],
  primary: ['blue-700', 'blue-300'],
  'primary-hover': ['blue-800', 'blue-200'],
  link: ['blue-700', 'blue-300'],
  'on-primary': ['neutral-0', 'neutral-950'],
  focus: ['blue-700', 'blue-300'],
  danger: ['red-700', 'red-300'],
  'on-danger': ['neutral-0', 'neutral-950'],
  success: ['green-700', 'green-300'],
  warning: ['amber-800', 'amber-300'],
  info: ['blue-700', 'blue-300'],
  'danger-surface': ['red-50', 'red-950'],
  'success-surface': ['green-50', 'green-950'],
  'warning-surface': ['amber-50', 'amber-950'],
  'info-surface': ['blue-50', 'blue-950'],
} as const satisfies Record<string, readonly [RefColor, RefColor]>;
export type SemanticColor = keyof typeof semanticColors;

/** Non-colour semantic tokens, by full name without the `--bk-` prefix. */
export const scaleTokens = {
  'space-1': '0.25rem',
  'space-2': '0.5rem',
  'space-3': '0.75rem',
  'space-4': '1rem',
  'space-5': '1.5rem',
  'space-6': '2rem',
  'radius-s': '0.25rem',
  'radius-m': '0.5rem',
  'radius-l': '0.75rem',
  'radius-full': '999px',
  'font-family': "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
  'font-family-heading': 'var(--_bk-font-family)',
  'font-weight-heading': '600',
  'font-size-s': '0.875rem',
  'font-size-m': '1rem',
  'font-size-l': '1.25rem',
  'font-size-xl': '1.5rem',
  'font-weight-normal': '400',
  'font-weight-strong': '600',
  'font-line-height': '1.5',
  'control-height': '2.75rem',
  'shadow-s': '0 1px 3px rgb(0 0 0 / 0.12)',
  'shadow-m': '0 8px 24px rgb(0 0 0 / 0.18)',
} as const;

function declarations(): string {
  const colors = Object.entries(semanticColors).map(
    ([name, [light, dark]]) =>
      `--_bk-color-${name}: var(--bk-color-${name}, light-dark(var(--bk-ref-${light}, ${refPalette[light]}), var(--bk-ref-${dark}, ${refPalette[dark]})));`,
  );
  const scales = Object.entries(scaleTokens).map(([name, value]) => `--_bk-${name}: var(--bk-${name}, ${value});`);
  return [...colors, ...scales].join('');
}

/** The private token declarations for any selector (light-DOM elements use their tag name). */
export function tokensFor(selector: string): CSSResult {
  return unsafeCSS(`${selector}{${declarations()}}`);
}

/**
 * Tokens for a shadow root: resolves every token on `:host`, applies the theme class when it sits on the
 * host itself, and sets the base text style.
 */
export const tokens = css`
  ${tokensFor(':host')}
  :host(.bk-theme-light) {
    color-scheme: light;
  }
  :host(.bk-theme-dark) {
    color-scheme: dark;
  }
  :host {
    font-family: var(--_bk-font-family);
    line-height: var(--_bk-font-line-height);
    color: var(--_bk-color-text);
  }
  :host([hidden]) {
    display: none !important;
  }
  .bk-visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  :focus-visible {
    outline: 2px solid var(--_bk-color-focus);
    outline-offset: 2px;
  }
  /* A heading or message the screen focuses by script (tabindex -1, never reached with Tab) is a reading
     position for screen readers, not a control: Chromium matches :focus-visible for script focus, so no ring. */
  [tabindex='-1']:not(a, button, input, select, textarea, summary):focus-visible {
    outline: none;
  }
`;

/**
 * Layout helpers for screens (shadow or light DOM): `.bk-stack` (vertical rhythm), `.bk-form` (a form's
 * fields), `.bk-actions` (a row of buttons that wraps), `.bk-row`, `.bk-muted`, `.bk-link`, `.bk-center`,
 * `.bk-visually-hidden`.
 */
export const screenStyles = css`
  .bk-stack,
  .bk-form {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-4);
    margin: 0;
  }
  .bk-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_bk-space-3);
  }
  .bk-actions {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_bk-space-3);
    margin-block-start: var(--_bk-space-2);
  }
  .bk-actions > * {
    flex: 1 1 10rem;
  }
  .bk-muted {
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
  .bk-link {
    color: var(--_bk-color-link);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    background: none;
    border: 0;
    padding: 0;
    font: inherit;
    cursor: pointer;
  }
  .bk-center {
    text-align: center;
  }
  .bk-visually-hidden {
    position: absolute !important;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  h2,
  h3 {
    font-size: var(--_bk-font-size-l);
    margin: 0;
  }
  p {
    margin: 0;
  }
`;
