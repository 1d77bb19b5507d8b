#!/usr/bin/env node
// broker-kit-conformance --url <backend> --fixtures <hook module> [--modules identity,payments,…]
// Runs the Broker Kit adapter contract over HTTP against a backend and ends with "N passed, N failed".
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startVitest } from 'vitest/node';

const modules = ['identity', 'accounts', 'payments', 'kyc', 'action', 'chat', 'invite', 'ribbons', 'platform-web'];
const usage = `Usage: broker-kit-conformance --url <backend> --fixtures <file> [--modules <names>]

  --url        the backend's base URL, e.g. https://crm.broker.example
  --fixtures   a module exporting createFixture({ url }): the test users and how to get their tokens
               (see the package README); default: ./broker-kit.fixtures.ts
  --modules    a comma-separated subset of: ${modules.join(', ')}`;

let options;
try {
  options = parseArgs({
    options: {
      url: { type: 'string' },
      fixtures: { type: 'string', default: 'broker-kit.fixtures.ts' },
      modules: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (error) {
  console.error(`${error.message}\n\n${usage}`);
  process.exit(2);
}
if (options.help) {
  console.log(usage);
  process.exit(0);
}
if (!options.url || !URL.canParse(options.url) || !/^https?:$/.test(new URL(options.url).protocol)) {
  console.error(`--url must be an http or https URL.\n\n${usage}`);
  process.exit(2);
}
const fixtures = resolve(options.fixtures);
if (!existsSync(fixtures)) {
  console.error(`No fixture hook at ${fixtures}.\n\n${usage}`);
  process.exit(2);
}
const wanted = options.modules ? options.modules.split(',').map((name) => name.trim()) : [];
const unknown = wanted.filter((name) => !modules.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown module ${unknown.join(', ')}.\n\n${usage}`);
  process.exit(2);
}

const exchangeMarker = '\u2063exchanges\u2063';

/** Prints each failure with the rule it breaks and the exchanges of the check, then the count line. */
class ConformanceReporter {
  exchanges = new Map();

  onUserConsoleLog(log) {
    if (log.taskId && log.content.startsWith(exchangeMarker))
      this.exchanges.set(log.taskId, log.content.slice(exchangeMarker.length).trimEnd());
  }

  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      for (const error of testModule.errors()) {
        failed++;
        console.log(`\n✖ the suite could not run: ${error.message}`);
      }
      for (const test of testModule.children.allTests()) {
        const result = test.result();
        if (result.state === 'passed') passed++;
        else if (result.state === 'failed') {
          failed++;
          const rule = test.parent.type === 'suite' ? test.parent.name : '';
          console.log(`\n✖ ${test.name}`);
          console.log(`  rule: ${rule}`);
          for (const error of result.errors ?? []) console.log(`  why:  ${(error.message ?? '').split('\n')[0]}`);
          const exchanges = this.exchanges.get(test.id);
          if (exchanges) console.log(`  exchanges:\n    ${exchanges}`);
        } else skipped++;
      }
    }
    for (const error of unhandledErrors) {
      failed++;
      console.log(`\n✖ unhandled: ${error.message}`);
    }
    console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? ` (${skipped} skipped)` : ''}`);
    this.failed = failed;
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.env.BK_CONFORMANCE_URL = options.url.replace(/\/+$/, '');
process.env.BK_CONFORMANCE_FIXTURES = fixtures;
process.env.BK_CONFORMANCE_MODULES = wanted.join(',');
const reporter = new ConformanceReporter();
const vitest = await startVitest(
  'test',
  [],
  {
    root,
    config: false,
    include: ['src/suite.conformance.ts'],
    reporters: [reporter],
    watch: false,
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
  {},
);
await vitest?.close();
process.exit(reporter.failed === undefined ? 1 : reporter.failed > 0 ? 1 : 0);
