import { css } from 'lit';

export const chatStyles = css`
  .chat {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-3);
  }
  .status-line {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: var(--_bk-space-2);
  }
  .connection::before {
    content: '';
    display: inline-block;
    inline-size: 0.6em;
    block-size: 0.6em;
    margin-inline-end: var(--_bk-space-2);
    border-radius: 50%;
    background: var(--_bk-color-warning);
  }
  .connection[data-state='open']::before {
    background: var(--_bk-color-success);
  }
  .connection[data-state='offline']::before {
    background: var(--_bk-color-danger);
  }
  .log {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-2);
    max-block-size: var(--bk-chat-height, 60dvh);
    min-block-size: 12rem;
    overflow-y: auto;
    padding: var(--_bk-space-2);
    border: 1px solid var(--_bk-color-border);
    border-radius: var(--_bk-radius-l);
  }
  .message {
    max-inline-size: 85%;
    padding: var(--_bk-space-2) var(--_bk-space-3);
    border-radius: var(--_bk-radius-l);
    background: var(--_bk-color-surface-raised);
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .message.user {
    align-self: flex-end;
    background: var(--_bk-color-info-surface);
  }
  .message.system {
    align-self: center;
    background: transparent;
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
  }
  .message.failed {
    border: 2px solid var(--_bk-color-danger);
  }
  .meta {
    display: block;
    font-size: var(--_bk-font-size-s);
    color: var(--_bk-color-text-muted);
  }
  .problem {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_bk-space-2);
    color: var(--_bk-color-danger);
    font-size: var(--_bk-font-size-s);
    font-weight: var(--_bk-font-weight-strong);
  }
  .marker {
    display: flex;
    align-items: center;
    gap: var(--_bk-space-2);
    color: var(--_bk-color-danger);
    font-size: var(--_bk-font-size-s);
    font-weight: var(--_bk-font-weight-strong);
  }
  .marker::before,
  .marker::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid currentColor;
  }
  .composer {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-2);
  }
`;
