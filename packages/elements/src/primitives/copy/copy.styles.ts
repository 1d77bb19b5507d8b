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
  [part='error']:empty {
    display: none;
  }
  [part='error'] {
    margin-block-start: var(--_bk-space-1);
    color: var(--_bk-color-danger);
    font-size: var(--_bk-font-size-s);
  }
  [part='value'] {
    box-sizing: border-box;
    display: block;
    inline-size: 100%;
    min-inline-size: 12rem;
    margin-block-start: var(--_bk-space-1);
    padding: var(--_bk-space-1) var(--_bk-space-2);
    font: inherit;
    font-family: ui-monospace, monospace;
    font-size: var(--_bk-font-size-s);
    color: var(--_bk-color-text);
    background: var(--_bk-color-surface);
    border: 1px solid var(--_bk-color-border-control);
    border-radius: var(--_bk-radius-s);
  }
`;
