import { css } from 'lit';

export const selectStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-1);
  }
  [part='label'] {
    font-weight: var(--_bk-font-weight-strong);
    font-size: var(--_bk-font-size-s);
  }
  [part='control'] {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_bk-space-2);
    min-block-size: var(--bk-select-height, var(--_bk-control-height));
    padding-block: var(--_bk-space-2);
    padding-inline: var(--_bk-space-3);
    color: var(--_bk-color-text);
    background: var(--bk-select-background, var(--_bk-color-surface));
    border: 1px solid var(--bk-select-border-color, var(--_bk-color-border-control));
    border-radius: var(--bk-select-radius, var(--_bk-radius-m));
    cursor: pointer;
    user-select: none;
  }
  [part='control'][aria-invalid='true'] {
    border-color: var(--_bk-color-danger);
    border-width: 2px;
  }
  [part='control'][aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  .placeholder {
    color: var(--_bk-color-text-muted);
  }
  .value {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  [part='listbox'] {
    position: fixed;
    left: 0;
    top: 0;
    z-index: 1000;
    box-sizing: border-box;
    margin: 0;
    padding: var(--_bk-space-1);
    list-style: none;
    overflow-y: auto;
    max-block-size: 16rem;
    color: var(--_bk-color-text);
    background: var(--bk-select-listbox-background, var(--_bk-color-surface));
    border: 1px solid var(--_bk-color-border-control);
    border-radius: var(--_bk-radius-m);
    box-shadow: var(--_bk-shadow-m);
  }
  [part='listbox'][hidden] {
    display: none;
  }
  [part~='option'] {
    padding-block: var(--_bk-space-2);
    padding-inline: var(--_bk-space-3);
    border-radius: var(--_bk-radius-s);
    white-space: nowrap;
    cursor: pointer;
  }
  [part~='option'][aria-selected='true'] {
    font-weight: var(--_bk-font-weight-strong);
  }
  [part~='option'].active {
    outline: 2px solid var(--_bk-color-focus);
    outline-offset: -2px;
    background: var(--_bk-color-surface-raised);
  }
  [part~='option'][aria-disabled='true'] {
    color: var(--_bk-color-text-muted);
    cursor: not-allowed;
  }
  [part='hint'] {
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
  [part='error'] {
    color: var(--_bk-color-danger);
    font-size: var(--_bk-font-size-s);
    font-weight: var(--_bk-font-weight-strong);
  }
  [part='hint']:empty,
  [part='error']:empty {
    display: none;
  }
`;
