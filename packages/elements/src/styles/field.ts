import { css } from 'lit';
import { tokensFor } from './tokens.ts';

/**
 * Styles of the light-DOM fields (bk-input, bk-textarea), adopted once into the root node they live in.
 * Selectors sit in :where() so a broker's own rules win without a fight over specificity.
 */
export const fieldStyles = css`
  ${tokensFor(':where(bk-input, bk-textarea)')}
  :where(bk-input, bk-textarea) {
    display: block;
    font-family: var(--_bk-font-family);
    line-height: var(--_bk-font-line-height);
    color: var(--_bk-color-text);
  }
  :where(bk-input, bk-textarea)[hidden] {
    display: none;
  }
  :where(bk-input, bk-textarea) :where([part~='base']) {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-1);
  }
  :where(bk-input, bk-textarea) :where([part~='label']) {
    font-weight: var(--_bk-font-weight-strong);
    font-size: var(--_bk-font-size-s);
  }
  :where(bk-input, bk-textarea) :where(.bk-field-box) {
    position: relative;
    display: flex;
    align-items: center;
  }
  :where(bk-input, bk-textarea) :where([part~='control']) {
    box-sizing: border-box;
    inline-size: 100%;
    min-block-size: var(--bk-input-height, var(--_bk-control-height));
    margin: 0;
    padding-block: var(--_bk-space-2);
    padding-inline: var(--_bk-space-3);
    font: inherit;
    color: var(--bk-input-color, var(--_bk-color-text));
    background: var(--bk-input-background, var(--_bk-color-surface));
    border: 1px solid var(--bk-input-border-color, var(--_bk-color-border-control));
    border-radius: var(--bk-input-radius, var(--_bk-radius-m));
  }
  :where(bk-input, bk-textarea) :where(textarea[part~='control']) {
    resize: vertical;
  }
  :where(bk-input, bk-textarea) :where([part~='control']):focus-visible {
    outline: 2px solid var(--_bk-color-focus);
    outline-offset: 1px;
  }
  :where(bk-input, bk-textarea) :where([part~='control'][aria-invalid='true']) {
    border-color: var(--_bk-color-danger);
    border-width: 2px;
  }
  :where(bk-input, bk-textarea) :where([part~='control']):disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :where(bk-input) :where(.bk-field-box.has-end) [part~='control'] {
    padding-inline-end: calc(var(--_bk-control-height) + var(--_bk-space-1));
  }
  :where(bk-input) :where([part~='toggle'], .bk-field-affix) {
    position: absolute;
    inset-inline-end: var(--_bk-space-1);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-inline-size: calc(var(--_bk-control-height) - var(--_bk-space-2));
    block-size: calc(var(--_bk-control-height) - var(--_bk-space-2));
  }
  :where(bk-input) :where([part~='toggle']) {
    padding: 0;
    color: var(--_bk-color-text-muted);
    background: transparent;
    border: 0;
    border-radius: var(--_bk-radius-s);
    cursor: pointer;
  }
  :where(bk-input) :where([part~='toggle']):focus-visible {
    outline: 2px solid var(--_bk-color-focus);
  }
  :where(bk-input) :where(.bk-field-affix) {
    color: var(--_bk-color-text-muted);
    pointer-events: none;
  }
  :where(bk-input, bk-textarea) :where([part~='hint']) {
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
  :where(bk-input, bk-textarea) :where([part~='error']) {
    color: var(--_bk-color-danger);
    font-size: var(--_bk-font-size-s);
    font-weight: var(--_bk-font-weight-strong);
  }
  :where(bk-input, bk-textarea) :where([part~='hint'], [part~='error']):empty {
    display: none;
  }
  :where(bk-input, bk-textarea) :where(.bk-field-count) {
    align-self: flex-end;
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
`;
