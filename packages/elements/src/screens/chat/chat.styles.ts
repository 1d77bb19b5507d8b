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
    /* Leaves room for the composer below, so Send stays on screen on a phone. */
    max-block-size: var(--bk-chat-height, calc(100dvh - 20rem));
    min-block-size: 10rem;
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
    overflow-wrap: anywhere;
  }
  /* Only the message's own text keeps its line breaks; the template's indentation around it must not show. */
  .text {
    display: block;
    white-space: pre-wrap;
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
    align-items: flex-end;
    gap: var(--_bk-space-2);
  }
  .composer bk-textarea {
    flex: 1;
    min-inline-size: 0;
  }
`;
