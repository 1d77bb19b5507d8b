// Generic action, support chat (with a simulated agent and a Server-Sent Events feed), invite, ribbons and
// the embedded platform web token.
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  actionRequestSchema,
  attributionResults,
  chatSendRequestSchema,
  type ActionField,
  type ChatMessage,
  type Ribbon,
} from '@broker-kit/core/adapter/schemas.ts';
import { actionValuesProblems } from '@broker-kit/core/rules/actions.ts';
import { maskSensitive, maskSensitiveValues } from '@broker-kit/core/rules/sensitive.ts';
import {
  audit,
  countsOnce,
  fail,
  readJson,
  requireModule,
  requireSession,
  type AppEnv,
  type Ctx,
  type Deps,
} from '../http.ts';
import { issueToken } from '../tokens.ts';
import { hashToken } from '../crypto.ts';
import type { BusEvent } from '../store/index.ts';
import { keptRibbonsOf } from './backoffice.ts';
import { kycDueRibbon } from '../kyc/ribbon.ts';
import { kycServiceOf } from '../kyc/service.ts';
import { on } from './table.ts';

// ── generic action ──────────────────────────────────────────────────────────────────────────────────────
function actionOf(c: Ctx) {
  const actionType = c.req.param('actionType') ?? '';
  return (
    c.var.deps.config.actions.find((action) => action.actionType === actionType) ?? fail('NOT_FOUND', 'No such action')
  );
}

// ── chat ────────────────────────────────────────────────────────────────────────────────────────────────
interface ChatRow {
  seq: number;
  id: string;
  client_id: string | null;
  author: ChatMessage['author'];
  author_name: string | null;
  text: string;
  sent_at: number;
}

function messageFromRow(row: ChatRow): ChatMessage {
  return {
    id: row.id,
    ...(row.client_id !== null && { clientId: row.client_id }),
    author: row.author,
    ...(row.author_name !== null && { authorName: row.author_name }),
    text: row.text,
    sentAt: new Date(row.sent_at).toISOString(),
  };
}

function storeMessage(
  deps: Deps,
  userId: number,
  message: { author: ChatMessage['author']; text: string; clientId?: string; authorName?: string },
): ChatRow {
  return deps.stores.db
    .prepare(
      `INSERT INTO chat_messages (id, user_id, client_id, author, author_name, text, sent_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (user_id, client_id) DO UPDATE SET client_id = client_id RETURNING *`,
    )
    .get(
      randomUUID(),
      userId,
      message.clientId ?? null,
      message.author,
      message.authorName ?? null,
      maskSensitive(message.text),
      deps.now(),
    ) as ChatRow;
}

/** The reference backend's stand-in for a support desk: it types, then answers. */
function agentReply(text: string): string {
  const lower = text.toLowerCase();
  if (/deposit|withdraw|payment|money/.test(lower))
    return 'Payments usually arrive within minutes. Could you share the transaction reference?';
  if (/kyc|verif|document/.test(lower))
    return 'Verification takes up to one business day after you submit all documents.';
  return 'Thanks for your message. An agent is looking into it.';
}

function scheduleAgent(deps: Deps, userId: number, text: string): void {
  const delay = deps.settings.agentDelayMs;
  setTimeout(
    () => {
      void deps.stores.chatBus.publish({ type: 'typing', userId }).catch(() => undefined);
      setTimeout(() => {
        try {
          const row = storeMessage(deps, userId, { author: 'agent', authorName: 'Support', text: agentReply(text) });
          void deps.stores.chatBus
            .publish({ type: 'message', userId, seq: row.seq, message: messageFromRow(row) })
            .catch(() => undefined);
        } catch {
          deps.logger.error('chat agent could not answer');
        }
      }, delay);
    },
    Math.min(delay, 300),
  ).unref();
}

// ── invite ──────────────────────────────────────────────────────────────────────────────────────────────
/** A signup that came with a partnerId: record it here and tell the platform (referral). */
export async function recordSignupAttribution(c: Ctx, invitedUserId: number, partnerId: string): Promise<void> {
  const { deps } = c.var;
  const partner = deps.stores.db
    .prepare('SELECT user_id FROM users WHERE partner_id = ?')
    .get(partnerId.slice(0, 64)) as { user_id: number } | undefined;
  if (!partner || partner.user_id === invitedUserId) return;
  if (!(await countsOnce(c, `invite-signup:${partnerId}`, deps.config.rateLimits.inviteEventsPerInvite))) {
    audit(c, { event: 'invite.attribution', outcome: 'failure', userId: invitedUserId, detail: { reason: 'limit' } });
    return;
  }
  let result: string = 'PENDING_ATTRIBUTION';
  try {
    const answer = await deps.platform.referral({
      invitedUserId,
      partnerUserId: partner.user_id,
      brokerName: deps.config.brokerName,
    });
    if ((attributionResults as readonly string[]).includes(answer.result)) result = answer.result;
  } catch {
    // The platform can be told later; the signup itself must not fail for it.
  }
  deps.stores.db
    .prepare("INSERT INTO invite_events (partner_id, kind, invited_user_id, result, at) VALUES (?, 'signup', ?, ?, ?)")
    .run(partnerId, invitedUserId, result, deps.now());
  audit(c, { event: 'invite.attribution', outcome: 'success', userId: invitedUserId, detail: { result } });
}

export async function recordInviteClick(c: Ctx, partnerId: string): Promise<void> {
  const { deps } = c.var;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(partnerId)) return;
  const known = deps.stores.db.prepare('SELECT 1 FROM users WHERE partner_id = ?').get(partnerId);
  if (known && (await countsOnce(c, `invite-click:${partnerId}`, deps.config.rateLimits.inviteEventsPerInvite)))
    deps.stores.db
      .prepare("INSERT INTO invite_events (partner_id, kind, at) VALUES (?, 'click', ?)")
      .run(partnerId, deps.now());
}

export function engageRoutes(app: Hono<AppEnv>): void {
  on(app, 'actionSchema', async (c) => {
    requireModule(c, 'action');
    await requireSession(c);
    return c.json(actionOf(c));
  });

  on(app, 'submitAction', async (c) => {
    requireModule(c, 'action');
    const { deps } = c.var;
    const session = await requireSession(c);
    const action = actionOf(c);
    const body = await readJson(c, actionRequestSchema);
    if (body.idempotencyKey.length < 8 || body.idempotencyKey.length > 100)
      fail('INVALID_REQUEST', 'Bad idempotency key');
    const { db } = deps.stores;
    const previous = db
      .prepare('SELECT * FROM action_submissions WHERE user_id = ? AND idempotency_key = ?')
      .get(session.userId, body.idempotencyKey) as
      { action_type: string; status: 'pending'; reference: string } | undefined;
    if (previous) {
      if (previous.action_type !== action.actionType) fail('DUPLICATE_SUBMISSION');
      return c.json({ status: previous.status, reference: previous.reference });
    }
    const fields = actionValuesProblems(action.fields as ActionField[], body.values);
    if (Object.keys(fields).length > 0) fail('VALIDATION_FAILED', 'Some fields are invalid', { fields });
    const reference = `ACT-${randomUUID().slice(0, 8).toUpperCase()}`;
    db.prepare(
      "INSERT INTO action_submissions (user_id, idempotency_key, action_type, field_values, status, reference, created_at) VALUES (?, ?, ?, ?, 'pending', ?, ?)",
    ).run(
      session.userId,
      body.idempotencyKey,
      action.actionType,
      JSON.stringify(maskSensitiveValues(body.values)),
      reference,
      deps.now(),
    );
    audit(c, {
      event: 'action.submit',
      outcome: 'success',
      userId: session.userId,
      detail: { actionType: action.actionType, reference },
    });
    return c.json({ status: 'pending', reference });
  });

  on(app, 'chatHistory', async (c) => {
    requireModule(c, 'chat');
    const session = await requireSession(c);
    const before = c.req.query('before');
    const { db } = c.var.deps.stores;
    let beforeSeq = Number.MAX_SAFE_INTEGER;
    if (before) {
      const row = db
        .prepare('SELECT seq FROM chat_messages WHERE id = ? AND user_id = ?')
        .get(before, session.userId) as { seq: number } | undefined;
      beforeSeq = row?.seq ?? fail('INVALID_REQUEST', 'Unknown cursor');
    }
    const page = 30;
    const rows = db
      .prepare('SELECT * FROM chat_messages WHERE user_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?')
      .all(session.userId, beforeSeq, page + 1) as ChatRow[];
    return c.json({ messages: rows.slice(0, page).reverse().map(messageFromRow), hasMore: rows.length > page });
  });

  on(app, 'sendChatMessage', async (c) => {
    requireModule(c, 'chat');
    const { deps } = c.var;
    const session = await requireSession(c);
    const body = await readJson(c, chatSendRequestSchema);
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(body.clientId)) fail('INVALID_REQUEST', 'Bad clientId');
    const text = body.text.replace(/\0/g, '');
    if (!text.trim()) fail('VALIDATION_FAILED', 'Empty message', { fields: { text: 'required' } });
    const existing = deps.stores.db
      .prepare('SELECT * FROM chat_messages WHERE user_id = ? AND client_id = ?')
      .get(session.userId, body.clientId) as ChatRow | undefined;
    if (existing) return c.json(messageFromRow(existing));
    const row = storeMessage(deps, session.userId, { author: 'user', text, clientId: body.clientId });
    const message = messageFromRow(row);
    await deps.stores.chatBus.publish({ type: 'message', userId: session.userId, seq: row.seq, message });
    scheduleAgent(deps, session.userId, text);
    return c.json(message);
  });

  // Live feed in the HttpAdapter's wire format (core README): `event: message` carries the bare ChatMessage as
  // `data` (the event name already says what it is), `id:` is its sequence number, and a reconnect with
  // Last-Event-ID gets what it missed; `event: typing` carries `{"author":"agent"}`.
  on(app, 'subscribeChat', async (c) => {
    requireModule(c, 'chat');
    const { deps } = c.var;
    const session = await requireSession(c);
    const lastId = Number(c.req.header('last-event-id') ?? c.req.query('lastEventId') ?? 0);
    c.header('Cache-Control', 'no-store');
    return streamSSE(c, async (stream) => {
      const queue: BusEvent[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = deps.stores.chatBus.subscribe(session.userId, (event) => {
        queue.push(event);
        wake?.();
      });
      stream.onAbort(() => wake?.());
      let sent = Number.isSafeInteger(lastId) && lastId > 0 ? lastId : Number.MAX_SAFE_INTEGER;
      if (sent !== Number.MAX_SAFE_INTEGER) {
        const missed = deps.stores.db
          .prepare('SELECT * FROM chat_messages WHERE user_id = ? AND seq > ? ORDER BY seq')
          .all(session.userId, sent) as ChatRow[];
        for (const row of missed) {
          await stream.writeSSE({ id: String(row.seq), event: 'message', data: JSON.stringify(messageFromRow(row)) });
          sent = row.seq;
        }
      } else {
        sent = 0;
      }
      await stream.writeSSE({ event: 'ready', data: '{}', retry: 3000 });
      try {
        while (!stream.aborted && !stream.closed) {
          const event = queue.shift();
          if (!event) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, 15_000).unref();
            });
            if (!queue.length && !stream.aborted) await stream.write(': keep-alive\n\n');
            continue;
          }
          if (event.type === 'typing')
            await stream.writeSSE({ event: 'typing', data: JSON.stringify({ author: 'agent' }) });
          else if (event.seq > sent) {
            sent = event.seq;
            await stream.writeSSE({ id: String(event.seq), event: 'message', data: JSON.stringify(event.message) });
          }
        }
      } finally {
        unsubscribe();
      }
    });
  });

  on(app, 'invite', async (c) => {
    requireModule(c, 'invite');
    const session = await requireSession(c);
    const user = c.var.deps.stores.users.byUserId(session.userId) ?? fail('USER_NOT_FOUND');
    const link = new URL('/auth/login', c.var.deps.config.publicUrl);
    link.searchParams.set('firstLogin', 'true');
    link.searchParams.set('partnerId', user.partnerId);
    return c.json({ link: link.href, partnerId: user.partnerId });
  });

  on(app, 'inviteStats', async (c) => {
    requireModule(c, 'invite');
    const session = await requireSession(c);
    const { db } = c.var.deps.stores;
    const user = c.var.deps.stores.users.byUserId(session.userId) ?? fail('USER_NOT_FOUND');
    const rows = db
      .prepare('SELECT kind, result, invited_user_id FROM invite_events WHERE partner_id = ?')
      .all(user.partnerId) as { kind: string; result: string | null; invited_user_id: number | null }[];
    const byResult = Object.fromEntries(attributionResults.map((result) => [result, 0])) as Record<
      (typeof attributionResults)[number],
      number
    >;
    let funded = 0;
    for (const row of rows) {
      if (row.kind !== 'signup') continue;
      if (row.result && row.result in byResult) byResult[row.result as keyof typeof byResult] += 1;
      const deposit = db
        .prepare(
          "SELECT 1 FROM transactions WHERE user_id = ? AND direction = 'deposit' AND status = 'completed' LIMIT 1",
        )
        .get(row.invited_user_id);
      if (deposit) funded += 1;
    }
    return c.json({
      clicks: rows.filter((row) => row.kind === 'click').length,
      signups: rows.filter((row) => row.kind === 'signup').length,
      funded,
      byResult,
    });
  });

  // The platform tells the broker of an invited user (client-authenticated, server to server).
  app.post('/api/invite/attribution', async (c) => {
    requireModule(c, 'invite');
    const { deps } = c.var;
    const body = await readJson(
      c,
      z.object({
        invitedUserId: z.number().int(),
        partnerUserId: z.number().int(),
        brokerName: z.string().max(200),
        crmApiToken: z.string().optional(),
      }),
    );
    const bearer = c.req.header('authorization')?.match(/^Bearer ([A-Za-z0-9_-]{43})$/)?.[1] ?? body.crmApiToken ?? '';
    const client = await deps.stores.sessions.get(hashToken(bearer), deps.now()).catch(() => undefined);
    if (!client || client.kind !== 'client') fail('CH_CLIENT_AUTH_FAILURE');
    const partner = deps.stores.users.byUserId(body.partnerUserId) ?? fail('USER_NOT_FOUND', 'Unknown partner');
    const earlier = deps.stores.db
      .prepare(
        "SELECT partner_id FROM invite_events WHERE kind = 'signup' AND invited_user_id = ? ORDER BY id DESC LIMIT 1",
      )
      .get(body.invitedUserId) as { partner_id: string } | undefined;
    const result = !earlier
      ? deps.stores.users.byUserId(body.invitedUserId)
        ? 'ATTRIBUTED'
        : 'ATTRIBUTED_NEW'
      : earlier.partner_id === partner.partnerId
        ? 'ATTRIBUTED'
        : 'REATTRIBUTED';
    deps.stores.db
      .prepare(
        "INSERT INTO invite_events (partner_id, kind, invited_user_id, result, at) VALUES (?, 'signup', ?, ?, ?)",
      )
      .run(partner.partnerId, body.invitedUserId, result, deps.now());
    audit(c, {
      event: 'invite.attribution',
      outcome: 'success',
      userId: body.invitedUserId,
      actor: client.clientId,
      detail: { result },
    });
    return c.json({ result });
  });

  on(app, 'ribbons', async (c) => {
    requireModule(c, 'ribbons');
    const session = await requireSession(c);
    const account = c.req.query('account');
    // The configured rules, those the back office published to this user, and the renewal of a KYC that is due.
    const { deps } = c.var;
    const due = deps.config.modules.includes('kyc') && (await kycServiceOf(deps).isDue(session.userId));
    const rules = [
      ...deps.config.ribbons,
      ...keptRibbonsOf(deps.stores.db, session.userId),
      ...(due ? [kycDueRibbon(session.userId, c.req.query('language'), deps.config.core.defaultLanguage)] : []),
    ];
    const ribbons: Ribbon[] = rules.filter((ribbon) => {
      if (!ribbon.enabled) return false;
      if (ribbon.scope === 'account') return account !== undefined && ribbon.target === account;
      if (ribbon.scope === 'user') return ribbon.target === String(session.userId);
      return true;
    });
    // Most specific first: account, then broker, then user (DOMAIN.md).
    const order = { account: 0, broker: 1, user: 2 };
    return c.json(ribbons.sort((a, b) => order[a.scope] - order[b.scope]));
  });

  on(app, 'platformWebToken', async (c) => {
    requireModule(c, 'platform-web');
    const { deps } = c.var;
    const session = await requireSession(c, ['browser']);
    const body = await readJson(c, z.object({ account: z.number().int().optional() }));
    if (
      body.account !== undefined &&
      !deps.stores.db
        .prepare('SELECT 1 FROM accounts WHERE login = ? AND user_id = ?')
        .get(body.account, session.userId)
    )
      fail('CH_INSUFFICIENT_PERMISSIONS', 'Not your account');
    const { token, expiresAt } = await issueToken(deps, {
      purpose: 'platform-web',
      userId: session.userId,
      clientId: deps.config.ssoClientId,
      ...(body.account !== undefined && { tradingLogin: body.account }),
      keepLoggedIn: session.keepLoggedIn === true,
      ttlMs: deps.config.platformWebTokenTtlSeconds * 1000,
    });
    audit(c, { event: 'token.issue', outcome: 'success', userId: session.userId, detail: { purpose: 'platform-web' } });
    return c.json({ token, expiresAt: new Date(expiresAt).toISOString() });
  });
}
