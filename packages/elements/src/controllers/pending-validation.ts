// No Lit and no runtime import of core here: the hosted shell imports this module into its entry chunk.
import type { BackendAdapter, InAppAction, ValidatedToken, ValidateTokenRequest } from '@broker-kit/core';

/** How a handed-over validation ended, readable without waiting once it has. */
export type ValidationOutcome = { session: ValidatedToken } | { error: unknown };

/**
 * A one-time token validation started before its screen exists. The hosted shell starts it as soon as it knows the
 * backend, so the round trip runs while the screen's code and texts load, and sets it as the screen's
 * `validation` property; the screen's `OtSessionController` then adopts it instead of validating the token itself.
 *
 * One screen adopts it, once (`claim()`); a retry, a reconnect after a disconnect, or any other element
 * validates on its own with the token it was given. It keeps no token: the request holds it until sent.
 */
export class PendingValidation {
  readonly action: InAppAction;
  /** Set when the backend has answered (or the call failed), so a screen that connects later starts settled. */
  outcome: ValidationOutcome | undefined;

  private readonly abortController = new AbortController();
  private readonly result: Promise<ValidatedToken>;
  private claimed = false;

  constructor(adapter: BackendAdapter, request: ValidateTokenRequest & { action: InAppAction }) {
    this.action = request.action;
    this.result = adapter.validateToken(request, { signal: this.abortController.signal });
    // Also marks the promise as handled: a shell that never creates the screen must not log a rejection.
    this.result.then(
      (session) => (this.outcome = { session }),
      (error: unknown) => (this.outcome = { error }),
    );
  }

  /** The call, for the one screen that takes it over; undefined once taken or aborted. */
  claim(): Promise<ValidatedToken> | undefined {
    if (this.claimed || this.abortController.signal.aborted) return undefined;
    this.claimed = true;
    return this.result;
  }

  /** Cancels the call (the screen went away before the answer); the result rejects with an AbortError. */
  abort(): void {
    this.abortController.abort();
  }
}
