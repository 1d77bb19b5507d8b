import { css } from 'lit';

export const ctraderWebStyles = css`
  :host {
    display: block;
  }
  .container {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-2);
    inline-size: 100%;
    background: var(--_bk-color-surface);
    color: var(--_bk-color-text);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: var(--_bk-space-2);
  }
  .placeholder {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_bk-space-4);
    padding: var(--_bk-space-5);
    text-align: center;
    min-block-size: var(--bk-ctrader-web-placeholder-height, 16rem);
    border: 1px solid var(--_bk-color-border);
    border-radius: var(--_bk-radius-l);
  }
  iframe {
    display: block;
    inline-size: 100%;
    /* Fills the viewport on phones, stays a comfortable panel on wide screens. */
    block-size: var(--bk-ctrader-web-height, clamp(28rem, 80dvh, 60rem));
    border: 0;
    border-radius: var(--_bk-radius-m);
  }
  .container:fullscreen {
    padding: var(--_bk-space-2);
    box-sizing: border-box;
  }
  .container:fullscreen iframe {
    block-size: auto;
    flex: 1;
  }
  p {
    margin: 0;
  }
`;
