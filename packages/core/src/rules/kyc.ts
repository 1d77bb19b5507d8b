// KYC: which documents a case needs, what its steps accept, and the life of a case.
import { BrokerKitError } from '../errors.ts';
import type { DocumentType, KycStatusValue } from '../adapter/schemas.ts';
import { dateOfBirthProblem, defaultMinimumAge, isoDay } from './dates.ts';
import { countryProblem, nameProblem, textProblem } from './identity.ts';
import { FieldCheck } from './problems.ts';

/** A case asked for without a `kycType`. */
export const defaultKycType = 'standard';
export const kycTypePattern = /^[a-z][a-z0-9_-]{0,31}$/;

/** Any of these proves identity: a requirement of `passport` is met by each of them. */
export const identityDocuments: readonly DocumentType[] = ['passport', 'national_id', 'driving_licence'];

/** Documents that carry an expiry date, asked for on upload: the identity documents. */
export const expiringDocuments: readonly DocumentType[] = identityDocuments;

/** The requirement a document meets: `passport` for every identity document, else its own type. */
export function requirementOf(documentType: DocumentType): DocumentType {
  return identityDocuments.includes(documentType) ? 'passport' : documentType;
}

/** Whether a document has expired on the day `now` falls on (its last valid day is `expiresOn`). */
export function documentExpired(document: { expiresOn?: string | undefined }, now: number): boolean {
  return document.expiresOn !== undefined && document.expiresOn < isoDay(now);
}

/**
 * The required documents a case does not hold yet, in the order they were required. With `now`, an expired
 * document holds nothing.
 */
export function missingDocuments(
  required: readonly DocumentType[],
  documents: readonly { documentType: DocumentType; expiresOn?: string | undefined }[],
  now?: number,
): DocumentType[] {
  const valid = now === undefined ? documents : documents.filter((document) => !documentExpired(document, now));
  const have = new Set(valid.map((document) => document.documentType));
  return required.filter((type) =>
    type === 'passport' ? !identityDocuments.some((identity) => have.has(identity)) : !have.has(type),
  );
}

/**
 * not_started → in_progress (a step or document saved) → pending (submitted) → approved, rejected or
 * resubmission_requested (review); a rejected case or one sent back is edited (in_progress) and submitted again.
 */
export const kycTransitions: Record<KycStatusValue, readonly KycStatusValue[]> = {
  not_started: ['in_progress'],
  in_progress: ['in_progress', 'pending'],
  pending: ['approved', 'rejected', 'resubmission_requested'],
  approved: [],
  rejected: ['in_progress'],
  resubmission_requested: ['in_progress'],
};

export function canMoveKyc(from: KycStatusValue, to: KycStatusValue): boolean {
  return kycTransitions[from].includes(to);
}

/** Throws DUPLICATE_SUBMISSION for a case that is submitted (pending) or done (approved): it is not edited. */
export function assertKycEditable(status: KycStatusValue): void {
  if (!canMoveKyc(status, 'in_progress'))
    throw new BrokerKitError('DUPLICATE_SUBMISSION', `A ${status} verification cannot be changed`);
}

/** The status after a step or a document was saved. */
export function kycStatusAfterEdit(status: KycStatusValue): KycStatusValue {
  assertKycEditable(status);
  return 'in_progress';
}

export interface KycPersonal {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  nationality: string;
}
export interface KycAddress {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export function assertKycPersonal(personal: KycPersonal, now: number, minimumAge = defaultMinimumAge): void {
  new FieldCheck()
    .add('firstName', nameProblem(personal.firstName))
    .add('lastName', nameProblem(personal.lastName))
    .add('dateOfBirth', dateOfBirthProblem(personal.dateOfBirth, now, minimumAge))
    .add('nationality', countryProblem(personal.nationality))
    .assert();
}

export function assertKycAddress(address: KycAddress): void {
  new FieldCheck()
    .add('line1', textProblem(address.line1, 200))
    .add('line2', textProblem(address.line2, 200, false))
    .add('city', textProblem(address.city, 100))
    .add('postalCode', textProblem(address.postalCode, 20))
    .add('country', countryProblem(address.country))
    .assert();
}

/**
 * Submission needs both steps and every required document (unexpired, with `now`); each gap is named
 * (`personal`, `address`, a type).
 */
export function assertKycComplete(
  kycCase: {
    status: KycStatusValue;
    personal?: unknown;
    address?: unknown;
    requiredDocuments: readonly DocumentType[];
    documents: readonly { documentType: DocumentType; expiresOn?: string | undefined }[];
  },
  now?: number,
): void {
  if (!canMoveKyc(kycCase.status, 'in_progress'))
    throw new BrokerKitError('DUPLICATE_SUBMISSION', 'This verification was already submitted');
  const check = new FieldCheck();
  if (!kycCase.personal) check.add('personal', 'required');
  if (!kycCase.address) check.add('address', 'required');
  for (const type of missingDocuments(kycCase.requiredDocuments, kycCase.documents, now)) check.add(type, 'required');
  check.assert('The verification is not complete');
}

/** The document files a case accepts, by their content. */
export const acceptedDocumentMimeTypes = ['image/png', 'image/jpeg', 'application/pdf'] as const;

/** The file's real type from its first 8 bytes; the name and the browser's claim are not trusted. */
export function sniffDocumentType(head: Uint8Array): string | undefined {
  const starts = (...signature: number[]) => signature.every((byte, index) => head[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  return undefined;
}

/**
 * Checks an uploaded document before it is kept: not empty (VALIDATION_FAILED `file: required`), not above the
 * size cap (PAYLOAD_TOO_LARGE), an accepted type by content (UNSUPPORTED_FILE). Answers the sniffed MIME type.
 */
export function assertDocumentFile(file: { size: number; head: Uint8Array }, maxFileSize: number): string {
  if (file.size === 0)
    throw new BrokerKitError('VALIDATION_FAILED', 'The file is empty', { fields: { file: 'required' } });
  if (file.size > maxFileSize)
    throw new BrokerKitError('PAYLOAD_TOO_LARGE', `Files up to ${maxFileSize} bytes are accepted`);
  const mimeType = sniffDocumentType(file.head);
  if (!mimeType) throw new BrokerKitError('UNSUPPORTED_FILE', 'Only PNG, JPEG and PDF files are accepted');
  return mimeType;
}

/** A stored file name is display text, never a path: the base name, printable characters, 200 at most. */
export function documentFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return (
    base
      .replace(/[\p{C}]/gu, '')
      .trim()
      .slice(0, 200) || 'document'
  );
}
