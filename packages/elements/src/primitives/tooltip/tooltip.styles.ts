import { css } from 'lit';

export const tooltipStyles = css`
  :host {
    position: relative;
    display: inline-block;
  }
  [part='base'] {
    position: absolute;
    inset-block-end: calc(100% + var(--_bk-space-2));
    inset-inline-start: 50%;
    z-index: 1000;
    inline-size: max-content;
    max-inline-size: var(--bk-tooltip-max-width, 16rem);
    padding: var(--_bk-space-1) var(--_bk-space-2);
    font-size: var(--_bk-font-size-s);
    color: var(--bk-tooltip-color, var(--_bk-color-surface));
    background: var(--bk-tooltip-background, var(--_bk-color-text));
    border-radius: var(--_bk-radius-s);
    translate: -50% 0;
    pointer-events: auto;
  }
  :host(:dir(rtl)) [part='base'] {
    translate: 50% 0;
  }
  [part='base'][hidden] {
    display: none;
  }
`;
