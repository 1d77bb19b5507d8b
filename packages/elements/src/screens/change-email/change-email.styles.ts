import { css } from 'lit';

export const changeEmailStyles = css`
  bk-change-email .bk-auth-form {
    max-inline-size: 32rem;
  }
`;
