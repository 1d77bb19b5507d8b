// axe-core in the page itself (no @axe-core/playwright): its source is evaluated through the DevTools protocol,
// which the hosted pages' CSP and Trusted Types do not block, unlike an injected <script>.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Frame, type Page } from '@playwright/test';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe (WCAG 2.1 A and AA rules) on a page or frame and fails with a readable list of what it found. */
export async function expectNoAxeViolations(target: Page | Frame, label = 'screen') {
  await target.evaluate(`${axeSource}\n;0`);
  const violations = await target.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 3).map((node) => JSON.stringify(node.target)),
    }));
  });
  expect(violations, `axe violations on ${label}`).toEqual([]);
}
