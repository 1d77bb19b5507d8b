// KYC cases in SQLite: the case row (kyc_submissions), its documents with their files (kyc_documents), the
// append-only history of decisions (kyc_decisions) and the vendor events already applied (kyc_vendor_events).
// A change is one IMMEDIATE transaction (read, decide with the rules, write), so two processes never both decide.
import type Database from 'better-sqlite3';
import type { KycCorrection, KycStatusValue, LocalizedText } from '@broker-kit/core/adapter/schemas.ts';
import type {
  KycCaseChange,
  KycCaseFilter,
  KycCaseStore,
  KycCaseSummary,
  KycDocumentFile,
} from '@broker-kit/core/services/kyc.ts';
import {
  newKycCase,
  type KycCase,
  type KycCaseDocument,
  type KycDecisionRecord,
} from '@broker-kit/core/rules/kyc-case.ts';
import { statement } from './sqlite.ts';

interface CaseRow {
  user_id: number;
  kyc_type: string;
  status: KycStatusValue;
  personal: string | null;
  address: string | null;
  reasons: string;
  corrections: string;
  idempotency_key: string | null;
  submitted_at: number | null;
  approved_at: number | null;
  due_at: number | null;
  check_id: string | null;
  check_started_at: number | null;
  updated_at: number;
}

interface DocumentRow {
  id: string;
  document_type: KycCaseDocument['documentType'];
  file_name: string;
  mime_type: string;
  size: number;
  expires_on: string | null;
  state: KycCaseDocument['state'];
  created_at: number;
}

interface DecisionRow {
  kyc_type: string;
  decision: KycDecisionRecord['decision'];
  items: string;
  note: string | null;
  reviewer: string;
  source: KycDecisionRecord['source'];
  from_status: KycStatusValue;
  to_status: KycStatusValue;
  at: number;
}

const documentColumns =
  'id, document_type, file_name, mime_type, size, expires_on, state, created_at FROM kyc_documents WHERE user_id = ? AND kyc_type = ?';

function documentFromRow(row: DocumentRow): KycCaseDocument {
  return {
    id: row.id,
    documentType: row.document_type,
    fileName: row.file_name,
    size: row.size,
    mimeType: row.mime_type,
    ...(row.expires_on !== null && { expiresOn: row.expires_on }),
    uploadedAt: row.created_at,
    state: row.state,
  };
}

export class SqliteKycCaseStore implements KycCaseStore {
  constructor(private readonly db: Database.Database) {}

  private row(userId: number, kycType: string): CaseRow | undefined {
    return statement(this.db, 'SELECT * FROM kyc_submissions WHERE user_id = ? AND kyc_type = ?').get(
      userId,
      kycType,
    ) as CaseRow | undefined;
  }

  private documents(userId: number, kycType: string): KycCaseDocument[] {
    return (
      statement(this.db, `SELECT ${documentColumns} ORDER BY created_at, rowid`).all(userId, kycType) as DocumentRow[]
    ).map(documentFromRow);
  }

  get(userId: number, kycType: string): KycCase | undefined {
    const row = this.row(userId, kycType);
    const documents = this.documents(userId, kycType);
    if (!row && documents.length === 0) return undefined;
    return {
      ...newKycCase(kycType),
      ...(row && {
        status: row.status,
        ...(row.personal && { personal: JSON.parse(row.personal) as KycCase['personal'] }),
        ...(row.address && { address: JSON.parse(row.address) as KycCase['address'] }),
        corrections: JSON.parse(row.corrections) as KycCorrection[],
        notes: JSON.parse(row.reasons) as LocalizedText[],
        ...(row.submitted_at !== null && { submittedAt: row.submitted_at }),
        ...(row.approved_at !== null && { approvedAt: row.approved_at }),
        ...(row.check_id !== null && { check: { id: row.check_id, startedAt: row.check_started_at ?? 0 } }),
      }),
      // The history stays in the table; the case works with what the trader still has.
      documents: documents.filter((document) => document.state === 'current'),
    };
  }

  submissionKey(userId: number, kycType: string): string | undefined {
    return this.row(userId, kycType)?.idempotency_key ?? undefined;
  }

  change<T>(userId: number, kycType: string, now: number, decide: (kycCase: KycCase) => KycCaseChange<T>): T {
    return this.db
      .transaction(() => {
        const before = this.get(userId, kycType) ?? newKycCase(kycType);
        const change = decide(before);
        if (change.kycCase) this.write(userId, before, { ...change, kycCase: change.kycCase }, now);
        return change.result;
      })
      .immediate();
  }

  private write<T>(
    userId: number,
    before: KycCase,
    change: KycCaseChange<T> & { kycCase: KycCase },
    now: number,
  ): void {
    const { kycCase, decision } = change;
    statement(
      this.db,
      `INSERT INTO kyc_submissions (user_id, kyc_type, status, personal, address, reasons, corrections, idempotency_key,
         submitted_at, approved_at, due_at, check_id, check_started_at, updated_at)
       VALUES (@userId, @kycType, @status, @personal, @address, @reasons, @corrections, @key, @submittedAt, @approvedAt,
         @dueAt, @checkId, @checkStartedAt, @now)
       ON CONFLICT (user_id, kyc_type) DO UPDATE SET status = excluded.status, personal = excluded.personal,
         address = excluded.address, reasons = excluded.reasons, corrections = excluded.corrections,
         idempotency_key = COALESCE(excluded.idempotency_key, idempotency_key), submitted_at = excluded.submitted_at,
         approved_at = excluded.approved_at, due_at = excluded.due_at, check_id = excluded.check_id,
         check_started_at = excluded.check_started_at, updated_at = excluded.updated_at`,
    ).run({
      userId,
      kycType: kycCase.kycType,
      status: kycCase.status,
      personal: kycCase.personal ? JSON.stringify(kycCase.personal) : null,
      address: kycCase.address ? JSON.stringify(kycCase.address) : null,
      reasons: JSON.stringify(kycCase.notes),
      corrections: JSON.stringify(kycCase.corrections),
      key: change.idempotencyKey ?? null,
      submittedAt: kycCase.submittedAt ?? null,
      approvedAt: kycCase.approvedAt ?? null,
      dueAt: change.dueAt ?? null,
      checkId: kycCase.check?.id ?? null,
      checkStartedAt: kycCase.check?.startedAt ?? null,
      now,
    });
    const kept = new Set(kycCase.documents.map((document) => document.id));
    for (const document of before.documents)
      if (!kept.has(document.id))
        statement(this.db, 'DELETE FROM kyc_documents WHERE id = ? AND user_id = ?').run(document.id, userId);
    const known = new Set(before.documents.map((document) => document.id));
    for (const document of kycCase.documents) {
      if (known.has(document.id)) {
        statement(this.db, 'UPDATE kyc_documents SET state = ?, expires_on = ? WHERE id = ? AND user_id = ?').run(
          document.state,
          document.expiresOn ?? null,
          document.id,
          userId,
        );
        continue;
      }
      const file = change.files?.get(document.id);
      if (!file) throw new Error(`No file for the new document ${document.id}`);
      statement(
        this.db,
        `INSERT INTO kyc_documents (id, user_id, kyc_type, document_type, file_name, mime_type, size, data, created_at,
           expires_on, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        document.id,
        userId,
        kycCase.kycType,
        document.documentType,
        document.fileName,
        document.mimeType,
        document.size,
        Buffer.from(file),
        document.uploadedAt,
        document.expiresOn ?? null,
        document.state,
      );
    }
    if (kycCase.check)
      statement(
        this.db,
        'INSERT INTO kyc_checks (check_id, user_id, kyc_type, started_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(kycCase.check.id, userId, kycCase.kycType, kycCase.check.startedAt);
    if (decision)
      statement(
        this.db,
        `INSERT INTO kyc_decisions (user_id, kyc_type, decision, items, note, reviewer, source, from_status, to_status, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        userId,
        kycCase.kycType,
        decision.decision,
        JSON.stringify(decision.items),
        decision.note ?? null,
        decision.reviewer,
        decision.source,
        decision.from,
        decision.to,
        decision.at,
      );
  }

  private where(filter: Omit<KycCaseFilter, 'limit' | 'offset'>): { sql: string; params: unknown[] } {
    const clauses: [string, unknown][] = [];
    if (filter.status) clauses.push(['s.status = ?', filter.status]);
    if (filter.kycType) clauses.push(['s.kyc_type = ?', filter.kycType]);
    if (filter.due === true) clauses.push(["s.status = 'approved' AND s.due_at <= ?", filter.now]);
    if (filter.due === false) clauses.push(['(s.due_at IS NULL OR s.due_at > ?)', filter.now]);
    return {
      sql: clauses.length > 0 ? `WHERE ${clauses.map(([clause]) => clause).join(' AND ')}` : '',
      params: clauses.map(([, param]) => param),
    };
  }

  list(filter: KycCaseFilter): { cases: KycCaseSummary[]; total: number } {
    const { sql, params } = this.where(filter);
    const from = `FROM kyc_submissions s JOIN users u ON u.user_id = s.user_id ${sql}`;
    const total = (this.db.prepare(`SELECT count(*) AS count ${from}`).get(...params) as { count: number }).count;
    // Oldest submission first: the queue a reviewer works through.
    const rows = this.db
      .prepare(
        `SELECT s.user_id, u.email, s.kyc_type, s.status, s.submitted_at, s.approved_at, s.due_at, s.updated_at ${from}
         ORDER BY s.submitted_at IS NULL, s.submitted_at, s.updated_at, s.user_id, s.kyc_type LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit, filter.offset) as (Pick<
      CaseRow,
      'user_id' | 'kyc_type' | 'status' | 'submitted_at' | 'approved_at' | 'due_at' | 'updated_at'
    > & { email: string })[];
    return {
      total,
      cases: rows.map((row) => ({
        userId: row.user_id,
        email: row.email,
        kycType: row.kyc_type,
        status: row.status,
        ...(row.submitted_at !== null && { submittedAt: row.submitted_at }),
        ...(row.approved_at !== null && { approvedAt: row.approved_at }),
        ...(row.due_at !== null && { dueAt: row.due_at }),
        updatedAt: row.updated_at,
      })),
    };
  }

  counts(now: number): { byStatus: Partial<Record<KycStatusValue, number>>; due: number } {
    const rows = statement(this.db, 'SELECT status, count(*) AS count FROM kyc_submissions GROUP BY status').all() as {
      status: KycStatusValue;
      count: number;
    }[];
    const due = statement(
      this.db,
      "SELECT count(*) AS count FROM kyc_submissions WHERE status = 'approved' AND due_at <= ?",
    ).get(now) as { count: number };
    return { byStatus: Object.fromEntries(rows.map((row) => [row.status, row.count])), due: due.count };
  }

  decisions(userId: number, kycType: string): KycDecisionRecord[] {
    const rows = statement(this.db, 'SELECT * FROM kyc_decisions WHERE user_id = ? AND kyc_type = ? ORDER BY id').all(
      userId,
      kycType,
    ) as DecisionRow[];
    return rows.map((row) => ({
      kycType: row.kyc_type,
      decision: row.decision,
      items: JSON.parse(row.items) as KycDecisionRecord['items'],
      ...(row.note !== null && { note: row.note }),
      reviewer: row.reviewer,
      source: row.source,
      from: row.from_status,
      to: row.to_status,
      at: row.at,
    }));
  }

  documentCase(userId: number, id: string): string | undefined {
    const row = statement(
      this.db,
      "SELECT kyc_type FROM kyc_documents WHERE id = ? AND user_id = ? AND state = 'current'",
    ).get(id, userId) as { kyc_type: string } | undefined;
    return row?.kyc_type;
  }

  documentHistory(userId: number, kycType: string): KycCaseDocument[] {
    return this.documents(userId, kycType);
  }

  documentFile(userId: number, id: string): KycDocumentFile | undefined {
    const row = statement(
      this.db,
      'SELECT file_name AS fileName, mime_type AS mimeType, data FROM kyc_documents WHERE id = ? AND user_id = ?',
    ).get(id, userId) as KycDocumentFile | undefined;
    return row;
  }

  byCheck(checkId: string): { userId: number; kycType: string } | undefined {
    const row = statement(this.db, 'SELECT user_id, kyc_type FROM kyc_checks WHERE check_id = ?').get(checkId) as
      { user_id: number; kyc_type: string } | undefined;
    return row && { userId: row.user_id, kycType: row.kyc_type };
  }

  recordVendorEvent(eventId: string, checkId: string, outcome: string, at: number): boolean {
    return (
      statement(
        this.db,
        'INSERT INTO kyc_vendor_events (event_id, check_id, outcome, at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(eventId, checkId, outcome, at).changes === 1
    );
  }
}
