import { css } from 'lit';

export const accountCreateStyles = css`
  bk-account-create .bk-auth-subheading {
    font-size: var(--_bk-font-size-m);
    font-weight: var(--_bk-font-weight-strong);
    margin: 0 0 var(--_bk-space-2);
  }
`;
