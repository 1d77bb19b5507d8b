import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextConsumer } from '@lit/context';
import { BrokerKitError, type BackendAdapter, type InAppAction, type ValidatedToken } from '@broker-kit/core';
import { adapterContext } from '../context.ts';

export const otSessionStates = ['idle', 'validating', 'ready', 'error'] as const;
export type OtSessionState = (typeof otSessionStates)[number];

/** What an in-app screen exposes to the controller: the hosted shell sets these as properties. */
export type OtSessionHost = ReactiveControllerHost &
  HTMLElement & {
    token?: string | undefined;
    account?: number | undefined;
    adapter?: BackendAdapter | undefined;
  };

export interface OtSessionOptions {
  action: InAppAction;
}

/**
 * The one-time token lifecycle of every in-app screen.
 *
 * The token arrives as the host's `token` property (the hosted shell has already taken it out of the address
 * bar). On the host's first update the controller validates it once through `adapter.validateToken`, then
 * keeps the resulting session for the rest of the visit: re-renders, reconnects and language changes never
 * validate again. It keeps no reference to the token once the call has settled.
 *
 * Without a token, the controller asks the adapter whether this visit already holds a session (a reload of
 * the page after validation: the token is gone from the address bar by then) and resumes it; otherwise the
 * state is `error` with code MISSING_REQUIRED_PARAMETER.
 *
 * States: `idle` → `validating` → `ready` (`.session`) or `error` (`.error`). `retry()` runs again only
 * where a retry can help (network, timeout, server errors): a used or expired token never becomes valid.
 */
export class OtSessionController implements ReactiveController {
  state: OtSessionState = 'idle';
  session: ValidatedToken | undefined;
  error: BrokerKitError | undefined;
  /** True when the session was resumed from the backend (reload) rather than opened with a token. */
  resumed = false;

  private readonly host: OtSessionHost;
  private readonly action: InAppAction;
  private readonly adapterConsumer: ContextConsumer<typeof adapterContext, OtSessionHost>;
  private abort: AbortController | undefined;

  constructor(host: OtSessionHost, options: OtSessionOptions) {
    this.host = host;
    this.action = options.action;
    this.adapterConsumer = new ContextConsumer(host, {
      context: adapterContext,
      subscribe: true,
      callback: () => host.requestUpdate(),
    });
    host.addController(this);
  }

  /** The adapter in use: the host's explicit property wins over the context. */
  get adapter(): BackendAdapter | undefined {
    return this.host.adapter ?? this.adapterConsumer.value;
  }

  /** Whether `retry()` can help with the current error. */
  get canRetry(): boolean {
    return this.state === 'error' && this.error?.retryable === true;
  }

  /** Runs the validation again after a retryable error; returns whether it did. */
  retry(): boolean {
    if (!this.canRetry) return false;
    this.state = 'idle';
    this.error = undefined;
    this.host.requestUpdate();
    return true;
  }

  hostConnected() {
    // A reconnect after an aborted validation has nothing else that would schedule an update.
    if (this.state === 'idle') this.host.requestUpdate();
  }

  hostUpdate() {
    if (this.state === 'idle') void this.start();
  }

  hostDisconnected() {
    if (this.state !== 'validating') return;
    // A detached screen no longer needs the answer; a reconnect starts over with the same token.
    this.abort?.abort();
    this.abort = undefined;
    this.state = 'idle';
  }

  private async start() {
    const adapter = this.adapter;
    if (!adapter) return; // wait for a property or a context provider to bring one
    const abort = new AbortController();
    this.abort = abort;
    this.state = 'validating';
    const token = this.host.token?.trim();
    try {
      if (token) {
        const session = await adapter.validateToken(
          { token, action: this.action, account: this.host.account },
          { signal: abort.signal },
        );
        this.settle(abort, { session, resumed: false });
      } else {
        this.settle(abort, { session: await this.resume(adapter, abort.signal), resumed: true });
      }
    } catch (cause) {
      if (abort.signal.aborted) return;
      this.settle(abort, { error: toBrokerKitError(cause) });
    }
  }

  /** A visit that already validated its token (then reloaded) still holds a backend session. */
  private async resume(adapter: BackendAdapter, signal: AbortSignal): Promise<ValidatedToken> {
    let profile;
    try {
      profile = await adapter.currentUser({ signal });
    } catch (cause) {
      const error = toBrokerKitError(cause);
      if (error.retryable || signal.aborted) throw cause;
      throw new BrokerKitError('MISSING_REQUIRED_PARAMETER', 'The token parameter is missing');
    }
    const account = profile.accounts.find((candidate) => candidate.login === this.host.account);
    return {
      valid: true,
      userId: profile.userId,
      email: profile.email,
      tradingLogin: account?.login,
      expiresAt: new Date().toISOString(),
      action: this.action,
      profile,
    };
  }

  private settle(
    abort: AbortController,
    outcome: { session: ValidatedToken; resumed: boolean } | { error: BrokerKitError },
  ) {
    if (this.abort !== abort) return; // a newer run or a disconnect superseded this one
    this.abort = undefined;
    if ('session' in outcome) {
      this.state = 'ready';
      this.session = outcome.session;
      this.resumed = outcome.resumed;
      this.error = undefined;
    } else {
      this.state = 'error';
      this.error = outcome.error;
    }
    this.host.requestUpdate();
  }
}

function toBrokerKitError(cause: unknown): BrokerKitError {
  return cause instanceof BrokerKitError ? cause : new BrokerKitError('UNKNOWN_ERROR', undefined, { cause });
}
