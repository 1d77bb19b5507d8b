// The suite's `test`: Playwright's, plus a watch on every page of the test for Content Security Policy
// violations (the hosted screens run under a strict CSP with Trusted Types). A test fails when any route or state
// it reaches made the browser refuse a script, a style or a Trusted Types sink.
import { expect, test as base } from '@playwright/test';

export interface CspViolation {
  page: string;
  directive: string;
  blocked: string;
  element: string;
  sample: string;
}

export const test = base.extend<{ cspViolations: CspViolation[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations: CspViolation[] = [];
      await context.exposeBinding('__bkReportCspViolation', (_source, violation: CspViolation) => {
        violations.push(violation);
      });
      await context.addInitScript(() => {
        // Capture on the document: the event is composed, so violations inside shadow roots reach it too.
        document.addEventListener(
          'securitypolicyviolation',
          (event) => {
            const target = event.composedPath()[0];
            const report = (window as unknown as { __bkReportCspViolation: (v: unknown) => void })
              .__bkReportCspViolation;
            // The address without its query: a one-time token must not reach a report.
            const page = new URL(event.documentURI);
            report({
              page: page.origin + page.pathname,
              directive: event.effectiveDirective,
              blocked: event.blockedURI.split('?')[0],
              element: target instanceof Element ? target.localName : 'document',
              sample: event.sample,
            });
          },
          true,
        );
      });
      await use(violations);
      // Playwright's trace recorder fetches blob: images (a file's preview) to copy them into its snapshots; the
      // kit itself never connects to blob: URLs, so those fetches are the recorder's, not the page's.
      const byThePage = violations.filter((v) => !(v.directive === 'connect-src' && v.blocked === 'blob'));
      expect(byThePage, 'Content Security Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
