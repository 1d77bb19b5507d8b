// The KYC cases of the in-memory backend: the same records the SQLite store keeps, in maps. Only the session's
// own user ever reaches one; the back-office calls are the MemoryAdapter's review hooks.
import type { KycStatusValue } from '../adapter/schemas.ts';
import type { KycCase, KycCaseDocument, KycDecisionRecord } from '../rules/kyc-case.ts';
import type { KycCaseChange, KycCaseFilter, KycCaseStore, KycCaseSummary, KycDocumentFile } from './kyc.ts';
import { newKycCase } from '../rules/kyc-case.ts';

interface Kept {
  userId: number;
  kycCase: KycCase;
  /** Every document ever added, with its state (the case itself holds the current ones). */
  history: KycCaseDocument[];
  files: Map<string, Uint8Array>;
  decisions: KycDecisionRecord[];
  idempotencyKey?: string;
  dueAt?: number;
  updatedAt: number;
}

export class MemoryKycCaseStore implements KycCaseStore {
  private readonly cases = new Map<string, Kept>();
  private readonly vendorEvents = new Set<string>();
  /** Every vendor check ever started, to its case: a late result of a replaced one still finds it. */
  private readonly checks = new Map<string, { userId: number; kycType: string }>();

  /** `emailOf` names a case's user in the lists. */
  constructor(private readonly emailOf: (userId: number) => string = () => '') {}

  private kept(userId: number, kycType: string): Kept | undefined {
    return this.cases.get(`${userId}|${kycType}`);
  }

  /** Puts a case in place as it stands (the demo's starting data). */
  seed(userId: number, kycCase: KycCase, now: number): void {
    this.cases.set(`${userId}|${kycCase.kycType}`, {
      userId,
      kycCase: structuredClone(kycCase),
      history: structuredClone(kycCase.documents),
      files: new Map(),
      decisions: [],
      updatedAt: now,
    });
  }

  /** Replaces the words to the trader of a case (the demo's officer writes them in several languages). */
  setNotes(userId: number, kycType: string, notes: KycCase['notes']): void {
    const kept = this.kept(userId, kycType);
    if (kept) kept.kycCase.notes = structuredClone(notes);
  }

  get(userId: number, kycType: string): KycCase | undefined {
    const kept = this.kept(userId, kycType);
    return kept && structuredClone(kept.kycCase);
  }

  submissionKey(userId: number, kycType: string): string | undefined {
    return this.kept(userId, kycType)?.idempotencyKey;
  }

  change<T>(userId: number, kycType: string, now: number, decide: (kycCase: KycCase) => KycCaseChange<T>): T {
    const before = this.get(userId, kycType) ?? newKycCase(kycType);
    const change = decide(before);
    if (!change.kycCase) return change.result;
    const kept: Kept = this.kept(userId, kycType) ?? {
      userId,
      kycCase: before,
      history: [],
      files: new Map(),
      decisions: [],
      updatedAt: now,
    };
    const current = new Map(change.kycCase.documents.map((document) => [document.id, document]));
    kept.history = kept.history
      .filter((document) => current.has(document.id) || document.state !== 'current')
      .map((document) => current.get(document.id) ?? document);
    for (const document of change.kycCase.documents)
      if (!kept.history.some((known) => known.id === document.id)) kept.history.push(document);
    for (const [id, file] of change.files ?? []) kept.files.set(id, file);
    kept.kycCase = {
      ...structuredClone(change.kycCase),
      documents: change.kycCase.documents.filter((document) => document.state === 'current'),
    };
    if (change.kycCase.check) this.checks.set(change.kycCase.check.id, { userId, kycType });
    if (change.decision) kept.decisions.push(change.decision);
    if (change.idempotencyKey !== undefined) kept.idempotencyKey = change.idempotencyKey;
    kept.dueAt = change.dueAt;
    kept.updatedAt = now;
    this.cases.set(`${userId}|${kycType}`, kept);
    return change.result;
  }

  documentCase(userId: number, id: string): string | undefined {
    for (const kept of this.cases.values())
      if (kept.userId === userId && kept.kycCase.documents.some((document) => document.id === id))
        return kept.kycCase.kycType;
    return undefined;
  }

  private matches(kept: Kept, filter: Omit<KycCaseFilter, 'limit' | 'offset'>): boolean {
    const { status } = kept.kycCase;
    const due = status === 'approved' && kept.dueAt !== undefined && kept.dueAt <= filter.now;
    return (
      (!filter.status || status === filter.status) &&
      (!filter.kycType || kept.kycCase.kycType === filter.kycType) &&
      (filter.due === undefined || due === filter.due)
    );
  }

  list(filter: KycCaseFilter): { cases: KycCaseSummary[]; total: number } {
    const found = [...this.cases.values()]
      .filter((kept) => this.matches(kept, filter))
      .sort(
        (a, b) =>
          (a.kycCase.submittedAt ?? Infinity) - (b.kycCase.submittedAt ?? Infinity) || a.updatedAt - b.updatedAt,
      );
    return {
      total: found.length,
      cases: found.slice(filter.offset, filter.offset + filter.limit).map((kept) => ({
        userId: kept.userId,
        email: this.emailOf(kept.userId),
        kycType: kept.kycCase.kycType,
        status: kept.kycCase.status,
        ...(kept.kycCase.submittedAt !== undefined && { submittedAt: kept.kycCase.submittedAt }),
        ...(kept.kycCase.approvedAt !== undefined && { approvedAt: kept.kycCase.approvedAt }),
        ...(kept.dueAt !== undefined && { dueAt: kept.dueAt }),
        updatedAt: kept.updatedAt,
      })),
    };
  }

  counts(now: number): { byStatus: Partial<Record<KycStatusValue, number>>; due: number } {
    const byStatus: Partial<Record<KycStatusValue, number>> = {};
    for (const kept of this.cases.values()) byStatus[kept.kycCase.status] = (byStatus[kept.kycCase.status] ?? 0) + 1;
    const due = [...this.cases.values()].filter((kept) => this.matches(kept, { now, due: true })).length;
    return { byStatus, due };
  }

  decisions(userId: number, kycType: string): KycDecisionRecord[] {
    return structuredClone(this.kept(userId, kycType)?.decisions ?? []);
  }

  documentHistory(userId: number, kycType: string): KycCaseDocument[] {
    return structuredClone(this.kept(userId, kycType)?.history ?? []);
  }

  documentFile(userId: number, id: string): KycDocumentFile | undefined {
    for (const kept of this.cases.values()) {
      const document = kept.userId === userId ? kept.history.find((known) => known.id === id) : undefined;
      const data = kept.files.get(id);
      if (document && data) return { fileName: document.fileName, mimeType: document.mimeType, data };
    }
    return undefined;
  }

  byCheck(checkId: string): { userId: number; kycType: string } | undefined {
    return this.checks.get(checkId);
  }

  recordVendorEvent(eventId: string): boolean {
    if (this.vendorEvents.has(eventId)) return false;
    this.vendorEvents.add(eventId);
    return true;
  }
}
