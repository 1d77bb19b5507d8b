import { css } from 'lit';

export const fileDropStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-2);
  }
  [part='label'] {
    font-weight: var(--_bk-font-weight-strong);
    font-size: var(--_bk-font-size-s);
  }
  [part='control'] {
    position: relative;
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: var(--_bk-space-1);
    padding: var(--_bk-space-5) var(--_bk-space-4);
    text-align: center;
    background: var(--bk-file-drop-background, var(--_bk-color-surface-raised));
    border: 2px dashed var(--bk-file-drop-border-color, var(--_bk-color-border-control));
    border-radius: var(--_bk-radius-l);
    cursor: pointer;
  }
  [part='control'].over {
    border-color: var(--_bk-color-primary);
    border-style: solid;
  }
  [part='control']:focus-within {
    outline: 2px solid var(--_bk-color-focus);
    outline-offset: 2px;
  }
  [part='control'][aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input {
    position: absolute;
    inset: 0;
    opacity: 0;
    inline-size: 100%;
    block-size: 100%;
    cursor: inherit;
  }
  .instructions {
    color: var(--_bk-color-primary);
    font-weight: var(--_bk-font-weight-strong);
  }
  [part='hint'],
  .constraints {
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
  [part='hint']:empty {
    display: none;
  }
  [part='error'] {
    color: var(--_bk-color-danger);
    font-size: var(--_bk-font-size-s);
    font-weight: var(--_bk-font-weight-strong);
  }
  [part='error']:empty {
    display: none;
  }
  [part='preview'] {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-2);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part='preview'] li {
    display: flex;
    align-items: center;
    gap: var(--_bk-space-3);
    padding: var(--_bk-space-2);
    border: 1px solid var(--_bk-color-border);
    border-radius: var(--_bk-radius-m);
  }
  [part='preview'] img {
    inline-size: 3rem;
    block-size: 3rem;
    object-fit: cover;
    border-radius: var(--_bk-radius-s);
  }
  .file-icon {
    display: grid;
    place-items: center;
    inline-size: 3rem;
    block-size: 3rem;
    font-size: var(--_bk-font-size-s);
    color: var(--_bk-color-text-muted);
    background: var(--_bk-color-surface-raised);
    border-radius: var(--_bk-radius-s);
  }
  .file-name {
    flex: 1;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .remove {
    min-block-size: 2.25rem;
    padding-inline: var(--_bk-space-3);
    font: inherit;
    font-size: var(--_bk-font-size-s);
    color: var(--_bk-color-danger);
    background: transparent;
    border: 1px solid currentColor;
    border-radius: var(--_bk-radius-m);
    cursor: pointer;
  }
`;
