// Monitoring: /metrics after real requests against the real server, and the request id that ties an access
// line to the audit entries of its request.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { HttpAdapter } from '@broker-kit/core/adapter/http.ts';
import type { ScreenTiming } from '@broker-kit/core/adapter/screen-timing.ts';
import {
  Client,
  crmApiToken,
  exchange,
  metricsToken,
  ssoUser,
  startTestServer,
  type TestServer,
} from './test/harness.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ server: { rateLimits: { tokenPerIp: { limit: 3, windowSeconds: 60 } } } });
});
afterAll(() => t.close());

async function scrape(server: TestServer = t): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(response.status).toBe(200);
  return response.text();
}

/** The value of one sample of the exposition text; 0 when the series does not exist (yet). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

/** How much each named series moved while `run` ran. */
async function delta(series: [string, Record<string, string>][], run: () => Promise<unknown>): Promise<number[]> {
  const before = await scrape();
  await run();
  const after = await scrape();
  return series.map(([name, labels]) => sample(after, name, labels) - sample(before, name, labels));
}

describe('GET /metrics', () => {
  it('answers only its own credential, never the admin token or none', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(403);
    const admin = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer test-admin-token-0123456789' } });
    expect(admin.status).toBe(403);
    const ok = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
    expect(ok.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.headers.get('cache-control')).toBe('no-store');
  });

  it('does not exist without METRICS_TOKEN', async () => {
    const closed = await startTestServer({ settings: { metricsToken: undefined } });
    try {
      const response = await fetch(`${closed.url}/metrics`, { headers: { authorization: 'Bearer anything' } });
      expect(response.status).toBe(404);
    } finally {
      await closed.close();
    }
  });

  it('carries the process metrics', async () => {
    const text = await scrape();
    expect(sample(text, 'broker_kit_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^broker_kit_nodejs_eventloop_lag_seconds \S+$/m);
    expect(text).toMatch(/^broker_kit_process_cpu_user_seconds_total \S+$/m);
  });
});

describe('request metrics', () => {
  it('counts requests and errors by route pattern and status, never by raw path', async () => {
    const route = { method: 'GET', route: '/api/payments/:id', status: '401' };
    const [count, errors] = await delta(
      [
        ['broker_kit_http_request_duration_seconds_count', route],
        ['broker_kit_http_errors_total', { ...route, code: 'SESSION_EXPIRED' }],
      ],
      async () => {
        const client = new Client(t.url);
        await client.call('GET', '/api/payments/tx-secret-one');
        await client.call('GET', '/api/payments/tx-secret-two');
      },
    );
    expect([count, errors]).toEqual([2, 2]);
    const text = await scrape();
    expect(text).not.toContain('tx-secret');
    // The histogram's buckets hold the same requests: the +Inf bucket equals the count.
    expect(sample(text, 'broker_kit_http_request_duration_seconds_bucket', { ...route, le: '+Inf' })).toBe(
      sample(text, 'broker_kit_http_request_duration_seconds_count', route),
    );
    expect(sample(text, 'broker_kit_http_request_duration_seconds_sum', route)).toBeGreaterThan(0);
  });

  it('names answers no route matched "unmatched", not by their path', async () => {
    const [missing] = await delta(
      [['broker_kit_http_errors_total', { route: 'unmatched', status: '404', code: 'NOT_FOUND' }]],
      () => new Client(t.url).call('GET', '/api/no-such-thing-0042'),
    );
    expect(missing).toBe(1);
    expect(await scrape()).not.toContain('no-such-thing-0042');
  });

  it('counts a refusal in middleware under the route it was meant for, with its code', async () => {
    const labels = { method: 'POST', route: '/api/auth/login', status: '403', code: 'CH_INSUFFICIENT_PERMISSIONS' };
    const [refused] = await delta([['broker_kit_http_errors_total', labels]], () =>
      fetch(`${t.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
    );
    expect(refused).toBe(1);
  });
});

describe('token metrics', () => {
  it('counts validations by outcome code', async () => {
    const validation = (code: string) =>
      ['broker_kit_token_outcomes_total', { operation: 'validation', route: '/api/validate-token', code }] as [
        string,
        Record<string, string>,
      ];
    const moved = await delta([validation('OK'), validation('INVALID_OT_TOKEN')], async () => {
      const token = t.platform.issueInAppToken({ userId: 4242, tradingLogin: 7_000_001 });
      expect((await new Client(t.url).call('POST', '/api/validate-token', { token })).status).toBe(200);
      const bad = await new Client(t.url).call('POST', '/api/validate-token', { token: 'x'.repeat(43) });
      expect(bad.status).toBe(401);
    });
    expect(moved).toEqual([1, 1]);
  });

  it('counts exchanges by outcome code, a replay included', async () => {
    const { token } = await ssoUser(t, 'metrics-exchange@example.com');
    const clientToken = await crmApiToken(t);
    const labels = (code: string) => ({ operation: 'exchange', route: '/oauth2/token', code });
    const moved = await delta(
      [
        ['broker_kit_token_outcomes_total', labels('OK')],
        ['broker_kit_token_outcomes_total', labels('INVALID_OT_TOKEN')],
      ],
      async () => {
        expect((await exchange(t, token, clientToken)).status).toBe(200);
        expect((await exchange(t, token, clientToken)).status).toBe(401);
      },
    );
    expect(moved).toEqual([1, 1]);
  });

  it('counts rate-limit refusals by rule', async () => {
    const client = new Client(t.url);
    const [refusals] = await delta([['broker_kit_rate_limit_refusals_total', { rule: 'token-ip' }]], async () => {
      for (let i = 0; i < 5; i++) await client.call('POST', '/api/validate-token', { token: 'y'.repeat(43) });
    });
    expect(refusals).toBe(2);
  });
});

describe('platform, payments and KYC metrics', () => {
  it('times platform calls by operation, failures by their code', async () => {
    const user = await ssoUser(t, 'metrics-platform@example.com');
    const calls = (operation: string, outcome: string) =>
      ['broker_kit_port_call_duration_seconds_count', { port: 'platform', operation, outcome }] as [
        string,
        Record<string, string>,
      ];
    const deposit = (key: string) =>
      user.client.call('POST', '/api/payments', {
        direction: 'deposit',
        account: user.login,
        methodId: 'card',
        amount: '10',
        currency: 'USD',
        idempotencyKey: key,
      });
    const payments = (state: string) =>
      ['broker_kit_payments', { direction: 'deposit', state }] as [string, Record<string, string>];
    const moved = await delta(
      [
        calls('changeBalance', 'OK'),
        calls('changeBalance', 'PLATFORM_UNAVAILABLE'),
        payments('completed'),
        payments('failed'),
      ],
      async () => {
        expect((await deposit('dep-metrics-01')).body).toMatchObject({ status: 'completed' });
        t.platform.failing.add('/webserv');
        try {
          expect((await deposit('dep-metrics-02')).body).toMatchObject({ status: 'failed' });
        } finally {
          t.platform.failing.delete('/webserv');
        }
      },
    );
    expect(moved).toEqual([1, 1, 1, 1]);
  });

  it('shows KYC cases by state', async () => {
    const { client } = await ssoUser(t, 'metrics-kyc@example.com');
    const inProgress = { state: 'in_progress' };
    const [moved] = await delta([['broker_kit_kyc_cases', inProgress]], () =>
      client.call('PUT', '/api/kyc/step', {
        step: 'personal',
        data: { firstName: 'Ada', lastName: 'L', dateOfBirth: '1990-01-01', nationality: 'GB' },
      }),
    );
    expect(moved).toBe(1);
  });
});

describe('store errors', () => {
  it('counts a store failure inside a token endpoint, which answers invalid', async () => {
    const tokens = t.server.deps.stores.tokens;
    const original = tokens.claim;
    // The store is ours and real; only this one call is made to fail, as a store outage would.
    tokens.claim = () => Promise.reject(new Error('disk I/O error'));
    try {
      const [errors] = await delta(
        [['broker_kit_store_errors_total', { store: 'sqlite', operation: 'tokens.claim' }]],
        async () => {
          const token = t.platform.issueInAppToken({ userId: 4343 });
          const reply = await new Client(t.url).call('POST', '/api/validate-token', { token });
          expect(reply.status).toBe(401);
        },
      );
      expect(errors).toBe(1);
    } finally {
      tokens.claim = original;
    }
  });
});

describe('request id', () => {
  it('answers X-Request-Id and writes the same id to the access line and the audit entries of that request', async () => {
    const client = new Client(t.url);
    const reply = await client.call('POST', '/api/auth/login', {
      email: 'nobody-here@example.com',
      password: 'not the password 1',
      keepLoggedIn: false,
    });
    const requestId = reply.headers.get('x-request-id')!;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => t.logs.find((line) => line.includes(requestId))).toBeDefined();
    const line = t.logs.find((entry) => entry.includes(requestId))!;
    expect(line).toMatch(/^POST \/api\/auth\/login 401 /);
    const entries = t.server.deps.stores.audit.list({}).filter((entry) => entry.detail?.requestId === requestId);
    expect(entries.map((entry) => `${entry.event}:${entry.outcome}`)).toEqual(['login:failure']);
    // Another request gets another id.
    const next = await client.call('GET', '/api/me');
    expect(next.headers.get('x-request-id')).not.toBe(requestId);
  });
});

describe('screen timings', () => {
  const report: ScreenTiming = {
    route: '/inapp/deposit',
    lang: 'de',
    firstControlMs: 420,
    usableMs: 910,
    errors: ['INVALID_OT_TOKEN'],
  };
  const load = (phase: string) =>
    ['broker_kit_screen_load_seconds_count', { route: '/inapp/deposit', lang: 'de', phase }] as [
      string,
      Record<string, string>,
    ];

  it('turns a report into load histograms and error counts per route and language', async () => {
    const moved = await delta(
      [
        load('first_control'),
        load('usable'),
        ['broker_kit_screen_errors_total', { route: '/inapp/deposit', lang: 'de', code: 'INVALID_OT_TOKEN' }],
      ],
      async () =>
        expect((await new Client(t.url).call('POST', '/api/telemetry/screen-timing', report)).status).toBe(204),
    );
    expect(moved).toEqual([1, 1, 1]);
    const text = await scrape();
    // 910 ms falls in the 1 s bucket, not the 0.5 s one.
    const bucket = (le: string) =>
      sample(text, 'broker_kit_screen_load_seconds_bucket', {
        route: '/inapp/deposit',
        lang: 'de',
        phase: 'usable',
        le,
      });
    expect(bucket('1') - bucket('0.5')).toBeGreaterThanOrEqual(1);
  });

  it("arrives from core's HttpAdapter, whose report never rejects, even when refused", async () => {
    const adapter = new HttpAdapter({ baseUrl: t.url, credentials: 'omit' });
    const moved = await delta([load('usable')], () => adapter.reportScreenTiming(report));
    expect(moved).toEqual([1]);
    await expect(adapter.reportScreenTiming({ ...report, route: '/nowhere' })).resolves.toBeUndefined();
    const unreachable = new HttpAdapter({ baseUrl: 'http://127.0.0.1:9', timeoutMs: 2000 });
    await expect(unreachable.reportScreenTiming(report)).resolves.toBeUndefined();
  });

  it('counts a load that never became usable as NOT_USABLE', async () => {
    const { usableMs: _, ...notUsable } = { ...report, route: '/inapp/kyc', errors: [] };
    const [moved] = await delta(
      [['broker_kit_screen_errors_total', { route: '/inapp/kyc', lang: 'de', code: 'NOT_USABLE' }]],
      () => new Client(t.url).call('POST', '/api/telemetry/screen-timing', notUsable),
    );
    expect(moved).toBe(1);
  });

  it('refuses unknown screens, languages, fields and sizes, so no label value comes from outside', async () => {
    const client = new Client(t.url);
    for (const bad of [
      { ...report, route: '/inapp/not-a-screen' },
      { ...report, route: '/inapp/deposit?token=abc' },
      { ...report, lang: 'xx' },
      { ...report, usableMs: -1 },
      { ...report, usableMs: 10 * 60_000 },
      { ...report, errors: ['MADE_UP_CODE'] },
      { ...report, email: 'someone@example.com' },
      { ...report, route: '/'.repeat(10_000) },
    ]) {
      const reply = await client.call('POST', '/api/telemetry/screen-timing', bad);
      expect([400, 413], JSON.stringify(bad).slice(0, 80)).toContain(reply.status);
    }
    const text = await scrape();
    expect(text).not.toMatch(/not-a-screen|token=abc|lang="xx"|MADE_UP_CODE|someone@/);
  });

  it('takes the kit header like every cookie-carrying call (CSRF)', async () => {
    const reply = await fetch(`${t.url}/api/telemetry/screen-timing`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: JSON.stringify(report),
    });
    expect(reply.status).toBe(403);
  });

  it('records nothing when the broker switched screen timings off', async () => {
    const off = await startTestServer({ core: { screenTimings: { enabled: false } } });
    try {
      const reply = await new Client(off.url).call('POST', '/api/telemetry/screen-timing', report);
      expect(reply).toMatchObject({ status: 403, body: { code: 'MODULE_DISABLED' } });
      expect((await (await fetch(`${off.url}/broker-config.json`)).json()).screenTimings).toEqual({
        enabled: false,
        sampleRate: 0.1,
      });
      expect(sample(await scrape(off), 'broker_kit_screen_load_seconds_count', { route: '/inapp/deposit' })).toBe(0);
    } finally {
      await off.close();
    }
  });
});

describe('dashboard and alert rules', () => {
  const folder = new URL('../monitoring/', import.meta.url);
  const dashboard = JSON.parse(readFileSync(new URL('grafana-dashboard.json', folder), 'utf8')) as {
    panels: { type: string; title: string; targets?: { expr: string }[] }[];
  };
  const rules = parseYaml(readFileSync(new URL('prometheus-alerts.yml', folder), 'utf8')) as {
    groups: {
      rules: { alert: string; expr: string; labels: { severity: string }; annotations: { summary: string } }[];
    }[];
  };
  const alerts = rules.groups.flatMap((group) => group.rules);
  const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  /** The metric families an expression reads (a histogram's _bucket, _count and _sum belong to its family). */
  const families = (expr: string) =>
    [...expr.matchAll(/\bbroker_kit_\w+/g)].map(([name]) => name.replace(/_(bucket|count|sum)$/, ''));

  it('query only metrics the server exposes', async () => {
    const exposed = new Set([...(await scrape()).matchAll(/^# TYPE (\w+) /gm)].map((match) => match[1]));
    const used = [
      ...panels.flatMap((panel) => panel.targets!.map((target) => target.expr)),
      ...alerts.map((a) => a.expr),
    ];
    expect(used.length).toBeGreaterThan(20);
    for (const expr of used) {
      // Prometheus's own `up` is the only other series an expression may read.
      expect(families(expr).length > 0 || /^up\{/.test(expr), expr).toBe(true);
      for (const family of families(expr)) expect(exposed, `${family} in ${expr}`).toContain(family);
    }
  });

  it('cover every metric of the server in some panel', async () => {
    const ours = [...(await scrape()).matchAll(/^# TYPE (broker_kit_(?!process_|nodejs_)\w+) /gm)].map((m) => m[1]!);
    const shown = new Set(panels.flatMap((panel) => panel.targets!.flatMap((target) => families(target.expr))));
    for (const family of ours) expect(shown, family).toContain(family);
  });

  it('are documented in the server README: each panel and each alert', () => {
    for (const panel of panels) expect(readme, panel.title).toContain(panel.title);
    for (const rule of alerts) {
      expect(rule.labels.severity).toMatch(/^(critical|warning)$/);
      expect(rule.annotations.summary).not.toBe('');
      expect(readme, rule.alert).toContain(`\`${rule.alert}\``);
    }
  });
});
