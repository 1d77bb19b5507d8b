import { css, unsafeCSS } from 'lit';
import { tokensFor } from '../../styles/tokens.ts';

// The SSO screens render in light DOM, so every rule is scoped by their tag names.
const screens = unsafeCSS('bk-login, bk-account-create, bk-password-reset, bk-change-password, bk-change-email');

export const authStyles = css`
  ${tokensFor(`:is(${screens.cssText})`)}
  :is(${screens}) {
    display: block;
    /* What the page would otherwise hand down (a centred app root, its own letter spacing and size). */
    text-align: start;
    letter-spacing: normal;
    text-transform: none;
    font-size: var(--_bk-font-size-m);
    color: var(--_bk-color-text);
    font-family: var(--_bk-font-family);
    line-height: var(--_bk-font-line-height);
  }
  :is(${screens}) .bk-auth-form {
    display: flex;
    flex-direction: column;
    gap: var(--_bk-space-4);
    margin: 0;
  }
  :is(${screens}) .bk-auth-pair {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
    gap: var(--_bk-space-4);
  }
  :is(${screens}) .bk-auth-submit {
    display: block;
    inline-size: 100%;
  }
  :is(${screens}) .bk-auth-muted {
    color: var(--_bk-color-text-muted);
    font-size: var(--_bk-font-size-s);
    margin: 0;
  }
  :is(${screens}) .bk-auth-links {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: var(--_bk-space-3);
    margin: 0;
  }
  :is(${screens}) .bk-auth-link {
    color: var(--_bk-color-link);
    text-decoration: underline;
    text-underline-offset: 0.15em;
    background: none;
    border: 0;
    padding: 0;
    min-block-size: 1.5rem;
    font: inherit;
    cursor: pointer;
  }
  :is(${screens}) .bk-auth-link:focus-visible {
    outline: 2px solid var(--_bk-color-focus);
    outline-offset: 2px;
  }
  :is(${screens}) .bk-auth-strength {
    display: flex;
    align-items: center;
    gap: var(--_bk-space-3);
    font-size: var(--_bk-font-size-s);
    margin-block-start: calc(-1 * var(--_bk-space-2));
  }
  :is(${screens}) .bk-auth-strength-bar {
    flex: 0 0 6rem;
    block-size: 0.375rem;
    border-radius: var(--_bk-radius-full);
    background: var(--_bk-color-border);
    overflow: hidden;
  }
  :is(${screens}) .bk-auth-strength-bar::after {
    content: '';
    display: block;
    block-size: 100%;
    inline-size: var(--_bk-strength, 0%);
    background: var(--_bk-strength-color, var(--_bk-color-danger));
  }
  :is(${screens}) [data-level='weak'] {
    --_bk-strength: 25%;
  }
  :is(${screens}) [data-level='fair'] {
    --_bk-strength: 50%;
    --_bk-strength-color: var(--_bk-color-warning);
  }
  :is(${screens}) [data-level='good'] {
    --_bk-strength: 75%;
    --_bk-strength-color: var(--_bk-color-success);
  }
  :is(${screens}) [data-level='strong'] {
    --_bk-strength: 100%;
    --_bk-strength-color: var(--_bk-color-success);
  }
  :is(${screens}) .bk-auth-details {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: var(--_bk-space-2) var(--_bk-space-4);
    margin: 0;
  }
  :is(${screens}) .bk-auth-details dt {
    color: var(--_bk-color-text-muted);
  }
  :is(${screens}) .bk-auth-details dd {
    margin: 0;
    overflow-wrap: break-word;
  }
  /* An e-mail address stays whole: on a narrow screen each value goes under its label. */
  @media (max-width: 30rem) {
    :is(${screens}) .bk-auth-details {
      grid-template-columns: minmax(0, 1fr);
      gap: 0;
    }
    :is(${screens}) .bk-auth-details dd + dt {
      margin-block-start: var(--_bk-space-2);
    }
  }
`;
