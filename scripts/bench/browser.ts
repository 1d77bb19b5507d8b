// One page load in Chromium, measured in the page itself: from navigation start (performance.timeOrigin) to the
// first frame in which the route's screen shows a visible, enabled control and nothing in it is aria-busy.
import type { Browser, Response } from 'playwright';

export type Network = 'none' | 'slow-4g';

/** Lighthouse's "slow 4G" link, as the kit's budget states it: 150 ms RTT, 1.6 Mbps down, 750 Kbps up. */
export const slow4g = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};
export const cpuSlowdown = 4;
/** Prefix of the console message in which the page reports its first usable frame. */
const usableMark = 'bk-bench-usable ';

export interface LoadedResource {
  url: string;
  /** ms after navigation start when the response had fully arrived. */
  end: number;
}

export interface PageLoad {
  /** ms from navigation start to the first usable frame. */
  usableMs: number;
  /** What counted as the first control, e.g. `input[name=amount]`. */
  control: string;
  /** Everything fetched before that frame (the document, scripts, styles, JSON, API calls). */
  resources: LoadedResource[];
  /** Status of every /api/ call answered before that frame. */
  api: { path: string; status: number }[];
}

/**
 * Runs in the page before any of its scripts. Each animation frame it looks into the screen element (the shell's
 * only child of #app, open shadow roots included) and records the first frame that is usable.
 */
function detector(tag: string): string {
  return `(() => {
  const controls = 'input:not([type=hidden]), button, select, textarea';
  const scan = (root, found) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.getAttribute('aria-busy') === 'true') found.busy = true;
      if (el.shadowRoot) scan(el.shadowRoot, found);
      if (found.control || !el.matches(controls) || el.disabled || el.getAttribute('part') === 'close') continue;
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) found.control = el;
    }
  };
  const describe = (el) => el.localName + (el.name ? '[name=' + el.name + ']' : el.type ? '[type=' + el.type + ']' : '');
  const frame = () => {
    const screen = document.querySelector('#app > ${tag}');
    if (screen) {
      const found = { busy: screen.getAttribute('aria-busy') === 'true', control: undefined };
      if (screen.shadowRoot) scan(screen.shadowRoot, found);
      scan(screen, found);
      if (found.control && !found.busy) {
        const usableMs = performance.now();
        // A console message reaches the bench through the DevTools protocol without any script of its own
        // running in the page (polling with an evaluated predicate would inject one and compete for the CPU).
        console.debug('${usableMark}' + JSON.stringify({
          usableMs,
          control: describe(found.control),
          resources: [
            { url: location.href, end: performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0 },
            ...performance.getEntriesByType('resource').map((entry) => ({ url: entry.name, end: entry.responseEnd })),
          ],
        }));
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;
}

export async function loadPage(
  browser: Browser,
  url: string,
  tag: string,
  options: {
    network: Network;
    throttle: boolean;
    timeoutMs: number;
    /** Experiment only: serve the document through this rewrite (the document goes through Playwright either way). */
    rewriteHtml?: (html: string) => string;
  },
): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: { width: 400, height: 800 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (options.throttle) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
    if (options.network === 'slow-4g') {
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', slow4g);
    }
    await page.addInitScript({ content: detector(tag) });
    const rewrite = options.rewriteHtml;
    if (rewrite) {
      const documentUrl = new URL(url);
      await page.route(
        (candidate) => candidate.pathname === documentUrl.pathname,
        async (route) => {
          const response = await route.fetch();
          await route.fulfill({ response, body: rewrite(await response.text()) });
        },
      );
    }
    const api: { path: string; status: number; at: number }[] = [];
    page.on('response', (response: Response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/api/')) api.push({ path, status: response.status(), at: Date.now() });
    });
    const usableMessage = page.waitForEvent('console', {
      predicate: (message) => message.type() === 'debug' && message.text().startsWith(usableMark),
      timeout: options.timeoutMs,
    });
    await page.goto(url, { waitUntil: 'commit', timeout: options.timeoutMs });
    const usable = JSON.parse((await usableMessage).text().slice(usableMark.length)) as Omit<PageLoad, 'api'>;
    const apiUntilUsable = usable.resources
      .map((resource) => new URL(resource.url).pathname)
      .filter((path) => path.startsWith('/api/'));
    return {
      ...usable,
      api: api.filter((call) => apiUntilUsable.includes(call.path)).map(({ path, status }) => ({ path, status })),
    };
  } finally {
    await context.close();
  }
}
