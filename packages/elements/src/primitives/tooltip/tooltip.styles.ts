import { css, unsafeCSS } from 'lit';

/** Pixels between the described element and the bubble. */
export const tooltipGap = 6;

export const tooltipStyles = css`
  :host {
    display: inline-block;
  }
  [part='base'] {
    /* Placed by @floating-ui/dom in viewport coordinates, so no ancestor's overflow clips it. */
    position: fixed;
    top: 0;
    left: 0;
    z-index: 1000;
    box-sizing: border-box;
    inline-size: max-content;
    max-inline-size: min(var(--bk-tooltip-max-width, 16rem), calc(100vw - 1rem));
    padding: var(--_bk-space-1) var(--_bk-space-2);
    font-size: var(--_bk-font-size-s);
    font-weight: normal;
    line-height: 1.4;
    text-align: start;
    white-space: normal;
    overflow-wrap: anywhere;
    color: var(--bk-tooltip-color, var(--_bk-color-surface));
    background: var(--bk-tooltip-background, var(--_bk-color-text));
    border-radius: var(--_bk-radius-s);
    /* Hoverable (WCAG 1.4.13): the pointer can rest on the bubble without it going away. */
    pointer-events: auto;
    opacity: 1;
    transition: opacity 120ms ease-out;
  }
  @starting-style {
    [part='base'] {
      opacity: 0;
    }
  }
  /* Until the first position is known, so it never flashes at the viewport corner. */
  [part='base']:not([data-placement]) {
    visibility: hidden;
  }
  [part='base'][hidden] {
    display: none;
  }
  /* A bridge over the gap, so moving the pointer from the element onto the bubble keeps it open. */
  [part='base']::before {
    content: '';
    position: absolute;
  }
  [part='base'][data-placement='top']::before {
    inset-inline: 0;
    top: 100%;
    height: ${unsafeCSS(tooltipGap)}px;
  }
  [part='base'][data-placement='bottom']::before {
    inset-inline: 0;
    bottom: 100%;
    height: ${unsafeCSS(tooltipGap)}px;
  }
  [part='base'][data-placement='left']::before {
    inset-block: 0;
    left: 100%;
    width: ${unsafeCSS(tooltipGap)}px;
  }
  [part='base'][data-placement='right']::before {
    inset-block: 0;
    right: 100%;
    width: ${unsafeCSS(tooltipGap)}px;
  }
  @media (prefers-reduced-motion: reduce) {
    [part='base'] {
      transition: none;
    }
  }
`;
