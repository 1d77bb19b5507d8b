import { css } from 'lit';

export const loginStyles = css`
  bk-login .bk-auth-links > span {
    display: inline-flex;
    flex-wrap: wrap;
    gap: var(--_bk-space-2);
  }
`;
