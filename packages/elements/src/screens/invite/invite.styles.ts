import { css } from 'lit';

export const inviteStyles = css`
  .field {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-1);
  }
  .label {
    font-weight: var(--_bk-font-weight-strong);
    font-size: var(--_bk-font-size-s);
  }
  .value {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_bk-space-2);
  }
  .value code {
    flex: 1 1 12rem;
    padding: var(--_bk-space-2) var(--_bk-space-3);
    background: var(--_bk-color-surface-raised);
    border: 1px solid var(--_bk-color-border);
    border-radius: var(--_bk-radius-m);
    overflow-wrap: anywhere;
    font-size: var(--_bk-font-size-s);
  }
  .qr {
    inline-size: min(14rem, 100%);
    block-size: auto;
    align-self: center;
    border-radius: var(--_bk-radius-m);
  }
  .qr-pending {
    aspect-ratio: 1;
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr));
    gap: var(--_bk-space-3);
    margin: 0;
  }
  .stats div {
    padding: var(--_bk-space-3);
    border: 1px solid var(--_bk-color-border);
    border-radius: var(--_bk-radius-m);
  }
  .stats dt {
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
  .stats dd {
    margin: 0;
    font-size: var(--_bk-font-size-xl);
    font-weight: var(--_bk-font-weight-strong);
  }
`;
