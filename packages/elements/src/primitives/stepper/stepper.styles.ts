import { css } from 'lit';

export const stepperStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_active: var(--bk-stepper-active, var(--_bk-color-primary));
  }
  [part='base'] {
    display: flex;
    gap: var(--_bk-space-2);
    margin: 0;
    padding: 0;
    list-style: none;
    counter-reset: step;
  }
  [part~='step'] {
    flex: 1 1 0;
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-1);
    min-inline-size: 0;
    padding-block-start: var(--_bk-space-2);
    border-block-start: 4px solid var(--_bk-color-border);
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
  [part~='step'].done,
  [part~='step'][aria-current='step'] {
    border-color: var(--_active);
    color: var(--_bk-color-text);
  }
  [part~='step'][aria-current='step'] {
    font-weight: var(--_bk-font-weight-strong);
  }
  [part='marker'] {
    color: var(--_bk-color-text-muted);
  }
  .label {
    overflow-wrap: break-word;
    hyphens: auto;
  }
  /* Too narrow for every label (320 px, long German words): only the current step keeps its label on screen;
     the others keep theirs for screen readers. */
  @container (max-width: 28rem) {
    [part~='step']:not([aria-current='step']) .label {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    [part~='step'][aria-current='step'] {
      flex-grow: 4;
    }
  }
  .done [part='marker'],
  [aria-current='step'] [part='marker'] {
    color: var(--_active);
  }
`;
