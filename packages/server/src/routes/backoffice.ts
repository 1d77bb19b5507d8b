// The broker's back office: its staff publish ribbon rules to a user on the platform (manager API `setRibbon`),
// list the rules the broker keeps and remove them. Server to server, with the CRM API credential (a crmApiToken
// from `POST /oauth2/crmApiToken`); every change is audited.
import type { Hono } from 'hono';
import type Database from 'better-sqlite3';
import { ribbonSchema, type Ribbon } from '@broker-kit/core/adapter/schemas.ts';
import { hashToken, ownTokenPattern } from '../crypto.ts';
import { accountsOf } from '../store/accounts.ts';
import { audit, fail, readJson, requireModule, type AppEnv, type Ctx } from '../http.ts';
import { statement } from '../store/sqlite.ts';

const ruleIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
const inAppPattern = /^\/inapp\/[a-z-]{1,32}(\?[A-Za-z0-9=&%._-]{0,500})?$/;

interface RuleRow {
  user_id: number;
  id: string;
  rule: string;
  actor: string;
  created_at: number;
  updated_at: number;
}

export interface KeptRibbon {
  userId: number;
  ribbon: Ribbon;
  /** The client whose credential published it. */
  actor: string;
  createdAt: string;
  updatedAt: string;
}

function keptFromRow(row: RuleRow): KeptRibbon {
  return {
    userId: row.user_id,
    ribbon: JSON.parse(row.rule) as Ribbon,
    actor: row.actor,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The rules the broker published to a user, for the screens' own ribbon endpoint. */
export function keptRibbonsOf(db: Database.Database, userId: number): Ribbon[] {
  const rows = statement(db, 'SELECT * FROM backoffice_ribbons WHERE user_id = ? ORDER BY id').all(userId) as RuleRow[];
  return rows.map((row) => keptFromRow(row).ribbon);
}

/** The calling client, from the Bearer crmApiToken; anything else is refused before the body is read. */
export async function requireClient(c: Ctx): Promise<string> {
  c.header('Cache-Control', 'no-store');
  const token = c.req.header('authorization')?.match(/^Bearer (\S{1,200})$/)?.[1];
  if (!token || !ownTokenPattern.test(token)) fail('CH_CLIENT_AUTH_FAILURE', 'Client authentication failed');
  const { stores, now } = c.var.deps;
  const session = await stores.sessions.get(hashToken(token), now()).catch(() => undefined);
  if (!session || session.kind !== 'client' || !session.clientId)
    fail('CH_CLIENT_AUTH_FAILURE', 'Client authentication failed');
  return session.clientId;
}

export function userIdParam(c: Ctx): number {
  const value = c.req.param('userId') ?? '';
  const userId = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(userId)) fail('INVALID_REQUEST', 'userId must be a number');
  return userId;
}

function ruleIdParam(c: Ctx): string {
  const id = c.req.param('id') ?? '';
  if (!ruleIdPattern.test(id))
    fail('INVALID_REQUEST', 'The ribbon id must be 1 to 64 letters, digits, ".", "_" or "-"');
  return id;
}

/** Checks a rule against the user it is published to; answers it with the user target filled in. */
function checkRule(db: Database.Database, userId: number, id: string, rule: Ribbon): Ribbon {
  const fields: Record<string, string> = {};
  if (rule.id !== id) fields.id = 'invalid';
  if (rule.title.trim() === '') fields.title = 'required';
  if (rule.scope === 'account') {
    const logins = accountsOf(db, userId).map((account) => String(account.login));
    if (rule.target === undefined || !logins.includes(rule.target)) fields.target = 'invalid';
  } else if (rule.scope === 'user') {
    if (rule.target !== undefined && rule.target !== String(userId)) fields.target = 'invalid';
  } else if (rule.target !== undefined) fields.target = 'invalid';
  const action = rule.action;
  if (
    action &&
    'urlExternal' in action &&
    !(URL.canParse(action.urlExternal) && action.urlExternal.startsWith('https://'))
  )
    fields['action.urlExternal'] = 'invalid';
  if (action && 'urlinApp' in action && !inAppPattern.test(action.urlinApp)) fields['action.urlinApp'] = 'invalid';
  if (Object.keys(fields).length > 0) fail('VALIDATION_FAILED', 'The ribbon rule is not valid', { fields });
  return rule.scope === 'user' ? { ...rule, target: String(userId) } : rule;
}

/** Changes to one user's rules run one at a time in this process, so the platform and the list agree. */
const queues = new Map<number, Promise<unknown>>();
function oneAtATime<T>(userId: number, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(userId) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.catch(() => undefined);
  queues.set(userId, settled);
  void settled.then(() => queues.get(userId) === settled && queues.delete(userId));
  return next;
}

function keptRule(db: Database.Database, userId: number, id: string): RuleRow | undefined {
  return statement(db, 'SELECT * FROM backoffice_ribbons WHERE user_id = ? AND id = ?').get(userId, id) as
    RuleRow | undefined;
}

export function backofficeRoutes(app: Hono<AppEnv>): void {
  app.get('/api/backoffice/ribbons', async (c) => {
    await requireClient(c);
    requireModule(c, 'ribbons');
    const { db } = c.var.deps.stores;
    const filter = c.req.query('userId');
    if (filter !== undefined && !/^\d{1,15}$/.test(filter)) fail('INVALID_REQUEST', 'userId must be a number');
    const rows = (
      filter === undefined
        ? statement(db, 'SELECT * FROM backoffice_ribbons ORDER BY user_id, id').all()
        : statement(db, 'SELECT * FROM backoffice_ribbons WHERE user_id = ? ORDER BY id').all(Number(filter))
    ) as RuleRow[];
    return c.json({ rules: rows.map(keptFromRow) });
  });

  // Publishes (creates or replaces) one rule: the platform first, then the broker's list, so the list only
  // holds what the platform accepted.
  app.put('/api/backoffice/ribbons/:userId/:id', async (c) => {
    const actor = await requireClient(c);
    requireModule(c, 'ribbons');
    const { deps } = c.var;
    const userId = userIdParam(c);
    const id = ruleIdParam(c);
    const body = await readJson(c, ribbonSchema);
    if (!deps.stores.users.byUserId(userId)) fail('USER_NOT_FOUND', 'No such user');
    const rule = checkRule(deps.stores.db, userId, id, body);
    const detail = { id, scope: rule.scope, enabled: rule.enabled };
    return oneAtATime(userId, async () => {
      try {
        await deps.platform.setRibbon(userId, rule);
      } catch (error) {
        audit(c, {
          event: 'ribbon.publish',
          outcome: 'failure',
          userId,
          actor,
          detail: { ...detail, reason: 'platform' },
        });
        throw error;
      }
      const at = deps.now();
      statement(
        deps.stores.db,
        `INSERT INTO backoffice_ribbons (user_id, id, rule, actor, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (user_id, id) DO UPDATE SET rule = excluded.rule, actor = excluded.actor,
             updated_at = excluded.updated_at`,
      ).run(userId, id, JSON.stringify(rule), actor, at, at);
      audit(c, { event: 'ribbon.publish', outcome: 'success', userId, actor, detail });
      return c.json(keptFromRow(keptRule(deps.stores.db, userId, id)!));
    });
  });

  // Removes a rule: the platform is sent the rule disabled (its API sets rules, it has no delete), then the
  // broker forgets it.
  app.delete('/api/backoffice/ribbons/:userId/:id', async (c) => {
    const actor = await requireClient(c);
    requireModule(c, 'ribbons');
    const { deps } = c.var;
    const userId = userIdParam(c);
    const id = ruleIdParam(c);
    return oneAtATime(userId, async () => {
      const row = keptRule(deps.stores.db, userId, id) ?? fail('NOT_FOUND', 'No such ribbon rule');
      const rule = JSON.parse(row.rule) as Ribbon;
      const detail = { id, scope: rule.scope };
      try {
        await deps.platform.setRibbon(userId, { ...rule, enabled: false });
      } catch (error) {
        audit(c, {
          event: 'ribbon.remove',
          outcome: 'failure',
          userId,
          actor,
          detail: { ...detail, reason: 'platform' },
        });
        throw error;
      }
      statement(deps.stores.db, 'DELETE FROM backoffice_ribbons WHERE user_id = ? AND id = ?').run(userId, id);
      audit(c, { event: 'ribbon.remove', outcome: 'success', userId, actor, detail });
      return c.body(null, 204);
    });
  });
}
