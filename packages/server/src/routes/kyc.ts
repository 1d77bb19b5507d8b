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
import { audit, fail, readJson, requireModule, requireSession, type AppEnv, type Ctx } from '../http.ts';
import { deleteKycDraft, getKycDraft, putKycDraft } from '../store/kyc-drafts.ts';
import { on } from './table.ts';

export const acceptedMimeTypes = ['image/png', 'image/jpeg', 'application/pdf'];
const kycTypePattern = /^[a-z][a-z0-9_-]{0,31}$/;

/** The file's real type from its first bytes; the name and the browser's claim are not trusted. */
export function sniffMime(bytes: Uint8Array): string | undefined {
  const starts = (...signature: number[]) => signature.every((byte, index) => bytes[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return undefined;
}

function kycTypeOf(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'default';
  if (typeof value !== 'string' || !kycTypePattern.test(value)) fail('INVALID_REQUEST', 'Bad kycType');
  return value;
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
    requiredDocuments: kyc.requiredDocuments,
    ...(row?.personal && { personal: JSON.parse(row.personal) as KycStatus['personal'] }),
    ...(row?.address && { address: JSON.parse(row.address) as KycStatus['address'] }),
    documents,
    maxFileSize: kyc.maxFileSize,
    acceptedMimeTypes,
    ...(draft && { draft }),
  };
}

function ensureEditable(c: Ctx, userId: number, kycType: string): void {
  const status = statusOf(c, userId, kycType).status;
  if (status === 'pending' || status === 'approved') fail('DUPLICATE_SUBMISSION', 'KYC already submitted');
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
    return c.json(statusOf(c, session.userId, kycTypeOf(c.req.query('kycType'))));
  });

  on(app, 'saveKycStep', async (c) => {
    requireModule(c, 'kyc');
    const session = await requireSession(c);
    const body = await readJson(c, kycStepRequestSchema);
    const kycType = kycTypeOf(body.kycType);
    const tooLong = Object.entries(body.data).find(
      ([name, value]) => typeof value === 'string' && (value.length > 200 || (!value.trim() && name !== 'line2')),
    );
    if (tooLong) fail('VALIDATION_FAILED', 'Invalid field', { fields: { [tooLong[0]]: 'invalid' } });
    ensureEditable(c, session.userId, kycType);
    const column = body.step === 'personal' ? 'personal' : 'address';
    c.var.deps.stores.db
      .prepare(
        `INSERT INTO kyc_submissions (user_id, kyc_type, status, ${column}, updated_at) VALUES (?, ?, 'in_progress', ?, ?)
         ON CONFLICT (user_id, kyc_type) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at,
           status = CASE WHEN status = 'not_started' THEN 'in_progress' ELSE status END`,
      )
      .run(session.userId, kycType, JSON.stringify(body.data), c.var.deps.now());
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
    const kycType = kycTypeOf(body.kycType);
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
    const kycType = kycTypeOf(fields.data.kycType);
    const file = fields.data.file;
    if (file.size === 0) fail('VALIDATION_FAILED', 'Empty file', { fields: { file: 'empty' } });
    if (file.size > deps.config.kyc.maxFileSize) fail('PAYLOAD_TOO_LARGE', 'File too large');
    const bytes = new Uint8Array(await file.arrayBuffer());
    const mimeType = sniffMime(bytes) ?? fail('UNSUPPORTED_FILE', 'Only PNG, JPEG and PDF are accepted');
    ensureEditable(c, session.userId, kycType);
    // Stored names are display text only, never a path: keep the base name, printable characters, 200 at most.
    const fileName =
      (fields.data.fileName ?? file.name)
        .split(/[\\/]/)
        .pop()!
        .replace(/[\p{C}]/gu, '')
        .slice(0, 200) || 'document';
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
    const kycType = kycTypeOf(body.kycType);
    const { db } = c.var.deps.stores;
    const current = db
      .prepare('SELECT idempotency_key FROM kyc_submissions WHERE user_id = ? AND kyc_type = ?')
      .get(session.userId, kycType) as { idempotency_key: string | null } | undefined;
    if (current?.idempotency_key === body.idempotencyKey) return c.json(statusOf(c, session.userId, kycType));
    ensureEditable(c, session.userId, kycType);
    const status = statusOf(c, session.userId, kycType);
    const fields: Record<string, string> = {};
    if (!status.personal) fields.personal = 'required';
    if (!status.address) fields.address = 'required';
    for (const type of status.requiredDocuments)
      if (!status.documents.some((doc) => doc.documentType === type)) fields[type] = 'required';
    if (Object.keys(fields).length > 0) fail('VALIDATION_FAILED', 'KYC is incomplete', { fields });
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
