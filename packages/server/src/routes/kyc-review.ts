// The back office's KYC review: the broker's staff list cases by status (paged, filtered, counted for a console),
// read a case with its documents and its history of decisions, open a document's file, and decide: approve, reject
// with reasons per field or document, or ask for a resubmission. Server to server with the CRM API credential, as
// the ribbons API; every decision names the staff member who made it and is audited.
import type { Hono } from 'hono';
import * as z from 'zod';
import { kycItems, kycReviewReasons, kycStatuses } from '@broker-kit/core/adapter/schemas.ts';
import { kycDecisions } from '@broker-kit/core/rules/kyc-case.ts';
import { kycTypePattern } from '@broker-kit/core/rules/kyc.ts';
import { audit, fail, readJson, requireModule, type AppEnv, type Ctx } from '../http.ts';
import type { KycCaseDetail } from '@broker-kit/core/services/kyc.ts';
import { kycServiceOf } from '../kyc/service.ts';
import { requireClient, userIdParam } from './backoffice.ts';

const base = '/api/backoffice/kyc';

/** Who decides: a staff member's id in the broker's own directory (an e-mail address or a login). */
const reviewerSchema = z
  .string()
  .trim()
  .regex(/^[\w.@+-]{1,100}$/, 'a staff id: letters, digits and . @ + - _');

const decisionBodySchema = z.object({
  reviewer: reviewerSchema,
  items: z
    .array(
      z.object({
        item: z.enum(kycItems),
        reason: z.enum(kycReviewReasons),
        note: z.string().trim().min(1).max(500).optional(),
      }),
    )
    .max(30)
    .default([]),
  /** Words to the trader, shown as written. */
  note: z.string().trim().min(1).max(1000).optional(),
});

const listQuerySchema = z.object({
  status: z.enum(kycStatuses).optional(),
  kycType: z.string().regex(kycTypePattern).optional(),
  due: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const iso = (at: number | undefined) => (at === undefined ? undefined : new Date(at).toISOString());

/** A case for the console: instants as ISO strings. */
function detailJson(detail: KycCaseDetail) {
  return {
    ...detail,
    submittedAt: iso(detail.submittedAt),
    approvedAt: iso(detail.approvedAt),
    documents: detail.documents.map((document) => ({ ...document, uploadedAt: iso(document.uploadedAt) })),
    decisions: detail.decisions.map((decision) => ({ ...decision, at: iso(decision.at) })),
  };
}

function kycTypeParam(c: Ctx): string {
  const kycType = c.req.param('kycType') ?? '';
  if (!kycTypePattern.test(kycType)) fail('INVALID_REQUEST', 'Bad kycType');
  kycServiceOf(c.var.deps).assertKycType(kycType);
  return kycType;
}

async function staffCall(c: Ctx): Promise<string> {
  const actor = await requireClient(c);
  requireModule(c, 'kyc');
  return actor;
}

export function kycReviewRoutes(app: Hono<AppEnv>): void {
  app.get(`${base}/cases`, async (c) => {
    await staffCall(c);
    const query = listQuerySchema.safeParse(c.req.query());
    if (!query.success)
      fail('INVALID_REQUEST', 'status, kycType, due (true or false), limit (1-100) or offset is not valid');
    const { due, ...rest } = query.data;
    const { cases, total } = await kycServiceOf(c.var.deps).list({
      ...rest,
      ...(due !== undefined && { due: due === 'true' }),
    });
    return c.json({
      cases: cases.map((kycCase) => ({
        ...kycCase,
        submittedAt: iso(kycCase.submittedAt),
        approvedAt: iso(kycCase.approvedAt),
        dueAt: iso(kycCase.dueAt),
        updatedAt: iso(kycCase.updatedAt),
      })),
      total,
      limit: rest.limit,
      offset: rest.offset,
    });
  });

  app.get(`${base}/counts`, async (c) => {
    await staffCall(c);
    return c.json(await kycServiceOf(c.var.deps).counts());
  });

  app.get(`${base}/cases/:userId/:kycType`, async (c) => {
    await staffCall(c);
    const detail =
      (await kycServiceOf(c.var.deps).detail(userIdParam(c), kycTypeParam(c))) ?? fail('NOT_FOUND', 'No such KYC case');
    return c.json(detailJson(detail));
  });

  // The file of a document, for the reviewer's eyes only: never cached, never rendered by the browser as a page.
  app.get(`${base}/cases/:userId/:kycType/documents/:id`, async (c) => {
    const actor = await staffCall(c);
    const userId = userIdParam(c);
    kycTypeParam(c);
    const file =
      (await kycServiceOf(c.var.deps).documentFile(userId, c.req.param('id') ?? '')) ??
      fail('NOT_FOUND', 'No such document');
    audit(c, { event: 'kyc.document.read', outcome: 'success', userId, actor });
    return c.body(new Uint8Array(file.data), 200, {
      'Content-Type': file.mimeType,
      'Content-Disposition': `attachment; filename="document"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'X-Content-Type-Options': 'nosniff',
    });
  });

  // The reviewer records the expiry date printed on an identity document; a past one makes an approval due again.
  app.put(`${base}/cases/:userId/:kycType/documents/:id/expiry`, async (c) => {
    const actor = await staffCall(c);
    const userId = userIdParam(c);
    const kycType = kycTypeParam(c);
    const body = await readJson(c, z.object({ reviewer: reviewerSchema, expiresOn: z.string().max(10).nullable() }));
    await kycServiceOf(c.var.deps).setDocumentExpiry(
      userId,
      kycType,
      c.req.param('id') ?? '',
      body.expiresOn ?? undefined,
    );
    audit(c, {
      event: 'kyc.document.expiry',
      outcome: 'success',
      userId,
      actor,
      detail: { kycType, reviewer: body.reviewer },
    });
    return c.json(detailJson((await kycServiceOf(c.var.deps).detail(userId, kycType))!));
  });

  for (const decision of kycDecisions) {
    app.post(`${base}/cases/:userId/:kycType/${decision.replace('_', '-')}`, async (c) => {
      const actor = await staffCall(c);
      const userId = userIdParam(c);
      const kycType = kycTypeParam(c);
      const body = await readJson(c, decisionBodySchema);
      let record;
      try {
        record = await kycServiceOf(c.var.deps).decide(
          userId,
          kycType,
          { decision, items: body.items, ...(body.note && { note: body.note }) },
          { reviewer: body.reviewer, source: 'staff' },
        );
      } catch (error) {
        audit(c, {
          event: `kyc.review.${decision}`,
          outcome: 'failure',
          userId,
          actor,
          detail: { kycType, reviewer: body.reviewer },
        });
        throw error;
      }
      audit(c, {
        event: `kyc.review.${decision}`,
        outcome: 'success',
        userId,
        actor,
        detail: { kycType, reviewer: body.reviewer, from: record.from, to: record.to, items: record.items.length },
      });
      return c.json(detailJson((await kycServiceOf(c.var.deps).detail(userId, kycType))!));
    });
  }
}
