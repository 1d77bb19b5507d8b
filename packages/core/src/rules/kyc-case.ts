// The life of a KYC case as one record: what the trader saves and uploads, what a reviewer (the broker's staff or a
// verification vendor) decides, what the trader must put right, and when an approval runs out. Pure functions from
// a case to the next case: the reference server and the in-memory backend keep the record, these decide.
import { BrokerKitError } from '../errors.ts';
import {
  kycItems,
  kycReviewReasons,
  type DocumentType,
  type KycCorrection,
  type KycDocument,
  type KycDueReason,
  type KycItem,
  type KycReviewReason,
  type KycStatus,
  type KycStatusValue,
  type LocalizedText,
} from '../adapter/schemas.ts';
import { addDays, defaultMinimumAge, futureDateProblem, isIsoDate, startOfIsoDate } from './dates.ts';
import {
  assertKycAddress,
  assertKycComplete,
  assertKycEditable,
  assertKycPersonal,
  documentExpired,
  expiringDocuments,
  requirementOf,
  type KycAddress,
  type KycPersonal,
} from './kyc.ts';
import { FieldCheck } from './problems.ts';

/** A document as the case keeps it: `rejected` by a review or `replaced` by a newer one, it stays in the history. */
export interface KycCaseDocument extends KycDocument {
  uploadedAt: number;
  state: 'current' | 'rejected' | 'replaced';
}

export interface KycCase {
  kycType: string;
  status: KycStatusValue;
  personal?: KycPersonal;
  address?: KycAddress;
  documents: KycCaseDocument[];
  /** What the last rejection or resubmission request (or an expiry) asks to put right; empty otherwise. */
  corrections: KycCorrection[];
  /** The last decision's words to the trader. */
  notes: LocalizedText[];
  submittedAt?: number;
  approvedAt?: number;
  /** The vendor check under way for this submission; a webhook of any other check is late and changes nothing. */
  check?: { id: string; startedAt: number };
}

/** The broker's settings a case is judged by. */
export interface KycPolicy {
  requiredDocuments: readonly DocumentType[];
  minimumAge: number;
  /** Days an approval lasts before a periodic review is due; 0: never. */
  reviewIntervalDays: number;
}

export const kycDecisions = ['approve', 'reject', 'request_resubmission'] as const;
export type KycDecision = (typeof kycDecisions)[number];

export interface KycReviewItem {
  item: KycItem;
  reason: KycReviewReason;
  note?: string;
}

export interface KycDecisionInput {
  decision: KycDecision;
  items: KycReviewItem[];
  /** Words to the trader, shown as written. */
  note?: string;
}

/** One decision in a case's history: who (a staff member or the vendor), what, when, and the move it made. */
export interface KycDecisionRecord extends KycDecisionInput {
  kycType: string;
  reviewer: string;
  source: 'staff' | 'vendor';
  from: KycStatusValue;
  to: KycStatusValue;
  at: number;
}

const decisionStatus: Record<KycDecision, KycStatusValue> = {
  approve: 'approved',
  reject: 'rejected',
  request_resubmission: 'resubmission_requested',
};

export function newKycCase(kycType: string): KycCase {
  return { kycType, status: 'not_started', documents: [], corrections: [], notes: [] };
}

const currentDocuments = (kycCase: KycCase) => kycCase.documents.filter((document) => document.state === 'current');

function isDocumentItem(item: KycItem): item is DocumentType {
  return !(kycItems.indexOf(item) < kycItems.indexOf('passport'));
}

/** For an approved case: when the approval runs out (the first document expiry or the periodic review) and why. */
export function reverificationOf(
  kycCase: KycCase,
  now: number,
  policy: Pick<KycPolicy, 'reviewIntervalDays'>,
): { dueAt: number; due: boolean; reasons: KycDueReason[] } | undefined {
  if (kycCase.status !== 'approved' || kycCase.approvedAt === undefined) return undefined;
  const ends: { at: number; reason: KycDueReason }[] = [];
  if (policy.reviewIntervalDays > 0)
    ends.push({ at: addDays(kycCase.approvedAt, policy.reviewIntervalDays), reason: 'periodic_review' });
  for (const document of currentDocuments(kycCase))
    // A document is valid through its last day: it has expired the day after.
    if (document.expiresOn)
      ends.push({ at: addDays(startOfIsoDate(document.expiresOn), 1), reason: 'document_expired' });
  if (ends.length === 0) return undefined;
  const dueAt = Math.min(...ends.map((end) => end.at));
  const reasons = [...new Set(ends.filter((end) => end.at <= now).map((end) => end.reason))];
  return { dueAt, due: dueAt <= now, reasons };
}

/** Whether the trader's verification stands today: approved and not due again. What a withdrawal gate asks. */
export function kycCleared(
  kycCase: KycCase | undefined,
  now: number,
  policy: Pick<KycPolicy, 'reviewIntervalDays'>,
): boolean {
  return kycCase?.status === 'approved' && reverificationOf(kycCase, now, policy)?.due !== true;
}

/** The expired documents of a due case, as corrections: each must be replaced. */
function expiryCorrections(kycCase: KycCase, now: number): KycCorrection[] {
  const expired = currentDocuments(kycCase).filter((document) => documentExpired(document, now));
  return [...new Set(expired.map((document) => requirementOf(document.documentType)))].map((item) => ({
    item,
    reason: 'expired',
    done: false,
  }));
}

/**
 * The case opened for an edit: an approval that is due again opens for re-verification (its expired documents to
 * replace); a rejected or sent-back case opens with its corrections; a submitted or standing one is refused.
 */
function opened(kycCase: KycCase, now: number, policy: KycPolicy): KycCase {
  if (kycCase.status === 'approved' && reverificationOf(kycCase, now, policy)?.due)
    return { ...kycCase, status: 'in_progress', corrections: expiryCorrections(kycCase, now), notes: [] };
  assertKycEditable(kycCase.status);
  return { ...kycCase, status: 'in_progress' };
}

/** Corrections of fields are done once saved; of documents, once a valid document meets the requirement again. */
function withCorrectionsChecked(kycCase: KycCase, savedFields: readonly string[], now: number): KycCase {
  const documents = currentDocuments(kycCase).filter((document) => !documentExpired(document, now));
  const corrections = kycCase.corrections.map((correction) => {
    if (!isDocumentItem(correction.item))
      return savedFields.includes(correction.item) ? { ...correction, done: true } : correction;
    const requirement = requirementOf(correction.item);
    const met = documents.some(
      (document) =>
        requirementOf(document.documentType) === requirement && document.uploadedAt >= (kycCase.submittedAt ?? 0),
    );
    return { ...correction, done: met };
  });
  return { ...kycCase, corrections };
}

const flaggedFields = (kycCase: KycCase) =>
  kycCase.corrections.map((correction) => correction.item).filter((item) => !isDocumentItem(item)) as string[];
const flaggedRequirements = (kycCase: KycCase) =>
  kycCase.corrections
    .map((correction) => correction.item)
    .filter(isDocumentItem)
    .map(requirementOf);

/** Saves the personal or address step. Under corrections only the fields the review named may change. */
export function saveKycCaseStep(
  kycCase: KycCase,
  step: { step: 'personal'; data: KycPersonal } | { step: 'address'; data: KycAddress },
  now: number,
  policy: KycPolicy,
): KycCase {
  if (step.step === 'personal') assertKycPersonal(step.data, now, policy.minimumAge);
  else assertKycAddress(step.data);
  const next = opened(kycCase, now, policy);
  if (next.corrections.length > 0) {
    const saved: Partial<Record<string, string>> = { ...(step.step === 'personal' ? next.personal : next.address) };
    const incoming: Partial<Record<string, string>> = { ...step.data };
    const flagged = flaggedFields(next);
    const check = new FieldCheck();
    for (const field of new Set([...Object.keys(saved), ...Object.keys(incoming)]))
      if (!flagged.includes(field) && (saved[field] ?? '') !== (incoming[field] ?? '')) check.add(field, 'invalid');
    if (!check.ok)
      throw new BrokerKitError('INVALID_REQUEST', 'Only the fields the review named may change', {
        fields: check.problems,
      });
  }
  const changed = step.step === 'personal' ? { ...next, personal: step.data } : { ...next, address: step.data };
  return withCorrectionsChecked(changed, Object.keys(step.data), now);
}

/**
 * Adds an uploaded document (its file already checked by `assertDocumentFile`). An identity document may carry its
 * expiry date (not every one has one), which must lie after today; other documents carry none. Under corrections
 * only the documents the review named are taken, and each replaces the one before it.
 */
export function addKycCaseDocument(kycCase: KycCase, document: KycDocument, now: number, policy: KycPolicy): KycCase {
  if (expiringDocuments.includes(document.documentType) && document.expiresOn !== undefined)
    new FieldCheck().add('expiresOn', futureDateProblem(document.expiresOn, now)).assert('Check the expiry date');
  const next = opened(kycCase, now, policy);
  const requirement = requirementOf(document.documentType);
  let documents = next.documents;
  if (next.corrections.length > 0) {
    if (!flaggedRequirements(next).includes(requirement))
      throw new BrokerKitError('INVALID_REQUEST', 'Only the documents the review named may be uploaded again', {
        fields: { documentType: 'invalid' },
      });
    documents = documents.map((kept) =>
      kept.state === 'current' && requirementOf(kept.documentType) === requirement
        ? { ...kept, state: 'replaced' as const }
        : kept,
    );
  }
  const { expiresOn, ...rest } = document;
  const added: KycCaseDocument = {
    ...rest,
    ...(expiringDocuments.includes(document.documentType) && expiresOn !== undefined && { expiresOn }),
    uploadedAt: now,
    state: 'current',
  };
  return withCorrectionsChecked({ ...next, documents: [...documents, added] }, [], now);
}

/** Removes a document the trader uploaded and has not submitted yet; NOT_FOUND for any other. */
export function removeKycCaseDocument(kycCase: KycCase, id: string, now: number, policy: KycPolicy): KycCase {
  const document = kycCase.documents.find((kept) => kept.id === id && kept.state === 'current');
  if (!document) throw new BrokerKitError('NOT_FOUND', 'No such document');
  const next = opened(kycCase, now, policy);
  if (next.corrections.length > 0 && !flaggedRequirements(next).includes(requirementOf(document.documentType)))
    throw new BrokerKitError('INVALID_REQUEST', 'Only the documents the review named may change');
  return withCorrectionsChecked({ ...next, documents: next.documents.filter((kept) => kept.id !== id) }, [], now);
}

/** Submits the case for review: complete, every correction done. A due approval may be confirmed as it stands. */
export function submitKycCase(kycCase: KycCase, now: number, policy: KycPolicy): KycCase {
  const next = opened(kycCase, now, policy);
  const documents = currentDocuments(next);
  const extra = next.corrections
    .filter((correction) => isDocumentItem(correction.item))
    .map((c) => requirementOf(c.item as DocumentType));
  assertKycComplete(
    { ...next, requiredDocuments: [...new Set([...policy.requiredDocuments, ...extra])], documents },
    now,
  );
  const check = new FieldCheck();
  for (const correction of next.corrections) if (!correction.done) check.add(correction.item, 'required');
  check.assert('Put right what the review named first');
  const { check: _superseded, ...rest } = next;
  return { ...rest, status: 'pending', submittedAt: now, corrections: [], notes: [] };
}

/** Checks a reviewer's decision: approve names nothing; a resubmission request names what to resubmit. */
export function assertKycDecision(kycCase: KycCase, input: KycDecisionInput): void {
  if (kycCase.status !== 'pending')
    throw new BrokerKitError('DUPLICATE_SUBMISSION', `A ${kycCase.status} case takes no decision`);
  const check = new FieldCheck();
  if (input.decision === 'approve' && input.items.length > 0) check.add('items', 'invalid');
  if (input.decision === 'request_resubmission' && input.items.length === 0) check.add('items', 'required');
  input.items.forEach((item, index) => {
    if (!kycItems.includes(item.item)) check.add(`items.${index}.item`, 'invalid');
    if (!kycReviewReasons.includes(item.reason)) check.add(`items.${index}.reason`, 'invalid');
  });
  check.assert('The decision is not valid');
}

/** Applies a decision to a submitted case; answers the case after it and the record for its history. */
export function decideKycCase(
  kycCase: KycCase,
  input: KycDecisionInput,
  by: { reviewer: string; source: 'staff' | 'vendor' },
  now: number,
): { kycCase: KycCase; record: KycDecisionRecord } {
  assertKycDecision(kycCase, input);
  const status = decisionStatus[input.decision];
  const requirements = input.items
    .map((item) => item.item)
    .filter(isDocumentItem)
    .map(requirementOf);
  const documents = kycCase.documents.map((document) =>
    document.state === 'current' && requirements.includes(requirementOf(document.documentType))
      ? { ...document, state: 'rejected' as const }
      : document,
  );
  const { check: _done, ...rest } = kycCase;
  const next: KycCase = {
    ...rest,
    status,
    documents,
    corrections: input.items.map((item) => ({
      item: item.item,
      reason: item.reason,
      ...(item.note !== undefined && { note: item.note }),
      done: false,
    })),
    notes: input.note ? [input.note] : [],
    ...(status === 'approved' && { approvedAt: now }),
  };
  return {
    kycCase: next,
    record: { ...input, kycType: kycCase.kycType, ...by, from: kycCase.status, to: status, at: now },
  };
}

/** The case as the trader's screen reads it (`kycStatus`), with the view of an approval that is due again. */
export function kycStatusOf(
  kycCase: KycCase,
  now: number,
  policy: KycPolicy,
  extras: Pick<KycStatus, 'maxFileSize' | 'acceptedMimeTypes' | 'provider'> & Pick<Partial<KycStatus>, 'draft'>,
): KycStatus {
  const reverification = reverificationOf(kycCase, now, policy);
  const corrections = reverification?.due ? expiryCorrections(kycCase, now) : kycCase.corrections;
  return {
    kycType: kycCase.kycType,
    status: kycCase.status,
    reasons: kycCase.notes,
    requiredDocuments: [...policy.requiredDocuments],
    ...(kycCase.personal && { personal: kycCase.personal }),
    ...(kycCase.address && { address: kycCase.address }),
    documents: currentDocuments(kycCase).map(({ uploadedAt: _at, state: _state, ...document }) => document),
    corrections,
    ...(reverification && {
      reverification: {
        dueAt: new Date(reverification.dueAt).toISOString(),
        due: reverification.due,
        reasons: reverification.reasons,
      },
    }),
    minimumAge: policy.minimumAge,
    ...extras,
  };
}

export const defaultKycPolicy: Omit<KycPolicy, 'requiredDocuments'> = {
  minimumAge: defaultMinimumAge,
  reviewIntervalDays: 365,
};

/**
 * Hands the case to a verification vendor: the personal and address steps saved and any field corrections done,
 * the documents are the vendor's to collect. The case waits for the vendor's result (pending); starting again
 * while it waits replaces the check, so a late result of the earlier one changes nothing.
 */
export function startKycCaseCheck(kycCase: KycCase, checkId: string, now: number, policy: KycPolicy): KycCase {
  const waiting = kycCase.status === 'pending' && kycCase.check !== undefined;
  const next = waiting ? kycCase : opened(kycCase, now, policy);
  const check = new FieldCheck();
  if (!next.personal) check.add('personal', 'required');
  if (!next.address) check.add('address', 'required');
  for (const correction of next.corrections)
    if (!isDocumentItem(correction.item) && !correction.done) check.add(correction.item, 'required');
  check.assert('The verification is not complete');
  return {
    ...next,
    status: 'pending',
    submittedAt: waiting ? (next.submittedAt ?? now) : now,
    corrections: [],
    notes: [],
    check: { id: checkId, startedAt: now },
  };
}

/** Whether a vendor result is for the check the case waits on; any other (superseded, decided) is late. */
export function isAwaitedCheck(kycCase: KycCase | undefined, checkId: string): boolean {
  return kycCase?.status === 'pending' && kycCase.check?.id === checkId;
}

/**
 * Records the expiry date a reviewer read on a current document (or clears it): any real date, past ones included,
 * since it is what the document says. An approval whose document has expired is due again at once.
 */
export function setKycDocumentExpiry(kycCase: KycCase, id: string, expiresOn: string | undefined): KycCase {
  if (expiresOn !== undefined && !isIsoDate(expiresOn))
    throw new BrokerKitError('VALIDATION_FAILED', 'Not a date', { fields: { expiresOn: 'invalid' } });
  const document = kycCase.documents.find((kept) => kept.id === id && kept.state === 'current');
  if (!document) throw new BrokerKitError('NOT_FOUND', 'No such document');
  if (!expiringDocuments.includes(document.documentType))
    throw new BrokerKitError('VALIDATION_FAILED', 'This document carries no expiry date', {
      fields: { expiresOn: 'invalid' },
    });
  const documents = kycCase.documents.map((kept) => {
    if (kept.id !== id) return kept;
    const { expiresOn: _previous, ...rest } = kept;
    return expiresOn === undefined ? rest : { ...rest, expiresOn };
  });
  return { ...kycCase, documents };
}

/** A case as the trader's screen reads it may be edited: not under review, not standing (unless due again). */
export function assertKycStatusEditable(status: Pick<KycStatus, 'status' | 'reverification'>): void {
  if (!(status.status === 'approved' && status.reverification?.due)) assertKycEditable(status.status);
}
