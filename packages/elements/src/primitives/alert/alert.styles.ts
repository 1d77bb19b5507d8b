import { css } from 'lit';

export const alertStyles = css`
  :host {
    display: block;
    --_accent: var(--_bk-color-info);
    --_fill: var(--_bk-color-info-surface);
  }
  :host([variant='success']) {
    --_accent: var(--_bk-color-success);
    --_fill: var(--_bk-color-success-surface);
  }
  :host([variant='warning']) {
    --_accent: var(--_bk-color-warning);
    --_fill: var(--_bk-color-warning-surface);
  }
  :host([variant='error']) {
    --_accent: var(--_bk-color-danger);
    --_fill: var(--_bk-color-danger-surface);
  }
  [part='base'] {
    display: grid;
    grid-template-columns: auto 1fr auto;
    gap: var(--_bk-space-2) var(--_bk-space-3);
    padding: var(--_bk-space-3) var(--_bk-space-4);
    color: var(--_bk-color-text);
    background: var(--bk-alert-background, var(--_fill));
    border: 1px solid var(--bk-alert-accent, var(--_accent));
    border-inline-start-width: 4px;
    border-radius: var(--bk-alert-radius, var(--_bk-radius-m));
  }
  .icon {
    color: var(--bk-alert-accent, var(--_accent));
    font-weight: var(--_bk-font-weight-strong);
    line-height: var(--_bk-font-line-height);
  }
  .body {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-1);
    min-inline-size: 0;
  }
  [part='heading'] {
    font-weight: var(--_bk-font-weight-strong);
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: var(--_bk-space-2);
    margin-block-start: var(--_bk-space-2);
  }
  [part='actions'].empty {
    display: none;
  }
  [part='close'] {
    align-self: start;
    inline-size: 2rem;
    block-size: 2rem;
    padding: 0;
    font: inherit;
    font-size: 1.25rem;
    line-height: 1;
    color: inherit;
    background: transparent;
    border: 0;
    border-radius: var(--_bk-radius-s);
    cursor: pointer;
  }
`;
