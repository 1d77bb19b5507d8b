import { css } from 'lit';
import { tokensFor } from './tokens.ts';
import { adoptStyles } from './adopt-styles.ts';

export const themes = ['light', 'dark'] as const;
export type Theme = (typeof themes)[number];
export type ThemeClass = `bk-theme-${Theme}`;

/**
 * Maps a parsed `theme` value to its class. Only 'light' and 'dark' map to a class; anything else gives ''
 * (the page's own colour scheme applies), so a raw query value can never reach markup or CSS.
 */
export function themeClass(theme: unknown): ThemeClass | '' {
  return theme === 'light' || theme === 'dark' ? `bk-theme-${theme}` : '';
}

/** Puts the theme's class on an element (removing the other one), and makes sure the class has its rules. */
export function applyTheme(element: Element, theme: unknown) {
  const wanted = themeClass(theme);
  for (const name of themes) element.classList.toggle(`bk-theme-${name}`, wanted === `bk-theme-${name}`);
  adoptStyles(element, themeStyles);
}

/**
 * Document-level rules for the theme classes on any element, and `.bk-surface`: paints the themed surface
 * and text colour (for a page or a container that holds primitives outside a bk-screen).
 */
export const themeStyles = css`
  .bk-theme-light {
    color-scheme: light;
  }
  .bk-theme-dark {
    color-scheme: dark;
  }
  ${tokensFor('.bk-surface')}
  .bk-surface {
    background: var(--_bk-color-surface);
    color: var(--_bk-color-text);
    font-family: var(--_bk-font-family);
    line-height: var(--_bk-font-line-height);
  }
`;
