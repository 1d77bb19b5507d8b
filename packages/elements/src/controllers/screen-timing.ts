// A screen's own load timing, reported once through the adapter: time to the first enabled control, time to
// usable (a control shown and nothing busy), and the codes of the backend errors met on the way. The page that
// shows the screen (the hosted shell, a client area) decides whether this load is sampled.
import type { BackendAdapter } from '@broker-kit/core/adapter/adapter.ts';
import type { ScreenTiming } from '@broker-kit/core/adapter/screen-timing.ts';
import { BrokerKitError, type ErrorCode } from '@broker-kit/core';
import type { Language } from '@broker-kit/core/i18n/languages.ts';

const controls = 'input:not([type=hidden]), button, select, textarea';

/** What one frame shows: an enabled, visible control (the close button does not count) and whether anything is busy. */
function inspect(screen: Element): { control: boolean; busy: boolean } {
  const found = { control: false, busy: screen.getAttribute('aria-busy') === 'true' };
  const scan = (root: Element | ShadowRoot) => {
    for (const element of root.querySelectorAll('*')) {
      if (element.getAttribute('aria-busy') === 'true') found.busy = true;
      if (element.shadowRoot) scan(element.shadowRoot);
      if (found.control || !element.matches(controls) || (element as HTMLButtonElement).disabled) continue;
      if (element.getAttribute('part') === 'close') continue;
      const box = element.getBoundingClientRect();
      if (box.width > 0 && box.height > 0 && element.checkVisibility({ visibilityProperty: true }))
        found.control = true;
    }
  };
  if (screen.shadowRoot) scan(screen.shadowRoot);
  scan(screen);
  return found;
}

export interface ScreenTimingOptions {
  /** The route the screen answers (`/inapp/deposit`), never the page's full URL. */
  route: string;
  lang: Language;
  /** The report goes when the screen is usable, or after this long with what was seen (default 30 s). */
  timeoutMs?: number;
  /** Milliseconds since navigation start; injectable for tests. */
  now?: () => number;
}

/**
 * Watches one screen's load. Give the screen `adapter` (it notes the error codes of calls that fail before the
 * report goes, and passes everything through unchanged), then call `watch(screen)` once it is in the document.
 */
export class ScreenTimingReporter {
  readonly adapter: BackendAdapter;
  private readonly errors: ErrorCode[] = [];
  private reported = false;

  constructor(
    private readonly backend: BackendAdapter,
    private readonly options: ScreenTimingOptions,
  ) {
    const note = (error: unknown) => {
      if (!this.reported && error instanceof BrokerKitError && this.errors.length < 10) this.errors.push(error.code);
    };
    this.adapter = new Proxy(backend, {
      get(target, key, receiver) {
        const value: unknown = Reflect.get(target, key, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (result instanceof Promise) result.catch(note);
          return result;
        };
      },
    });
  }

  /** Resolves with the report once it has gone (or undefined when the backend takes no timings). */
  watch(screen: Element): Promise<ScreenTiming | undefined> {
    const now = this.options.now ?? (() => performance.now());
    const deadline = now() + (this.options.timeoutMs ?? 30_000);
    let firstControlMs: number | undefined;
    return new Promise((resolve) => {
      const frame = () => {
        const at = now();
        const { control, busy } = inspect(screen);
        if (control) firstControlMs ??= Math.round(at);
        const usableMs = control && !busy ? Math.round(at) : undefined;
        // A load that failed and shows no control but its close button has settled too: report it now.
        const settled = usableMs !== undefined || (!busy && this.errors.length > 0);
        if (!settled && at < deadline && screen.isConnected) return void requestAnimationFrame(frame);
        resolve(this.send({ firstControlMs, usableMs }));
      };
      requestAnimationFrame(frame);
    });
  }

  private async send(times: { firstControlMs?: number; usableMs?: number }): Promise<ScreenTiming | undefined> {
    this.reported = true;
    if (!this.backend.reportScreenTiming) return undefined;
    const report: ScreenTiming = {
      route: this.options.route,
      lang: this.options.lang,
      ...(times.firstControlMs !== undefined && { firstControlMs: times.firstControlMs }),
      ...(times.usableMs !== undefined && { usableMs: times.usableMs }),
      errors: [...this.errors],
    };
    await this.backend.reportScreenTiming(report);
    return report;
  }
}
