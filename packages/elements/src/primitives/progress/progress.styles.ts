import { css } from 'lit';

export const progressStyles = css`
  :host {
    display: block;
  }
  [part='base'] {
    position: relative;
    overflow: hidden;
    block-size: var(--bk-progress-height, 0.5rem);
    background: var(--bk-progress-track, var(--_bk-color-border));
    border-radius: var(--_bk-radius-full);
  }
  [part='indicator'] {
    position: absolute;
    inset-block: 0;
    inset-inline-start: 0;
    background: var(--bk-progress-color, var(--_bk-color-primary));
    border-radius: inherit;
    transition: inline-size 0.2s;
  }
  .indeterminate [part='indicator'] {
    inline-size: 40%;
    animation: slide 1.2s ease-in-out infinite;
  }
  :host(:dir(rtl)) .indeterminate [part='indicator'] {
    animation-direction: reverse;
  }
  @keyframes slide {
    from {
      inset-inline-start: -40%;
    }
    to {
      inset-inline-start: 100%;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .indeterminate [part='indicator'] {
      animation-duration: 3s;
    }
  }
`;
