import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ContextConsumer } from '@lit/context';
import { BrokerKitError, type BackendAdapter, type InAppAction, type ValidatedToken } from '@broker-kit/core';
import { adapterContext } from '../context.ts';
import type { PendingValidation, ValidationOutcome } from './pending-validation.ts';

export const otSessionStates = ['idle', 'validating', 'ready', 'error'] as const;
export type OtSessionState = (typeof otSessionStates)[number];

/** What an in-app screen exposes to the controller: the hosted shell sets these as properties. */
export type OtSessionHost = ReactiveControllerHost &
  HTMLElement & {
    token?: string | undefined;
    account?: number | undefined;
    adapter?: BackendAdapter | undefined;
    /** A validation of `token` the page already started (the hosted shell's); adopted instead of a new call. */
    validation?: PendingValidation | undefined;
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
 * When the host's `validation` property holds a `PendingValidation` for its action (the hosted shell starts the
 * call before the screen's code has loaded), the controller adopts that call when the host connects instead of
 * making its own, with the same states and errors. If it has already answered, the host's first update renders
 * the outcome. A retry, or a reconnect after a disconnect aborted it, validates `token` anew.
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
    // Before the first update, so that a validation that has already answered renders without a loading pass.
    this.adopt();
    // A reconnect after an aborted validation has nothing else that would schedule an update.
    if (this.state === 'idle') this.host.requestUpdate();
  }

  hostUpdate() {
    if (this.state === 'idle' && !this.adopt()) void this.start();
  }

  hostDisconnected() {
    if (this.state !== 'validating') return;
    // A detached screen no longer needs the answer; a reconnect starts over with the same token.
    this.abort?.abort();
    this.abort = undefined;
    this.state = 'idle';
  }

  /** Takes over the host's pending validation, if it has one for this action that no one has taken yet. */
  private adopt(): boolean {
    const pending = this.host.validation;
    if (this.state !== 'idle' || pending?.action !== this.action) return false;
    const result = pending.claim();
    if (!result) return false;
    const abort = new AbortController();
    abort.signal.addEventListener('abort', () => pending.abort(), { once: true });
    this.abort = abort;
    this.state = 'validating';
    const outcome = pending.outcome;
    if (outcome) this.settle(abort, this.outcomeOf(outcome));
    else
      result.then(
        (session) => this.settle(abort, this.outcomeOf({ session })),
        (error: unknown) => !abort.signal.aborted && this.settle(abort, this.outcomeOf({ error })),
      );
    return true;
  }

  private outcomeOf(outcome: ValidationOutcome) {
    return 'session' in outcome
      ? { session: outcome.session, resumed: false }
      : { error: toBrokerKitError(outcome.error) };
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
