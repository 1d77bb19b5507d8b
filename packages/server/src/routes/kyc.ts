// KYC, the trader's side: steps, documents (kept in the database, size-capped, type checked by content), the user's
// unsaved draft, submission, and the vendor check with its webhook. The case itself is the KYC service's.
import type { Hono } from 'hono';
import * as z from 'zod';
import {
  documentTypes,
  kycDraftMaxBytes,
  kycCheckRequestSchema,
  kycDraftRequestSchema,
  kycStepRequestSchema,
  type KycStatus,
} from '@broker-kit/core/adapter/schemas.ts';
import { assertKycStatusEditable } from '@broker-kit/core/rules/kyc-case.ts';
import { assertDocumentFile, documentFileName, defaultKycType, kycTypePattern } from '@broker-kit/core/rules/kyc.ts';
import { maskSensitiveValues } from '@broker-kit/core/rules/sensitive.ts';
import { languages } from '@broker-kit/core/i18n/languages.ts';
import { audit, fail, readJson, requireModule, requireSession, type AppEnv, type Ctx } from '../http.ts';
import type { KycService } from '@broker-kit/core/services/kyc.ts';
import { kycServiceOf } from '../kyc/service.ts';
import { deleteKycDraft, getKycDraft, putKycDraft } from '../store/kyc-drafts.ts';
import { on } from './table.ts';

function kycTypeOf(value: unknown): string {
  if (value === undefined || value === null || value === '') return defaultKycType;
  if (typeof value !== 'string' || !kycTypePattern.test(value)) fail('INVALID_REQUEST', 'Bad kycType');
  return value;
}

/** A KYC type the broker configured, or NOT_FOUND. */
function configuredKycType(c: Ctx, value: unknown): string {
  const kycType = kycTypeOf(value);
  if (!Object.hasOwn(c.var.deps.config.kyc.types, kycType)) fail('NOT_FOUND', 'No such KYC type');
  return kycType;
}

function statusOf(c: Ctx, userId: number, kycType: string): Promise<KycStatus> {
  const { deps } = c.var;
  return kycServiceOf(deps).status(userId, kycType, getKycDraft(deps.stores.db, userId, kycType, deps.now()));
}

/** A draft is refused where a step would be: a case under review or standing. */
async function ensureEditable(c: Ctx, userId: number, kycType: string): Promise<void> {
  assertKycStatusEditable(await statusOf(c, userId, kycType));
}

export function kycRoutes(app: Hono<AppEnv>): void {
  // Every KYC answer may carry personal data: no cache keeps a copy (set before the handler builds its response).
  for (const path of ['/api/kyc', '/api/kyc/*'])
    app.use(path, async (c, next) => {
      c.header('Cache-Control', 'no-store');
      await next();
    });

  on(app, 'kycStatus', async (c) => {
    requireModule(c, 'kyc');
    const session = await requireSession(c);
    return c.json(await statusOf(c, session.userId, configuredKycType(c, c.req.query('kycType'))));
  });

  on(app, 'saveKycStep', async (c) => {
    requireModule(c, 'kyc');
    const session = await requireSession(c);
    const body = await readJson(c, kycStepRequestSchema);
    const kycType = configuredKycType(c, body.kycType);
    // Stored masked: a card number or an IBAN typed into a name or an address line is never kept whole.
    await kycServiceOf(c.var.deps).saveStep(session.userId, kycType, maskSensitiveValues(body));
    audit(c, { event: 'kyc.step', outcome: 'success', userId: session.userId, detail: { step: body.step, kycType } });
    return c.json(await statusOf(c, session.userId, kycType));
  });

  // The draft is not audited (it is not a decision) and never logged: only the access line, without a query.
  on(app, 'saveKycDraft', async (c) => {
    requireModule(c, 'kyc');
    const session = await requireSession(c);
    const declared = Number(c.req.header('content-length'));
    if (declared > kycDraftMaxBytes || Buffer.byteLength(await c.req.text()) > kycDraftMaxBytes)
      fail('PAYLOAD_TOO_LARGE', 'The draft is too large');
    const body = await readJson(c, kycDraftRequestSchema);
    const kycType = configuredKycType(c, body.kycType);
    await ensureEditable(c, session.userId, kycType);
    const { deps } = c.var;
    const now = deps.now();
    putKycDraft(deps.stores.db, {
      userId: session.userId,
      kycType,
      value: { step: body.step, values: body.values },
      now,
      expiresAt: now + deps.config.kyc.draftTtlHours * 3_600_000,
    });
    return c.body(null, 204);
  });

  on(app, 'uploadKycDocument', async (c) => {
    requireModule(c, 'kyc');
    const { deps } = c.var;
    const session = await requireSession(c);
    if (!(c.req.header('content-type') ?? '').startsWith('multipart/form-data'))
      fail('INVALID_REQUEST', 'Expected multipart/form-data');
    const form = await c.req.parseBody().catch(() => fail('INVALID_REQUEST', 'Malformed form'));
    const fields = z
      .object({
        documentType: z.enum(documentTypes),
        kycType: z.string().optional(),
        fileName: z.string().max(200).optional(),
        expiresOn: z.string().max(10).optional(),
        file: z.instanceof(File),
      })
      .safeParse(form);
    if (!fields.success) fail('INVALID_REQUEST', 'documentType and file are required');
    const kycType = configuredKycType(c, fields.data.kycType);
    const file = fields.data.file;
    await ensureEditable(c, session.userId, kycType);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const mimeType = assertDocumentFile({ size: file.size, head: bytes.subarray(0, 8) }, deps.config.kyc.maxFileSize);
    const document = await kycServiceOf(deps).addDocument(session.userId, kycType, {
      documentType: fields.data.documentType,
      fileName: documentFileName(fields.data.fileName ?? file.name),
      size: bytes.length,
      mimeType,
      ...(fields.data.expiresOn && { expiresOn: fields.data.expiresOn }),
      bytes,
    });
    audit(c, {
      event: 'kyc.document.upload',
      outcome: 'success',
      userId: session.userId,
      detail: { documentType: document.documentType, size: bytes.length, mimeType },
    });
    return c.json(document);
  });

  on(app, 'removeKycDocument', async (c) => {
    requireModule(c, 'kyc');
    const session = await requireSession(c);
    const kycType = await kycServiceOf(c.var.deps).removeDocument(session.userId, c.req.param('id') ?? '');
    audit(c, { event: 'kyc.document.remove', outcome: 'success', userId: session.userId });
    return c.json(await statusOf(c, session.userId, kycType));
  });

  on(app, 'submitKyc', async (c) => {
    requireModule(c, 'kyc');
    const session = await requireSession(c);
    const body = await readJson(
      c,
      z.object({ kycType: z.string().optional(), idempotencyKey: z.string().min(8).max(100) }),
    );
    const kycType = configuredKycType(c, body.kycType);
    const { db } = c.var.deps.stores;
    const { replayed } = await kycServiceOf(c.var.deps).submit(session.userId, kycType, body.idempotencyKey);
    if (!replayed) {
      // Everything is in the case now: the unsaved input has no further use.
      deleteKycDraft(db, session.userId, kycType);
      audit(c, { event: 'kyc.submit', outcome: 'success', userId: session.userId, detail: { kycType } });
    }
    return c.json(await statusOf(c, session.userId, kycType));
  });

  // A broker with a verification vendor: the trader's check starts here and comes back to the KYC screen.
  on(app, 'startKycCheck', async (c) => {
    requireModule(c, 'kyc');
    const session = await requireSession(c);
    const body = await readJson(c, kycCheckRequestSchema);
    const kycType = configuredKycType(c, body.kycType);
    const { deps } = c.var;
    const language = (languages as readonly string[]).includes(body.language ?? '') ? body.language! : 'en';
    const next = await kycServiceOf(deps).startCheck(
      session.userId,
      kycType,
      {
        returnUrl: `${deps.config.publicUrl}/inapp/kyc?lang=${language}${kycType === defaultKycType ? '' : `&kycType=${kycType}`}`,
        webhookUrl: `${deps.config.publicUrl}${kycWebhookPath}`,
      },
      language,
    );
    deleteKycDraft(deps.stores.db, session.userId, kycType);
    audit(c, { event: 'kyc.check.start', outcome: 'success', userId: session.userId, detail: { kycType } });
    return c.json(next);
  });
}

export const kycWebhookPath = '/webhooks/kyc';

/** The vendor's webhook: outside /api/, called server to server with its signature, not a session. */
export function kycWebhookRoutes(app: Hono<AppEnv>): void {
  app.post(kycWebhookPath, async (c) => {
    c.header('Cache-Control', 'no-store');
    const raw = await c.req.text();
    let answer: Awaited<ReturnType<KycService['handleVendorWebhook']>>;
    try {
      answer = await kycServiceOf(c.var.deps).handleVendorWebhook(raw, c.req.raw.headers);
    } catch (error) {
      audit(c, { event: 'kyc.webhook', outcome: 'failure', detail: { reason: 'rejected' } });
      throw error;
    }
    const { outcome, userId, record } = answer;
    if (outcome === 'unknown-check') fail('NOT_FOUND', 'No such check');
    audit(c, {
      event: record ? `kyc.review.${record.decision}` : 'kyc.webhook',
      outcome: 'success',
      userId,
      actor: record?.reviewer ?? 'vendor',
      detail: { outcome, ...(record && { kycType: record.kycType, source: 'vendor', to: record.to }) },
    });
    return c.json({ received: true, outcome });
  });
}
