// Watches every request of a page (and its frames) for a token where it must not be: a Referer header, or any
// URL other than the two the protocol puts it in (the platform opening the screen, the success redirect).
import { expect, type Page, type Request } from '@playwright/test';

export class TokenLeakWatch {
  readonly requests: { url: string; referer: string | undefined }[] = [];

  constructor(page: Page) {
    page.on('request', (request: Request) => {
      this.requests.push({ url: request.url(), referer: request.headers()['referer'] });
    });
  }

  /**
   * No request carried a Referer with a token; token-bearing URLs are only the screens' entry and the success
   * URL (`allowed`: paths on any origin, or absolute URL prefixes).
   */
  expectNoLeaks(allowed: string[] = ['/inapp/', '/callback/success']) {
    const isAllowed = (url: string) =>
      allowed.some((entry) =>
        entry.startsWith('/') ? new URL(url).pathname.startsWith(entry) : url.startsWith(entry),
      );
    const withReferer = this.requests.filter((request) => request.referer?.includes('token='));
    expect(withReferer, 'requests that sent a token in their Referer').toEqual([]);
    const tokenUrls = this.requests
      .filter((request) => /[?&]token=/.test(request.url))
      .filter((request) => !isAllowed(request.url));
    expect(
      tokenUrls.map((request) => request.url),
      'requests that carried a token in their URL',
    ).toEqual([]);
  }
}
