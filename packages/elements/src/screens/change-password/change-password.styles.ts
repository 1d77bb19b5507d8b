import { css } from 'lit';

export const changePasswordStyles = css`
  bk-change-password .bk-auth-form {
    max-inline-size: 32rem;
  }
`;
