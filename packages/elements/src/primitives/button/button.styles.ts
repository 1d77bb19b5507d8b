import { css } from 'lit';

export const buttonStyles = css`
  :host {
    display: inline-block;
    --_fill: var(--bk-button-background, var(--_bk-color-primary));
    --_ink: var(--bk-button-color, var(--_bk-color-on-primary));
    --_edge: var(--bk-button-border-color, transparent);
    --_fill-hover: var(--bk-button-background-hover, var(--_bk-color-primary-hover));
  }
  :host([variant='secondary']) {
    --_fill: var(--bk-button-background, transparent);
    --_ink: var(--bk-button-color, var(--_bk-color-primary));
    --_edge: var(--bk-button-border-color, var(--_bk-color-primary));
  }
  :host([variant='ghost']) {
    --_fill: var(--bk-button-background, transparent);
    --_ink: var(--bk-button-color, var(--_bk-color-primary));
  }
  :host([variant='danger']) {
    --_fill: var(--bk-button-background, var(--_bk-color-danger));
    --_ink: var(--bk-button-color, var(--_bk-color-on-danger));
    --_fill-hover: var(--bk-button-background-hover, color-mix(in srgb, var(--_bk-color-danger) 88%, black));
  }
  [part='base'] {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: var(--_bk-space-2);
    inline-size: 100%;
    min-block-size: var(--bk-button-height, var(--_bk-control-height));
    padding-block: var(--_bk-space-2);
    padding-inline: var(--_bk-space-4);
    font: inherit;
    font-weight: var(--_bk-font-weight-strong);
    color: var(--_ink);
    background: var(--_fill);
    border: 1px solid var(--_edge);
    border-radius: var(--bk-button-radius, var(--_bk-radius-m));
    cursor: pointer;
  }
  [part='base']:hover:not(:disabled) {
    background: var(--_fill-hover);
  }
  :host([variant='ghost']) [part='base']:hover:not(:disabled),
  :host([variant='secondary']) [part='base']:hover:not(:disabled) {
    background: var(--bk-button-background-hover, color-mix(in srgb, var(--_bk-color-primary) 10%, transparent));
  }
  [part='base']:disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :host([loading]) [part='base']:disabled {
    opacity: 1;
    cursor: progress;
  }
  bk-spinner {
    --bk-spinner-color: currentColor;
    --bk-spinner-size: 1.1em;
  }
`;
