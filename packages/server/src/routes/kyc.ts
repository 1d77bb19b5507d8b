// KYC: steps, documents (kept in the database, size-capped, type checked by content), the user's unsaved
// draft and submission.
import type { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import * as z from 'zod';
import {
  documentTypes,
  kycDraftMaxBytes,
  kycDraftRequestSchema,
  kycStepRequestSchema,
  type KycStatus,
} from '@broker-kit/core/adapter/schemas.ts';
import {
  assertKycAddress,
  assertKycComplete,
  assertKycEditable,
  assertKycPersonal,
  assertDocumentFile,
  acceptedDocumentMimeTypes,
  documentFileName,
  defaultKycType,
  kycTypePattern,
} from '@broker-kit/core/rules/kyc.ts';
import { maskSensitiveValues } from '@broker-kit/core/rules/sensitive.ts';
import { audit, fail, readJson, requireModule, requireSession, type AppEnv, type Ctx } from '../http.ts';
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

function statusOf(c: Ctx, userId: number, kycType: string): KycStatus {
  const { db } = c.var.deps.stores;
  const { kyc } = c.var.deps.config;
  const row = db.prepare('SELECT * FROM kyc_submissions WHERE user_id = ? AND kyc_type = ?').get(userId, kycType) as
    { status: KycStatus['status']; personal: string | null; address: string | null; reasons: string } | undefined;
  const documents = db
    .prepare(
      'SELECT id, document_type AS documentType, file_name AS fileName, size, mime_type AS mimeType FROM kyc_documents WHERE user_id = ? AND kyc_type = ? ORDER BY created_at',
    )
    .all(userId, kycType) as KycStatus['documents'];
  const draft = getKycDraft(db, userId, kycType, c.var.deps.now());
  return {
    kycType,
    status: row?.status ?? 'not_started',
    reasons: row ? (JSON.parse(row.reasons) as string[]) : [],
    requiredDocuments: kyc.types[kycType]!.requiredDocuments,
    ...(row?.personal && { personal: JSON.parse(row.personal) as KycStatus['personal'] }),
    ...(row?.address && { address: JSON.parse(row.address) as KycStatus['address'] }),
    documents,
    maxFileSize: kyc.maxFileSize,
    acceptedMimeTypes: [...acceptedDocumentMimeTypes],
    ...(draft && { draft }),
  };
}

function ensureEditable(c: Ctx, userId: number, kycType: string): void {
  assertKycEditable(statusOf(c, userId, kycType).status);
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
    return c.json(statusOf(c, session.userId, configuredKycType(c, c.req.query('kycType'))));
  });

  on(app, 'saveKycStep', async (c) => {
    requireModule(c, 'kyc');
    const session = await requireSession(c);
    const body = await readJson(c, kycStepRequestSchema);
    const kycType = configuredKycType(c, body.kycType);
    if (body.step === 'personal') assertKycPersonal(body.data, c.var.deps.now());
    else assertKycAddress(body.data);
    ensureEditable(c, session.userId, kycType);
    const column = body.step === 'personal' ? 'personal' : 'address';
    c.var.deps.stores.db
      .prepare(
        `INSERT INTO kyc_submissions (user_id, kyc_type, status, ${column}, updated_at) VALUES (?, ?, 'in_progress', ?, ?)
         ON CONFLICT (user_id, kyc_type) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at,
           status = CASE WHEN status = 'not_started' THEN 'in_progress' ELSE status END`,
      )
      .run(session.userId, kycType, JSON.stringify(maskSensitiveValues(body.data)), c.var.deps.now());
    audit(c, { event: 'kyc.step', outcome: 'success', userId: session.userId, detail: { step: body.step, kycType } });
    return c.json(statusOf(c, session.userId, kycType));
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
    ensureEditable(c, session.userId, kycType);
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
        file: z.instanceof(File),
      })
      .safeParse(form);
    if (!fields.success) fail('INVALID_REQUEST', 'documentType and file are required');
    const kycType = configuredKycType(c, fields.data.kycType);
    const file = fields.data.file;
    ensureEditable(c, session.userId, kycType);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const mimeType = assertDocumentFile({ size: file.size, head: bytes.subarray(0, 8) }, deps.config.kyc.maxFileSize);
    const fileName = documentFileName(fields.data.fileName ?? file.name);
    const id = randomUUID();
    deps.stores.db
      .prepare(
        'INSERT INTO kyc_documents (id, user_id, kyc_type, document_type, file_name, mime_type, size, data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        session.userId,
        kycType,
        fields.data.documentType,
        fileName,
        mimeType,
        bytes.length,
        Buffer.from(bytes),
        deps.now(),
      );
    audit(c, {
      event: 'kyc.document.upload',
      outcome: 'success',
      userId: session.userId,
      detail: { documentType: fields.data.documentType, size: bytes.length, mimeType },
    });
    return c.json({ id, documentType: fields.data.documentType, fileName, size: bytes.length, mimeType });
  });

  on(app, 'removeKycDocument', async (c) => {
    requireModule(c, 'kyc');
    const session = await requireSession(c);
    const { db } = c.var.deps.stores;
    const row = db
      .prepare('SELECT kyc_type FROM kyc_documents WHERE id = ? AND user_id = ?')
      .get(c.req.param('id') ?? '', session.userId) as { kyc_type: string } | undefined;
    if (!row) fail('NOT_FOUND', 'No such document');
    ensureEditable(c, session.userId, row.kyc_type);
    db.prepare('DELETE FROM kyc_documents WHERE id = ? AND user_id = ?').run(c.req.param('id'), session.userId);
    audit(c, { event: 'kyc.document.remove', outcome: 'success', userId: session.userId });
    return c.json(statusOf(c, session.userId, row.kyc_type));
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
    const current = db
      .prepare('SELECT idempotency_key FROM kyc_submissions WHERE user_id = ? AND kyc_type = ?')
      .get(session.userId, kycType) as { idempotency_key: string | null } | undefined;
    if (current?.idempotency_key === body.idempotencyKey) return c.json(statusOf(c, session.userId, kycType));
    assertKycComplete(statusOf(c, session.userId, kycType));
    db.transaction(() => {
      db.prepare(
        "UPDATE kyc_submissions SET status = 'pending', idempotency_key = ?, submitted_at = ?, updated_at = ? WHERE user_id = ? AND kyc_type = ?",
      ).run(body.idempotencyKey, c.var.deps.now(), c.var.deps.now(), session.userId, kycType);
      // Everything is in the case now: the unsaved input has no further use.
      deleteKycDraft(db, session.userId, kycType);
    })();
    audit(c, { event: 'kyc.submit', outcome: 'success', userId: session.userId, detail: { kycType } });
    return c.json(statusOf(c, session.userId, kycType));
  });
}
