import { describe, expect, it } from 'vitest';
import { refPalette, semanticColors, type SemanticColor } from './tokens.ts';
import { applyTheme, themeClass } from './theme.ts';

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours. */
function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const color = (name: SemanticColor, scheme: 0 | 1) => refPalette[semanticColors[name][scheme]];

// [foreground, background, minimum]: 4.5 for text, 3 for control borders and focus rings (WCAG 1.4.3, 1.4.11).
const pairs: [SemanticColor, SemanticColor, number][] = [
  ['text', 'surface', 4.5],
  ['text', 'surface-raised', 4.5],
  ['text-muted', 'surface', 4.5],
  ['text-muted', 'surface-raised', 4.5],
  ['primary', 'surface', 4.5],
  ['link', 'surface', 4.5],
  ['on-primary', 'primary-hover', 4.5],
  ['primary', 'surface-raised', 4.5],
  ['on-primary', 'primary', 4.5],
  ['on-danger', 'danger', 4.5],
  ['danger', 'surface', 4.5],
  ['success', 'surface', 4.5],
  ['warning', 'surface', 4.5],
  ['info', 'surface', 4.5],
  ['text', 'danger-surface', 4.5],
  ['text', 'success-surface', 4.5],
  ['text', 'warning-surface', 4.5],
  ['text', 'info-surface', 4.5],
  ['danger', 'danger-surface', 3],
  ['success', 'success-surface', 3],
  ['warning', 'warning-surface', 3],
  ['border-control', 'surface', 3],
  ['border-control', 'surface-raised', 3],
  ['focus', 'surface', 3],
  ['surface', 'text', 4.5],
];

describe('design tokens', () => {
  for (const [scheme, name] of [
    [0, 'light'],
    [1, 'dark'],
  ] as const) {
    it(`meets WCAG AA contrast for every main pair in the ${name} theme`, () => {
      const failures = pairs
        .map(([fg, bg, min]) => ({
          pair: `${fg} on ${bg}`,
          ratio: contrast(color(fg, scheme), color(bg, scheme)),
          min,
        }))
        .filter(({ ratio, min }) => ratio < min);
      expect(failures).toEqual([]);
    });
  }

  it('computes known ratios correctly (black on white is 21:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  it('maps only light and dark to a theme class', () => {
    expect([themeClass('light'), themeClass('dark')]).toEqual(['bk-theme-light', 'bk-theme-dark']);
    for (const bad of ['Dark', 'dark;}body{color:red', '', null, undefined, '__proto__', 42])
      expect(themeClass(bad)).toBe('');
  });

  it('resolves light and dark values from one set through color-scheme', () => {
    const probe = document.createElement('div');
    probe.className = 'bk-surface';
    document.body.replaceChildren(probe);
    {
      applyTheme(probe, 'dark');
      const dark = getComputedStyle(probe).backgroundColor;
      applyTheme(probe, 'light');
      const light = getComputedStyle(probe).backgroundColor;
      expect([light, dark]).toEqual(['rgb(255, 255, 255)', 'rgb(15, 23, 42)']);
      // A broker theme overrides a palette entry on an ancestor; the semantic token follows it.
      document.body.style.setProperty('--bk-ref-neutral-0', '#fafaf0');
      expect(getComputedStyle(probe).backgroundColor).toBe('rgb(250, 250, 240)');
      document.body.style.removeProperty('--bk-ref-neutral-0');
    }
  });
});
