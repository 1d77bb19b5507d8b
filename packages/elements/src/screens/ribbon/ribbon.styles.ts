import { css } from 'lit';

export const ribbonStyles = css`
  :host {
    display: block;
  }
  .ribbon {
    display: flex;
    align-items: center;
    gap: var(--_bk-space-3);
    min-block-size: var(--_bk-control-height);
    padding-block: var(--_bk-space-2);
    padding-inline: var(--_bk-space-4) var(--_bk-space-2);
    background: var(--_bk-ribbon-background);
    color: var(--_bk-ribbon-color);
    border-radius: var(--bk-ribbon-radius, 0);
    font-weight: var(--_bk-font-weight-strong);
  }
  .title {
    flex: 1;
    margin: 0;
    overflow-wrap: anywhere;
  }
  .title a {
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  .ribbon :focus-visible {
    outline: 2px solid var(--_bk-ribbon-color);
    outline-offset: 2px;
  }
  .close {
    flex: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    inline-size: var(--_bk-control-height);
    block-size: var(--_bk-control-height);
    padding: 0;
    font: inherit;
    font-size: var(--_bk-font-size-l);
    line-height: 1;
    color: inherit;
    background: transparent;
    border: 0;
    border-radius: var(--_bk-radius-m);
    cursor: pointer;
  }
  .notice {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-2);
  }
`;
