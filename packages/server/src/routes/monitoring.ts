// Monitoring: the Prometheus scrape endpoint, behind its own credential (METRICS_TOKEN), never the admin's
// or a user's (without METRICS_TOKEN the endpoint does not exist); and the screens' own load timings, which
// become metrics per route and language unless the broker switched them off (`screenTimings.enabled`).
import type { Hono } from 'hono';
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import { screenTimingSchema } from '@broker-kit/core/adapter/screen-timing.ts';
import { secretsEqual } from '../crypto.ts';
import { fail, limit, readJson, type AppEnv } from '../http.ts';
import { screenRoutes } from './hosted.ts';

/** Timings are anonymous and cheap to send: one address may report a busy office's loads, no more. */
const reportsPerIp = { limit: 120, windowSeconds: 60 };

export function monitoringRoutes(app: Hono<AppEnv>): void {
  app.get('/metrics', async (c) => {
    const { settings, metrics } = c.get('deps');
    if (!settings.metricsToken) throw new BrokerKitError('NOT_FOUND', 'No such endpoint');
    c.header('Cache-Control', 'no-store');
    const given = c.req.header('authorization')?.match(/^Bearer (.{1,512})$/)?.[1] ?? '';
    if (!secretsEqual(given, settings.metricsToken)) fail('CH_INSUFFICIENT_PERMISSIONS', 'Metrics credential required');
    return c.body(await metrics.exposition(), 200, { 'Content-Type': metrics.contentType });
  });

  app.post('/api/telemetry/screen-timing', async (c) => {
    const { config, metrics } = c.get('deps');
    if (!config.core.screenTimings.enabled) fail('MODULE_DISABLED', 'Screen timings are switched off');
    const report = await readJson(c, screenTimingSchema);
    // Only the kit's own screens and languages become label values: the set stays small whatever is sent.
    if (!screenRoutes.includes(report.route) || !config.core.supportedLanguages.includes(report.lang))
      fail('INVALID_REQUEST', 'Unknown screen or language', { fields: { route: 'invalid' } });
    await limit(c, `timing-ip:${c.get('ip')}`, reportsPerIp);
    metrics.observeScreenTiming(report);
    return c.body(null, 204);
  });
}
