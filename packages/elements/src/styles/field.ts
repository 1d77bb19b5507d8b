import { css } from 'lit';
import { tokensFor } from './tokens.ts';

/**
 * Styles of the light-DOM fields (bk-input, bk-textarea), adopted once into the root node they live in.
 * The page's ordinary element rules (`label {…}`, `input {…}`, `button {…}`) must not reshape them: each part's
 * rule outranks a bare element selector and starts from `all: revert` (the browser's own style). A broker
 * themes them through the tokens (`--bk-input-*`, `--bk-color-*`) or a more specific selector such as
 * `bk-login bk-input [part~='control']`.
 */
export const fieldStyles = css`
  ${tokensFor(':where(bk-input, bk-textarea)')}
  :is(bk-input, bk-textarea) {
    display: block;
    text-align: start;
    letter-spacing: normal;
    text-transform: none;
    font-size: var(--_bk-font-size-m);
    font-weight: var(--_bk-font-weight-normal);
    font-family: var(--_bk-font-family);
    line-height: var(--_bk-font-line-height);
    color: var(--_bk-color-text);
  }
  :is(bk-input, bk-textarea)[hidden] {
    display: none;
  }
  :is(bk-input, bk-textarea) :is([part~='base']) {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-1);
  }
  :is(bk-input, bk-textarea) :is([part~='label']) {
    all: revert;
    font-weight: var(--_bk-font-weight-strong);
    font-size: var(--_bk-font-size-s);
  }
  :is(bk-input, bk-textarea) :is(.bk-field-box) {
    position: relative;
    display: flex;
    align-items: center;
  }
  :is(bk-input, bk-textarea) :is([part~='control']) {
    all: revert;
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
  :is(bk-input, bk-textarea) :is(textarea[part~='control']) {
    resize: vertical;
  }
  :is(bk-input, bk-textarea) :is([part~='control']):focus-visible {
    outline: 2px solid var(--_bk-color-focus);
    outline-offset: 1px;
  }
  :is(bk-input, bk-textarea) :is([part~='control'][aria-invalid='true']) {
    border-color: var(--_bk-color-danger);
    border-width: 2px;
  }
  :is(bk-input, bk-textarea) :is([part~='control']):disabled {
    opacity: 0.6;
    cursor: not-allowed;
  }
  :is(bk-input) :is(.bk-field-box.has-end) [part~='control'] {
    padding-inline-end: calc(var(--_bk-control-height) + var(--_bk-space-1));
  }
  :is(bk-input) :is([part~='toggle']) {
    all: revert;
  }
  :is(bk-input) :is([part~='toggle'], .bk-field-affix) {
    position: absolute;
    inset-inline-end: var(--_bk-space-1);
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-inline-size: calc(var(--_bk-control-height) - var(--_bk-space-2));
    block-size: calc(var(--_bk-control-height) - var(--_bk-space-2));
  }
  :is(bk-input) :is([part~='toggle']) {
    padding: 0;
    color: var(--_bk-color-text-muted);
    background: transparent;
    border: 0;
    border-radius: var(--_bk-radius-s);
    cursor: pointer;
  }
  :is(bk-input) :is([part~='toggle']):focus-visible {
    outline: 2px solid var(--_bk-color-focus);
  }
  :is(bk-input) :is(.bk-field-affix) {
    color: var(--_bk-color-text-muted);
    pointer-events: none;
  }
  :is(bk-input, bk-textarea) :is([part~='hint']) {
    all: revert;
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
  :is(bk-input, bk-textarea) :is([part~='error']) {
    all: revert;
    color: var(--_bk-color-danger);
    font-size: var(--_bk-font-size-s);
    font-weight: var(--_bk-font-weight-strong);
  }
  :is(bk-input, bk-textarea) :is([part~='hint'], [part~='error']):empty {
    display: none;
  }
  :is(bk-input, bk-textarea) :is(.bk-field-count) {
    align-self: flex-end;
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
`;
