import { describe, expect, it } from 'vitest';
import { html, render } from 'lit';
import { MemoryAdapter } from '@broker-kit/core/adapter/memory.ts';
import { ScreenTimingReporter } from './screen-timing.ts';

/** A stand-in screen: an element with an open shadow root the test fills as a screen would render. */
function mountScreen(): { screen: HTMLElement; root: ShadowRoot } {
  const screen = document.createElement('div');
  const root = screen.attachShadow({ mode: 'open' });
  document.body.replaceChildren(screen);
  return { screen, root };
}

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

describe('ScreenTimingReporter', () => {
  it('reports the first control, then usable once nothing is busy, with the errors met on the way', async () => {
    const backend = new MemoryAdapter();
    const reporter = new ScreenTimingReporter(backend, { route: '/inapp/deposit', lang: 'de' });
    const { screen, root } = mountScreen();
    render(html`<bk-x aria-busy="true"><button part="close">×</button><button disabled>Pay</button></bk-x>`, root);
    const report = reporter.watch(screen);
    // A failing call through the reporter's adapter rejects as before, and its code is noted.
    await expect(reporter.adapter.validateToken({ token: 'not-a-token', action: 'deposit' })).rejects.toMatchObject({
      code: 'INVALID_OT_TOKEN',
    });
    await nextFrame();
    // The close control and a disabled button are no first control; an enabled one in a busy screen is.
    const enabledAt = performance.now();
    root.querySelector<HTMLButtonElement>('button[disabled]')!.disabled = false;
    await nextFrame();
    await nextFrame();
    const idleAt = performance.now();
    root.querySelector('bk-x')!.removeAttribute('aria-busy');
    const sent = await report;
    expect(sent).toMatchObject({ route: '/inapp/deposit', lang: 'de', errors: ['INVALID_OT_TOKEN'] });
    expect(sent!.firstControlMs).toBeGreaterThanOrEqual(Math.floor(enabledAt));
    expect(sent!.usableMs).toBeGreaterThanOrEqual(Math.floor(idleAt));
    expect(backend.screenTimings).toEqual([sent]);
  });

  it('reports once; errors after the report are not part of it', async () => {
    const backend = new MemoryAdapter();
    const reporter = new ScreenTimingReporter(backend, { route: '/auth/login', lang: 'en' });
    const { screen, root } = mountScreen();
    render(html`<input name="email" />`, root);
    await reporter.watch(screen);
    await expect(reporter.adapter.validateToken({ token: 'not-a-token' })).rejects.toBeDefined();
    expect(backend.screenTimings).toEqual([
      {
        route: '/auth/login',
        lang: 'en',
        firstControlMs: expect.any(Number),
        usableMs: expect.any(Number),
        errors: [],
      },
    ]);
  });

  it('reports a failed load at once when it shows nothing but its close control', async () => {
    const backend = new MemoryAdapter();
    const reporter = new ScreenTimingReporter(backend, { route: '/inapp/deposit', lang: 'en', timeoutMs: 60_000 });
    const { screen, root } = mountScreen();
    render(html`<p aria-busy="true">Checking…</p>`, root);
    const report = reporter.watch(screen);
    await expect(reporter.adapter.validateToken({ token: 'not-a-token' })).rejects.toBeDefined();
    render(
      html`<button part="close">Back</button>
        <p role="alert">This link does not exist</p>`,
      root,
    );
    expect(await report).toEqual({ route: '/inapp/deposit', lang: 'en', errors: ['INVALID_OT_TOKEN'] });
  });

  it('reports a load that never became usable without usableMs', async () => {
    const backend = new MemoryAdapter();
    const reporter = new ScreenTimingReporter(backend, { route: '/inapp/kyc', lang: 'ar', timeoutMs: 100 });
    const { screen, root } = mountScreen();
    render(html`<p>Loading…</p>`, root);
    expect(await reporter.watch(screen)).toEqual({ route: '/inapp/kyc', lang: 'ar', errors: [] });
  });

  it('sends nothing to a backend that takes no timings, and passes every call through', async () => {
    const backend = new MemoryAdapter();
    const withoutTimings = new Proxy(backend, {
      get: (target, key) => (key === 'reportScreenTiming' ? undefined : Reflect.get(target, key)),
    });
    const reporter = new ScreenTimingReporter(withoutTimings, { route: '/auth/login', lang: 'en' });
    const { screen, root } = mountScreen();
    render(html`<input name="email" />`, root);
    expect(await reporter.watch(screen)).toBeUndefined();
    expect(backend.screenTimings).toEqual([]);
    expect((await reporter.adapter.accountTypes()).length).toBeGreaterThan(0);
  });
});
