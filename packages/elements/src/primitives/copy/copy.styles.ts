import { css } from 'lit';

export const copyStyles = css`
  :host {
    display: inline-block;
  }
  [part='base'] {
    display: inline-flex;
    align-items: center;
    gap: var(--_bk-space-1);
    min-block-size: 2.25rem;
    padding-inline: var(--_bk-space-3);
    font: inherit;
    font-size: var(--_bk-font-size-s);
    font-weight: var(--_bk-font-weight-strong);
    color: var(--bk-copy-color, var(--_bk-color-primary));
    background: transparent;
    border: 1px solid currentColor;
    border-radius: var(--_bk-radius-m);
    cursor: pointer;
  }
  [part='status'].failed {
    display: block;
    position: static !important;
    inline-size: auto;
    block-size: auto;
    clip-path: none;
    white-space: normal;
    margin-block-start: var(--_bk-space-1);
    color: var(--_bk-color-danger);
    font-size: var(--_bk-font-size-s);
  }
`;
