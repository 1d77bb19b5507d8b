import { css } from 'lit';

export const screenFrameStyles = css`
  :host {
    display: block;
    min-block-size: 100%;
    background: var(--bk-screen-background, var(--_bk-color-surface));
    color: var(--_bk-color-text);
  }
  [part='base'] {
    box-sizing: border-box;
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-5);
    max-inline-size: var(--bk-screen-max-width, 28rem);
    margin-inline: auto;
    padding: var(--bk-screen-padding, var(--_bk-space-5) var(--_bk-space-4));
  }
  [part='header'] {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: var(--_bk-space-3);
  }
  [part='header'].empty {
    display: none;
  }
  [part='brand'] {
    display: flex;
    align-items: center;
    gap: var(--_bk-space-2);
    font-weight: var(--_bk-font-weight-strong);
  }
  [part='brand'] img {
    block-size: var(--bk-screen-logo-height, 2rem);
    inline-size: auto;
  }
  [part='close'] {
    display: inline-flex;
    align-items: center;
    gap: var(--_bk-space-1);
    min-block-size: var(--_bk-control-height);
    margin-inline-start: auto;
    padding-inline: var(--_bk-space-3);
    font: inherit;
    color: var(--_bk-color-primary);
    background: transparent;
    border: 1px solid var(--_bk-color-border);
    border-radius: var(--_bk-radius-m);
    cursor: pointer;
  }
  [part='close'] svg {
    transform: scaleX(var(--_flip, 1));
  }
  :host(:dir(rtl)) {
    --_flip: -1;
  }
  .titles {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-2);
  }
  [part='heading'] {
    margin: 0;
    font-family: var(--_bk-font-family-heading);
    font-weight: var(--_bk-font-weight-heading);
    font-size: var(--_bk-font-size-xl);
    line-height: 1.25;
  }
  [part='subheading'] {
    margin: 0;
    color: var(--_bk-color-text-muted);
  }
  [part='body'] {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-4);
  }
  .loading {
    display: flex;
    justify-content: center;
    padding-block: var(--_bk-space-6);
    --bk-spinner-size: 2.5rem;
  }
  [part='footer'] {
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
  [part='footer'].empty {
    display: none;
  }
`;
