// Compliance export of the audit trail, with the admin credential (Authorization: Bearer ADMIN_TOKEN). Wrong
// credentials count per address and are refused past the limit; every export, and every refused one, is itself
// audited (who, which filter, how many rows).
import type { Hono } from 'hono';
import { maskSensitiveValues } from '@broker-kit/core/rules/sensitive.ts';
import { secretsEqual } from '../crypto.ts';
import { audit, fail, failureLimit, type AppEnv, type Ctx } from '../http.ts';

function escapeCsv(value: unknown): string {
  let text =
    value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A spreadsheet must not run a cell as a formula.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function requireAdmin(c: Ctx): Promise<void> {
  const { settings, config } = c.var.deps;
  const guesses = `admin-ip:${c.var.ip}`;
  await failureLimit.check(c, guesses, config.rateLimits.adminGuessesPerIp);
  const given = c.req.header('authorization')?.match(/^Bearer (.{1,512})$/)?.[1] ?? '';
  if (!settings.adminToken || !secretsEqual(given, settings.adminToken)) {
    await failureLimit.count(c, guesses, config.rateLimits.adminGuessesPerIp);
    audit(c, { event: 'audit.export', outcome: 'failure', detail: { reason: 'credential' } });
    fail('CH_INSUFFICIENT_PERMISSIONS', 'Admin credential required');
  }
}

export function auditRoutes(app: Hono<AppEnv>): void {
  app.get('/api/audit/export', async (c) => {
    c.header('Cache-Control', 'no-store');
    await requireAdmin(c);
    const { stores } = c.var.deps;
    const format = c.req.query('format') ?? 'json';
    const query = { from: c.req.query('from'), to: c.req.query('to') };
    const from = query.from ? Date.parse(query.from) : undefined;
    const to = query.to ? Date.parse(query.to) : undefined;
    if (!['json', 'csv'].includes(format) || Number.isNaN(from) || Number.isNaN(to))
      fail('INVALID_REQUEST', 'format=json|csv, from/to ISO dates');
    const entries = stores.audit
      .list({ from, to })
      // A card number or an IBAN that reached the trail unmasked leaves it masked.
      .map((entry) => maskSensitiveValues({ ...entry, at: new Date(entry.at).toISOString() }));
    const filter = {
      format,
      from: from === undefined ? undefined : new Date(from).toISOString(),
      to: to === undefined ? undefined : new Date(to).toISOString(),
    };
    audit(c, {
      event: 'audit.export',
      outcome: 'success',
      actor: 'admin',
      detail: { ...filter, rows: entries.length },
    });
    if (format === 'json') return c.json({ entries });
    const columns = ['id', 'at', 'event', 'outcome', 'userId', 'actor', 'ip', 'detail'] as const;
    const lines = [
      columns.join(','),
      ...entries.map((entry) => columns.map((column) => escapeCsv(entry[column])).join(',')),
    ];
    c.header('Content-Disposition', 'attachment; filename="audit.csv"');
    return c.body(`${lines.join('\r\n')}\r\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
}
