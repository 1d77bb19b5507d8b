import { css } from 'lit';

export const passwordResetStyles = css`
  bk-password-reset > bk-screen > .bk-auth-links {
    margin-block-start: var(--_bk-space-4);
  }
`;
