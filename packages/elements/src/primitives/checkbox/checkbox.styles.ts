import { css } from 'lit';

export const checkboxStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-1);
  }
  label {
    display: flex;
    align-items: flex-start;
    gap: var(--_bk-space-2);
    cursor: pointer;
  }
  [part='control'] {
    flex: none;
    inline-size: var(--bk-checkbox-size, 1.25rem);
    block-size: var(--bk-checkbox-size, 1.25rem);
    margin: 0.125rem 0 0;
    accent-color: var(--bk-checkbox-accent, var(--_bk-color-primary));
    cursor: inherit;
  }
  :host([disabled]) label {
    opacity: 0.6;
    cursor: not-allowed;
  }
  [part='error'] {
    color: var(--_bk-color-danger);
    font-size: var(--_bk-font-size-s);
    font-weight: var(--_bk-font-weight-strong);
  }
  [part='error']:empty {
    display: none;
  }
`;
