import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Seconds to wait before a retry can help (the Retry-After of a RATE_LIMITED answer), counting down once a
 * second and re-rendering the host at each tick; stops when the host disconnects.
 */
export class CountdownController implements ReactiveController {
  /** Whole seconds left; 0 when the retry may go now. */
  remaining = 0;
  private readonly host: ReactiveControllerHost;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  /** Starts counting from `seconds` (rounded up, at most an hour); 0 or less stops the count. */
  start(seconds: number) {
    this.stop();
    this.remaining = Math.min(Math.max(Math.ceil(seconds), 0), 3600);
    if (this.remaining === 0) return;
    this.timer = setInterval(() => {
      this.remaining = Math.max(this.remaining - 1, 0);
      if (this.remaining === 0) this.stop();
      this.host.requestUpdate();
    }, 1000);
  }

  stop() {
    clearInterval(this.timer);
    this.timer = undefined;
    this.remaining = 0;
  }

  hostDisconnected() {
    this.stop();
  }
}
