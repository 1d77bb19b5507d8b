// `npm run bench`: what a webview downloads and waits for on each route of the hosted build, and how fast the
// reference backend validates and exchanges tokens next to a bare node:http server. Prints a table with the
// kit's budgets and writes every figure to bench-results/bench.json. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright';
import { chromiumArgs, chromiumHelp, findChromium } from './chromium.mjs';
import { breakdown, buildForAnalysis, manifestFiles, type ModuleShare } from './bench/analysis.ts';
import { cpuSlowdown, loadPage, slow4g, type Network, type PageLoad } from './bench/browser.ts';
import { closedLoop, openLoop, type LoadResult, type Target } from './bench/load.ts';
import { measureLoginTiming, type LoginTiming } from './bench/login-timing.ts';
import { startProxy } from './bench/proxy.ts';
import { freePort, killAllNow, startNode, stop, stopAll, waitForHttp } from './processes.ts';
import {
  benchTradingLogin,
  kitHeader,
  startBenchServer,
  tokenTarget,
  type BenchServer,
  timingUser,
  type InAppAction,
} from './bench/server.ts';
import { kb, sizeOf, totals, type FileSize, type Totals } from './bench/sizes.ts';
import { round, spread, type Spread } from './bench/stats.ts';

const root = resolve(import.meta.dirname, '..');
const hostedDir = join(root, 'packages/hosted');
/** A copy of packages/hosted/dist taken right after the build: what is served and sized (set in main). */
let distDir = join(hostedDir, 'dist');
const runs = Number(process.env.BENCH_RUNS ?? 7);
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 5);
const concurrency = 32;
/**
 * BENCH_EXPERIMENTS=1 adds two experiments per timed route (BENCH_EXPERIMENT_RUNS each, default 5): 4× CPU loads
 * with the route's chunks announced as modulepreload links in the document, and slow-4G loads with the assets
 * gzipped by a proxy; each next to the same loads without the change.
 */
const experimentsOn = process.env.BENCH_EXPERIMENTS === '1';
const experimentRuns = Number(process.env.BENCH_EXPERIMENT_RUNS ?? 5);
/** BENCH_ROUTES=/auth/login,/inapp/deposit times only these routes (the others are still sized in one load). */
const timedOnly = process.env.BENCH_ROUTES?.split(',')
  .map((route) => route.trim())
  .filter(Boolean);
/** BENCH_SERVER=0 skips the load test of the reference backend. */
const serverPhaseOn = process.env.BENCH_SERVER !== '0';

const budgets = {
  loginJsGzipKb: 32,
  inAppJsGzipKb: 40,
  loginFirstControlMs: 250,
  inAppFirstControlMs: 350,
  slow4gMs: 1500,
  serverRatio: 0.5,
  serverP99Ms: 10,
  /** Unknown-account login time ÷ wrong-password login time, at least this (SECURITY 14: like time). */
  loginTimingRatio: 0.8,
};

interface Route {
  path: string;
  folder: string;
  tag: string;
  /** In-app routes get a fresh OT token per load and must see /api/validate-token answer 200. */
  action?: InAppAction;
  query?: Record<string, string>;
  /** Timed at 4× CPU and on slow 4G (the others are measured for size in one unthrottled load). */
  timed: boolean;
}

const account = String(benchTradingLogin);
const routes: Route[] = [
  { path: '/auth/login', folder: 'login', tag: 'bk-login', timed: true },
  { path: '/inapp/deposit', folder: 'deposit', tag: 'bk-deposit', action: 'deposit', query: { account }, timed: true },
  {
    path: '/inapp/withdraw',
    folder: 'withdraw',
    tag: 'bk-withdraw',
    action: 'withdraw',
    query: { account },
    timed: true,
  },
  { path: '/inapp/kyc', folder: 'kyc', tag: 'bk-kyc', action: 'kyc', timed: true },
  {
    path: '/inapp/action',
    folder: 'action',
    tag: 'bk-action',
    action: 'action',
    query: { actionType: 'change-leverage' },
    timed: true,
  },
  { path: '/inapp/chat', folder: 'chat', tag: 'bk-chat', action: 'chat', timed: true },
  { path: '/inapp/invite', folder: 'invite', tag: 'bk-invite', action: 'invite', timed: true },
  { path: '/account/create', folder: 'account-create', tag: 'bk-account-create', timed: false },
  { path: '/account/password-reset', folder: 'password-reset', tag: 'bk-password-reset', timed: false },
];

if (timedOnly) {
  const unknown = timedOnly.filter((path) => !routes.some((route) => route.path === path && route.timed));
  if (unknown.length) throw new Error(`BENCH_ROUTES: not a timed route: ${unknown.join(', ')}`);
  for (const route of routes) route.timed &&= timedOnly.includes(route.path);
}

const isInApp = (route: Route) => route.action !== undefined;
const jsBudgetKb = (route: Route) => (isInApp(route) ? budgets.inAppJsGzipKb : budgets.loginJsGzipKb);
const controlBudgetMs = (route: Route) => (isInApp(route) ? budgets.inAppFirstControlMs : budgets.loginFirstControlMs);
const mark = (pass: boolean) => (pass ? 'pass' : 'MISS');

interface RouteSizes {
  route: string;
  control: string;
  files: FileSize[];
  js: Totals;
  css: Totals;
  json: Totals;
  /** Files the browser loaded that the manifest's static closure of shell + screen does not list, and back. */
  manifest: { onlyInBrowser: string[]; onlyInManifest: string[] };
  /** Files some runs had before their first control and others only after it (sizes count the union). */
  filesVary: string[];
}

interface RouteTiming {
  route: string;
  cpu4x: Spread;
  slow4g: Spread;
  /** The median 4× CPU run's loads (paths only), ms after navigation start when each had arrived. */
  timeline: { path: string; end: number }[];
  failures: string[];
}

function step(text: string) {
  console.log(`\n▶ ${text}`);
}

function buildHosted() {
  const result = spawnSync('npm', ['run', 'build', '--workspace', '@broker-kit/hosted'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr);
    throw new Error('the hosted build failed');
  }
}

async function routeUrl(server: BenchServer, route: Route, origin = server.url): Promise<string> {
  const query = new URLSearchParams(route.query);
  if (route.action) query.set('token', await server.inAppToken(route.action));
  const search = query.toString();
  return `${origin}${route.path}${search ? `?${search}` : ''}`;
}

async function measure(
  browser: Browser,
  server: BenchServer,
  route: Route,
  network: Network,
  throttle: boolean,
  experiment: { rewriteHtml?: (html: string) => string; origin?: string } = {},
) {
  const { rewriteHtml, origin } = experiment;
  const load = await loadPage(browser, await routeUrl(server, route, origin), route.tag, {
    network,
    throttle,
    timeoutMs: network === 'slow-4g' ? 30_000 : 15_000,
    ...(rewriteHtml && { rewriteHtml }),
  });
  if (route.action) {
    const validation = load.api.find((call) => call.path === '/api/validate-token');
    if (validation?.status !== 200)
      throw new Error(`${route.path}: usable without a successful token validation (${validation?.status ?? 'none'})`);
  }
  return load;
}

/** Asset paths (relative to dist) of the JS, CSS and JSON a load fetched before its first control. */
function loadedAssets(load: PageLoad, origin: string): string[] {
  return load.resources
    .map((resource) => new URL(resource.url))
    .filter((url) => url.origin === origin && /\.(m?js|css|json)$/.test(url.pathname))
    .map((url) => url.pathname.slice(1))
    .sort();
}

async function routeSizes(route: Route, loads: PageLoad[], origin: string, manifest: ReturnType<typeof manifestFiles>) {
  const first = loads[0]!;
  // The union over every run: a file that one run needed before its first control counts.
  const perRun = loads.map((load) => loadedAssets(load, origin));
  const assets = [...new Set(perRun.flat())].sort();
  const files: FileSize[] = [];
  for (const asset of assets) {
    // The broker configuration is served by the backend, not built: sized from its body.
    const body = asset.startsWith('assets/')
      ? undefined
      : Buffer.from(await (await fetch(`${origin}/${asset}`)).arrayBuffer());
    const size = sizeOf(asset, distDir, body);
    if (size) files.push(size);
  }
  const builtAssets = assets.filter((asset) => asset.startsWith('assets/'));
  const sizes: RouteSizes = {
    route: route.path,
    control: first.control,
    files,
    js: totals(files, 'js'),
    css: totals(files, 'css'),
    json: totals(files, 'json'),
    manifest: {
      onlyInBrowser: builtAssets.filter((asset) => !manifest.has(asset)),
      onlyInManifest: [...manifest].filter((asset) => !builtAssets.includes(asset)),
    },
    filesVary: perRun
      .filter((files) => files.join() !== assets.join())
      .flatMap((files) => assets.filter((a) => !files.includes(a)))
      .filter((a, i, all) => all.indexOf(a) === i),
  };
  return sizes;
}

async function browserPhase(server: BenchServer, analysisManifest: Awaited<ReturnType<typeof buildForAnalysis>>) {
  const executablePath = findChromium()!;
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true });
  const sizes: RouteSizes[] = [];
  const timings: RouteTiming[] = [];
  const experiments: Experiment[] = [];
  try {
    for (const route of routes) {
      const failures: string[] = [];
      // One unthrottled load first: warms the server's code paths, and is the size sample of untimed routes.
      const warm = await measure(browser, server, route, 'none', false);
      const loads: PageLoad[] = [warm];
      if (route.timed) {
        const cpu: number[] = [];
        const slow: number[] = [];
        const cpuLoads: PageLoad[] = [];
        for (const [network, into] of [
          ['none', cpu],
          ['slow-4g', slow],
        ] as const) {
          for (let run = 0; run < runs; run += 1) {
            try {
              const load = await measure(browser, server, route, network, true);
              loads.push(load);
              into.push(load.usableMs);
              if (network === 'none') cpuLoads.push(load);
            } catch (error) {
              failures.push(
                `${network} run ${run + 1}: ${error instanceof Error ? error.message.split('\n')[0] : error}`,
              );
            }
          }
        }
        const median = cpuLoads.find((load) => load.usableMs === spread(cpu).median);
        const timeline = (median?.resources ?? [])
          .map((resource) => ({ path: new URL(resource.url).pathname, end: round(resource.end) }))
          .sort((a, b) => a.end - b.end);
        timings.push({ route: route.path, cpu4x: spread(cpu), slow4g: spread(slow), timeline, failures });
        if (experimentsOn) experiments.push(await routeExperiments(browser, server, route, loads));
        console.log(
          `  ${route.path}: 4× CPU ${round(spread(cpu).median)} ms, slow 4G ${round(spread(slow).median)} ms` +
            (failures.length ? ` (${failures.length} failed)` : ''),
        );
      }
      sizes.push(await routeSizes(route, loads, server.url, manifestFiles(analysisManifest, route.folder)));
    }
  } finally {
    await browser.close();
  }
  return { sizes, timings, experiments };
}

interface Experiment {
  route: string;
  cpu4x: {
    /** The document passed through Playwright unchanged (the same interception cost). */
    asBuilt: Spread;
    /** The document with `<link rel="modulepreload">` for every JS file the route needed before its first control. */
    preloaded: Spread;
  };
  slow4g: { uncompressed: Spread; gzip: Spread };
}

/**
 * What two changes would gain on this route: (1) a route-aware document that announces the route's chunks
 * (screen closure and locale chunks, as observed; nonce included) so they load while the entry runs;
 * (2) assets sent gzipped, as a CDN or a compressing server sends them. Both through a loopback proxy.
 */
async function routeExperiments(browser: Browser, server: BenchServer, route: Route, loads: PageLoad[]) {
  const chunks = [...new Set(loads.flatMap((load) => loadedAssets(load, server.url)))].filter(
    (asset) => asset.endsWith('.js') && !/^assets\/index-/.test(asset),
  );
  const addPreloads = (html: string) => {
    const nonce = html.match(/nonce="([^"]+)"/)?.[1] ?? '';
    const links = chunks.map((chunk) => `<link rel="modulepreload" nonce="${nonce}" href="/${chunk}">`).join('');
    return html.replace('</head>', `${links}</head>`);
  };
  const plainProxy = await startProxy(server.port, { gzipAssets: false });
  const gzipProxy = await startProxy(server.port, { gzipAssets: true });
  const result = {
    asBuilt: [] as number[],
    preloaded: [] as number[],
    uncompressed: [] as number[],
    gzip: [] as number[],
  };
  try {
    for (let run = 0; run < experimentRuns; run += 1) {
      const time = async (network: Network, experiment: Parameters<typeof measure>[5]) =>
        (await measure(browser, server, route, network, true, experiment)).usableMs;
      result.asBuilt.push(await time('none', { rewriteHtml: (html) => html }));
      result.preloaded.push(await time('none', { rewriteHtml: addPreloads }));
      result.uncompressed.push(await time('slow-4g', { origin: plainProxy.origin }));
      result.gzip.push(await time('slow-4g', { origin: gzipProxy.origin }));
    }
  } finally {
    await plainProxy.close();
    await gzipProxy.close();
  }
  const experiment: Experiment = {
    route: route.path,
    cpu4x: { asBuilt: spread(result.asBuilt), preloaded: spread(result.preloaded) },
    slow4g: { uncompressed: spread(result.uncompressed), gzip: spread(result.gzip) },
  };
  console.log(
    `    experiments: 4× CPU ${round(experiment.cpu4x.asBuilt.median)} → ${round(experiment.cpu4x.preloaded.median)} ms` +
      ` with preloads; slow 4G ${round(experiment.slow4g.uncompressed.median)} → ` +
      `${round(experiment.slow4g.gzip.median)} ms with gzip`,
  );
  return experiment;
}

interface ServerFigures {
  name: string;
  max: LoadResult;
  half: LoadResult;
}

async function serverPhase(server: BenchServer, dataDir: string): Promise<ServerFigures[]> {
  const seconds = loadSeconds;
  const durationMs = seconds * 1000;
  const barePort = await freePort();
  const bare = startNode({
    script: 'scripts/bench/bare-server.mjs',
    env: { PORT: String(barePort) },
    output: { logFile: join(dataDir, 'bare.log') },
  });
  await waitForHttp(`http://127.0.0.1:${barePort}/`, bare);
  const figures: ServerFigures[] = [];
  try {
    const fixedBody = JSON.stringify({ token: 'A'.repeat(43), action: 'deposit' });
    const bareTarget = (): Target => ({
      port: barePort,
      next: () => ({ path: '/api/validate-token', body: fixedBody, headers: kitHeader }),
    });
    const clientToken = await server.clientToken();

    const run = async (name: string, target: (count: number) => Promise<Target> | Target) => {
      // 1 s warm-up; its rate sizes the token supply of the measured phases (with room to spare).
      const warm = await closedLoop(await target(20_000), { concurrency, durationMs: 1000 });
      const max = await closedLoop(await target(Math.ceil(warm.rps * seconds * 2) + 1000), { concurrency, durationMs });
      const rate = Math.max(1, Math.round(max.rps / 2));
      const half = await openLoop(await target(Math.ceil(rate * seconds * 1.1) + 100), {
        rate,
        durationMs,
        maxSockets: concurrency * 4,
      });
      figures.push({ name, max, half });
      console.log(
        `  ${name}: ${Math.round(max.rps)} req/s (p50 ${round(max.p50, 2)} ms, p99 ${round(max.p99, 2)} ms); ` +
          `at ${rate} req/s p99 ${round(half.p99, 2)} ms`,
      );
    };
    await run('bare node:http', () => bareTarget());
    // The kit's server on a route that touches no store: what Hono and the middleware cost on their own.
    await run('kit server, no store (GET /broker-config.json)', () => ({
      port: server.port,
      next: () => ({ method: 'GET', path: '/broker-config.json', body: '', headers: {} }),
    }));
    await run('token validation', (count) => tokenTarget(server, clientToken, 'validation', count));
    await run('token exchange', (count) => tokenTarget(server, clientToken, 'exchange', count));
  } finally {
    await stop(bare);
  }
  return figures;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const ms = (value: number) => (Number.isFinite(value) ? String(Math.round(value)) : '—');
const fmtSpread = (s: Spread) => `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;

async function main() {
  if (!findChromium()) {
    console.error(chromiumHelp);
    process.exit(1);
  }
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'broker-kit-bench-'));
  const dataDir = join(work, 'data');
  mkdirSync(dataDir);
  let server: BenchServer | undefined;
  try {
    step('building the hosted bundle (packages/hosted/dist) and an analysis build with manifest and source maps');
    buildHosted();
    // Served and sized from a copy, so a rebuild of dist during the run cannot change what is measured.
    distDir = join(work, 'dist');
    cpSync(join(hostedDir, 'dist'), distDir, { recursive: true });
    const analysisDir = join(work, 'analysis');
    const manifest = await buildForAnalysis(hostedDir, analysisDir);

    step('starting the reference backend (own process, fresh SQLite file, rate limits raised)');
    server = await startBenchServer(dataDir, distDir, join(work, 'server.log'));

    step(`loading each route in Chromium: 1 warm-up + ${runs} runs at ${cpuSlowdown}× CPU + ${runs} on slow 4G`);
    const { sizes, timings, experiments } = await browserPhase(server, manifest);

    // The analysis build must match what was measured byte for byte, or its breakdown would describe another build.
    const mismatched = sizes
      .flatMap((route) => route.files.filter((file) => file.file.startsWith('assets/')).map((file) => file.file))
      .filter((file, i, all) => all.indexOf(file) === i)
      .filter((file) => {
        try {
          return !readFileSync(join(distDir, file)).equals(readFileSync(join(analysisDir, file)));
        } catch {
          return true;
        }
      });

    let server_: ServerFigures[] = [];
    if (serverPhaseOn) {
      step(`reference backend under load on loopback (${concurrency} keep-alive connections, ${loadSeconds} s each)`);
      server_ = await serverPhase(server, work);
    }
    let loginTiming: LoginTiming | undefined;
    if (serverPhaseOn) {
      step('login timing: wrong password against an address with no account (SECURITY 14)');
      loginTiming = await measureLoginTiming(server.url, timingUser.email);
    }

    const breakdowns: Record<string, ModuleShare[]> = {};
    for (const route of sizes) {
      const routeDef = routes.find((r) => r.path === route.route)!;
      if (route.js.gzip / 1024 > jsBudgetKb(routeDef))
        breakdowns[route.route] = breakdown(
          analysisDir,
          route.files.filter((file) => file.kind === 'js').map((file) => file.file),
        );
    }

    // ---- report ----
    console.log(`\nFirst-load JavaScript, CSS and JSON until the first control (KB; min = as served, minified)\n`);
    console.log(
      table(
        ['route', 'files', 'JS min', 'JS gzip', 'JS br', 'CSS gzip', 'JSON gzip', 'JS budget', '', 'first control'],
        sizes.map((route) => {
          const routeDef = routes.find((r) => r.path === route.route)!;
          return [
            route.route,
            String(route.files.length),
            kb(route.js.min),
            kb(route.js.gzip),
            kb(route.js.brotli),
            kb(route.css.gzip),
            kb(route.json.gzip),
            `≤ ${jsBudgetKb(routeDef)}`,
            mark(route.js.gzip / 1024 <= jsBudgetKb(routeDef)),
            route.control,
          ];
        }),
      ),
    );
    console.log(
      `\nFirst control visible and enabled, ms from navigation start: median (min–max) of ${runs}; in-app routes include` +
        ` /api/validate-token\n`,
    );
    console.log(
      table(
        ['route', `${cpuSlowdown}× CPU`, 'budget', '', `slow 4G + ${cpuSlowdown}× CPU`, 'budget', ''],
        timings.map((timing) => {
          const routeDef = routes.find((r) => r.path === timing.route)!;
          return [
            timing.route + (timing.failures.length ? ` (${timing.failures.length} failed)` : ''),
            fmtSpread(timing.cpu4x),
            `≤ ${controlBudgetMs(routeDef)}`,
            mark(timing.cpu4x.median <= controlBudgetMs(routeDef)),
            fmtSpread(timing.slow4g),
            `≤ ${budgets.slow4gMs}`,
            mark(timing.slow4g.median <= budgets.slow4gMs),
          ];
        }),
      ),
    );
    const bare = server_.find((figure) => figure.name === 'bare node:http');
    if (bare) {
      console.log(
        `\nReference backend on loopback: closed loop at ${concurrency} connections (max), then open loop at half` +
          ` that rate\n`,
      );
      console.log(
        table(
          ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'of bare', '', 'half-load req/s', 'p99 ms', ''],
          server_.map((figure) => {
            const ratio = figure.max.rps / bare.max.rps;
            const unbudgeted = figure === bare || figure.name.startsWith('kit server');
            return [
              figure.name +
                (figure.max.failed + figure.half.failed ? ` (${figure.max.failed + figure.half.failed} failed)` : ''),
              String(Math.round(figure.max.rps)),
              String(round(figure.max.p50, 2)),
              String(round(figure.max.p99, 2)),
              `${Math.round(ratio * 100)}%`,
              unbudgeted ? '' : mark(ratio >= budgets.serverRatio),
              String(Math.round(figure.half.rps)),
              String(round(figure.half.p99, 2)),
              unbudgeted ? '' : mark(figure.half.p99 <= budgets.serverP99Ms),
            ];
          }),
        ),
      );
    }
    if (loginTiming) {
      console.log(`\nLogin answer time, median of ${loginTiming.pairs} alternating pairs (SECURITY 14: like time)\n`);
      console.log(
        table(
          ['wrong password ms', 'no such account ms', 'ratio', 'budget', ''],
          [
            [
              String(round(loginTiming.wrongPasswordMedianMs, 1)),
              String(round(loginTiming.unknownAccountMedianMs, 1)),
              String(round(loginTiming.ratio, 2)),
              `≥ ${budgets.loginTimingRatio}`,
              mark(loginTiming.ratio >= budgets.loginTimingRatio),
            ],
          ],
        ),
      );
    }
    if (experiments.length) {
      console.log(
        `\nExperiments, median (min–max) of ${experimentRuns}: modulepreload links at ${cpuSlowdown}× CPU; gzip on slow 4G\n`,
      );
      console.log(
        table(
          ['route', `${cpuSlowdown}× CPU as built`, 'with preloads', 'slow 4G uncompressed', 'with gzip'],
          experiments.map((e) => [
            e.route,
            fmtSpread(e.cpu4x.asBuilt),
            fmtSpread(e.cpu4x.preloaded),
            fmtSpread(e.slow4g.uncompressed),
            fmtSpread(e.slow4g.gzip),
          ]),
        ),
      );
    }
    for (const [route, shares] of Object.entries(breakdowns)) {
      console.log(`\nWhat takes the room on ${route} (JS before the first control, by source; gzip shared pro rata)\n`);
      console.log(
        table(
          ['module group', 'min KB', '≈ gzip KB'],
          shares.slice(0, 14).map((share) => [share.group, kb(share.min), kb(share.gzip)]),
        ),
      );
    }
    const problems = [
      ...timings.flatMap((timing) => timing.failures.map((failure) => `${timing.route} ${failure}`)),
      ...sizes
        .filter((route) => route.filesVary.length)
        .map(
          (route) => `${route.route}: some runs showed the first control before ${route.filesVary.join(', ')} arrived`,
        ),
      ...sizes
        .filter((route) => route.manifest.onlyInManifest.length)
        .map(
          (route) =>
            `${route.route}: manifest lists files the browser did not load: ${route.manifest.onlyInManifest.join(', ')}`,
        ),
      ...(mismatched.length ? [`analysis build differs from dist for: ${mismatched.join(', ')}`] : []),
      ...server_
        .filter((figure) => figure.max.exhausted || figure.half.exhausted)
        .map((f) => `${f.name}: tokens ran out`),
      ...server_.flatMap((f) =>
        [f.max.firstFailure, f.half.firstFailure].filter(Boolean).map((x) => `${f.name}: ${x}`),
      ),
    ];
    if (problems.length) console.log(`\nNotes:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);

    const out = join(root, 'bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'bench.json'),
      JSON.stringify(
        {
          date: new Date().toISOString(),
          node: process.version,
          runs,
          conditions: { cpuSlowdown, slow4g, loadSeconds, concurrency },
          budgets,
          sizes: sizes.map((route) => ({
            ...route,
            budgetKb: jsBudgetKb(routes.find((r) => r.path === route.route)!),
          })),
          timings,
          server: server_.map((figure) => ({
            ...figure,
            ratioToBare: bare ? figure.max.rps / bare.max.rps : undefined,
          })),
          loginTiming,
          breakdowns,
          experiments,
          notes: problems,
        },
        null,
        2,
      ),
    );
    console.log(
      `\nFigures written to bench-results/bench.json (${Math.round((performance.now() - started) / 1000)} s)`,
    );
  } finally {
    server?.close();
    await stopAll();
    rmSync(work, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllNow();
    process.exit(130);
  });
}
await main().catch(async (error: unknown) => {
  console.error(`\nThe bench stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await stopAll();
  process.exit(1);
});
