// Monitoring: the Prometheus scrape endpoint, behind its own credential (METRICS_TOKEN), never the admin's
// or a user's. Without METRICS_TOKEN the endpoint does not exist.
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import type { Hono } from 'hono';
import { secretsEqual } from '../crypto.ts';
import { fail, type AppEnv } from '../http.ts';

export function monitoringRoutes(app: Hono<AppEnv>): void {
  app.get('/metrics', async (c) => {
    const { settings, metrics } = c.get('deps');
    if (!settings.metricsToken) throw new BrokerKitError('NOT_FOUND', 'No such endpoint');
    c.header('Cache-Control', 'no-store');
    const given = c.req.header('authorization')?.match(/^Bearer (.{1,512})$/)?.[1] ?? '';
    if (!secretsEqual(given, settings.metricsToken)) fail('CH_INSUFFICIENT_PERMISSIONS', 'Metrics credential required');
    return c.body(await metrics.exposition(), 200, { 'Content-Type': metrics.contentType });
  });
}
