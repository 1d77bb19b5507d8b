import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BrokerKitError } from '@broker-kit/core';

export interface BackendDraftOptions<Draft> {
  /** Sends the whole draft to the backend (an idempotent replace). */
  save: (draft: Draft, signal: AbortSignal) => Promise<void>;
  /** Quiet time after the last change before the draft is sent. */
  delayMs?: number;
  /** Wait before sending again after a failure a retry can cure (network, timeout, server error). */
  retryMs?: number;
}

/**
 * Keeps a form's draft on the backend while the user types, so a reload or a network error loses nothing and no
 * personal data waits in web storage. Changes are debounced; `flush()` sends at once (a step change). One save
 * runs at a time, so the newest draft is always the last to arrive. When the page is hidden (a webview sent to
 * the background may be killed) the pending draft goes at once. A failed save is kept and sent with the next
 * change, or after `retryMs` when a retry can help. Disconnecting drops what is pending and aborts what runs:
 * a late save must never land in a session opened after this screen.
 */
export class BackendDraftController<Draft> implements ReactiveController {
  private readonly save: BackendDraftOptions<Draft>['save'];
  private readonly delayMs: number;
  private readonly retryMs: number;
  private pending: { draft: Draft } | undefined;
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost, options: BackendDraftOptions<Draft>) {
    this.save = options.save;
    this.delayMs = options.delayMs ?? 600;
    this.retryMs = options.retryMs ?? 5_000;
    host.addController(this);
  }

  /** The draft changed: it is sent once the user pauses. */
  update(draft: Draft): void {
    this.pending = { draft };
    this.schedule(this.delayMs);
  }

  /** Sends the pending draft now (after the save already running); resolves once it settled. */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.running) await this.running;
    const next = this.pending;
    if (!next) return;
    this.pending = undefined;
    const abort = new AbortController();
    this.abort = abort;
    const run = this.save(next.draft, abort.signal).then(
      () => undefined,
      (cause: unknown) => {
        if (abort.signal.aborted) return;
        // Keep it unless the user typed on meanwhile; the newer draft holds the same fields.
        this.pending ??= next;
        if (cause instanceof BrokerKitError && cause.retryable) this.schedule(this.retryMs);
      },
    );
    this.running = run.finally(() => {
      if (this.abort === abort) this.abort = undefined;
      this.running = undefined;
    });
    await this.running;
  }

  /** Forgets the pending draft and abandons a save in flight (the flow ended, or the screen went away). */
  stop(): void {
    this.clearTimer();
    this.pending = undefined;
    this.abort?.abort();
    this.abort = undefined;
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.handleVisibility);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.handleVisibility);
    this.stop();
  }

  private readonly handleVisibility = () => {
    if (document.visibilityState === 'hidden' && this.pending) void this.flush();
  };

  private schedule(ms: number) {
    this.clearTimer();
    this.timer = setTimeout(() => void this.flush(), ms);
  }

  private clearTimer() {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
