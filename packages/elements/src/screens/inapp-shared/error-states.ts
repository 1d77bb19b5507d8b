import { html } from 'lit';
import type { BrokerKitError, ErrorCode } from '@broker-kit/core';
import '../../primitives/alert/define.ts';
import '../../primitives/button/define.ts';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface ErrorStateHandlers {
  /** The way out: back to the app. */
  onBack: () => void;
  /** Offered only where a retry can help. */
  onRetry?: (() => void) | undefined;
  /** A line under the message (e.g. that retrying never pays twice). */
  retryHint?: string;
  /** Texts that replace the generic ones of the error's code. */
  texts?: { title: string; message: string };
  /** Seconds before the retry may go (RATE_LIMITED): until then it is disabled and counts down. */
  retryIn?: number;
}

/** Codes about the one-time token itself: each has its own in-app explanation; none is cured by a retry. */
export const tokenErrorCodes = [
  'MISSING_REQUIRED_PARAMETER',
  'INVALID_OT_TOKEN',
  'TOKEN_EXPIRED',
  'USER_NOT_FOUND',
  'CID_TOKEN_EXPIRED',
  'CID_NON_EXISTED_TOKEN',
] as const satisfies readonly ErrorCode[];

/**
 * An error in a role="alert" region: localized title and message of its code, "Try again" where a retry can
 * help, and always the way back to the app.
 */
export function errorAlertTemplate(t: Translate, error: BrokerKitError, handlers: ErrorStateHandlers) {
  const { title, message } = handlers.texts ?? {
    title: t(`errors:${error.code}.title`),
    message: t(`errors:${error.code}.message`),
  };
  return html`<bk-alert variant="error" heading=${title} data-code=${error.code}>
    <p>${message}</p>
    ${handlers.onRetry && handlers.retryHint ? html`<p>${handlers.retryHint}</p>` : null}
    <div slot="actions" class="bk-actions">
      ${
        handlers.onRetry
          ? html`<bk-button variant="primary" data-retry ?disabled=${!!handlers.retryIn} @click=${handlers.onRetry}
              >${handlers.retryIn ? t('common:retryIn', { count: handlers.retryIn }) : t('common:retry')}</bk-button
            >`
          : null
      }
      <bk-button variant=${handlers.onRetry ? 'secondary' : 'primary'} data-back @click=${handlers.onBack}
        >${t('inapp:backToApp')}</bk-button
      >
    </div>
  </bk-alert>`;
}

/**
 * The error state of an in-app screen whose one-time token could not open a session: an in-app explanation
 * per token code (used, expired, unknown, missing), a retry only for network, timeout and server errors.
 */
export function tokenErrorTemplate(t: Translate, error: BrokerKitError, handlers: ErrorStateHandlers) {
  const key = (tokenErrorCodes as readonly string[]).includes(error.code)
    ? error.code
    : error.retryable
      ? 'retryable'
      : undefined;
  const texts = key
    ? { title: t(`inapp:tokenError.${key}.title`), message: t(`inapp:tokenError.${key}.message`) }
    : undefined;
  return errorAlertTemplate(t, error, { ...handlers, texts: handlers.texts ?? texts });
}
