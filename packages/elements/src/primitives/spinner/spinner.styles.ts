import { css } from 'lit';

export const spinnerStyles = css`
  :host {
    display: inline-flex;
    vertical-align: middle;
  }
  .ring {
    display: block;
    inline-size: var(--bk-spinner-size, 1.5em);
    block-size: var(--bk-spinner-size, 1.5em);
    box-sizing: border-box;
    border-radius: 50%;
    border: 0.2em solid color-mix(in srgb, currentColor 25%, transparent);
    border-block-start-color: var(--bk-spinner-color, var(--_bk-color-primary));
    animation: spin 0.8s linear infinite;
  }
  @media (prefers-reduced-motion: reduce) {
    .ring {
      animation-duration: 2.4s;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
`;
