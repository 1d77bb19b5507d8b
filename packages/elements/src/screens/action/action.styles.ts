import { css } from 'lit';

export const actionStyles = css`
  form {
    max-inline-size: 40rem;
  }
`;
