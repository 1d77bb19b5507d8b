// KYC cases over their store: the trader's steps, documents and submission, the reviewers' decisions (the broker's
// staff in the back office, or a verification vendor through its port), re-verification, and the question other
// modules ask: does this user's verification stand today (`isCleared`, the withdrawal gate)? The reference server
// runs it over SQLite, the in-memory backend over maps: the same code decides for both.
import { BrokerKitError } from '../errors.ts';
import type {
  DocumentType,
  KycCheckStart,
  KycDocument,
  KycDraft,
  KycProviderKind,
  KycStatus,
  KycStatusValue,
  KycStepRequest,
} from '../adapter/schemas.ts';
import {
  addKycCaseDocument,
  decideKycCase,
  isAwaitedCheck,
  kycCleared,
  kycStatusOf,
  newKycCase,
  removeKycCaseDocument,
  reverificationOf,
  saveKycCaseStep,
  setKycDocumentExpiry,
  startKycCaseCheck,
  submitKycCase,
  type KycCase,
  type KycCaseDocument,
  type KycDecisionInput,
  type KycDecisionRecord,
  type KycPolicy,
} from '../rules/kyc-case.ts';
import { acceptedDocumentMimeTypes, defaultKycType, type KycPersonal } from '../rules/kyc.ts';
import type { Awaitable, Clock } from './ports.ts';

/** A case in a back-office list: who, which, where it stands, since when. */
export interface KycCaseSummary {
  userId: number;
  email: string;
  kycType: string;
  status: KycStatusValue;
  submittedAt?: number;
  approvedAt?: number;
  dueAt?: number;
  updatedAt: number;
}

export interface KycCaseFilter {
  status?: KycStatusValue;
  kycType?: string;
  /** Only approved cases due again by `now` (true), or only those not due (false). */
  due?: boolean;
  now: number;
  limit: number;
  offset: number;
}

export interface KycDocumentFile {
  fileName: string;
  mimeType: string;
  data: Uint8Array;
}

/** A change to one case: the case after it, the files of documents it added, the decision it made. */
export interface KycCaseChange<T> {
  /** Undefined: the case stays as it was (the change still keeps what `decide` recorded, a vendor event say). */
  kycCase?: KycCase;
  files?: ReadonlyMap<string, Uint8Array>;
  decision?: KycDecisionRecord;
  /** When the approval runs out, for the due lists; undefined clears it. */
  dueAt?: number;
  /** The idempotency key of the submission this change is. */
  idempotencyKey?: string;
  result: T;
}

export interface KycCaseStore {
  /** The case with its current documents (not the rejected or replaced ones), or undefined. */
  get(userId: number, kycType: string): Awaitable<KycCase | undefined>;
  /** The idempotency key the case was last submitted with. */
  submissionKey(userId: number, kycType: string): Awaitable<string | undefined>;
  /**
   * Reads the case (a new one when there is none), lets `decide` make the change, keeps it: one transaction, so
   * two processes never both decide on one case.
   */
  change<T>(userId: number, kycType: string, now: number, decide: (kycCase: KycCase) => KycCaseChange<T>): Awaitable<T>;
  /** The KYC type of one of the user's current documents. */
  documentCase(userId: number, id: string): Awaitable<string | undefined>;
  list(filter: KycCaseFilter): Awaitable<{ cases: KycCaseSummary[]; total: number }>;
  /** Cases by status, and the approved ones due again by `now`. */
  counts(now: number): Awaitable<{ byStatus: Partial<Record<KycStatusValue, number>>; due: number }>;
  decisions(userId: number, kycType: string): Awaitable<KycDecisionRecord[]>;
  /** Every document of the case, rejected and replaced ones included (the back office's view). */
  documentHistory(userId: number, kycType: string): Awaitable<KycCaseDocument[]>;
  documentFile(userId: number, id: string): Awaitable<KycDocumentFile | undefined>;
  /** The case a vendor check belongs to: any check ever started for it, replaced ones included. */
  byCheck(checkId: string): Awaitable<{ userId: number; kycType: string } | undefined>;
  /** Records a vendor event inside a `change`; false when it was applied before (a duplicate webhook). */
  recordVendorEvent(eventId: string, checkId: string, outcome: string, at: number): boolean;
}

export interface KycCheckInput {
  /** Our check id: the vendor's reference, echoed in its webhook. */
  checkId: string;
  applicant: KycPersonal;
  /** Where the vendor's page sends the trader back. */
  returnUrl: string;
  webhookUrl: string;
  language: string;
}

/** The headers of a webhook request: only reading them by name (a fetch `Headers` is one). */
export interface WebhookHeaders {
  get(name: string): string | null;
}

/** A vendor result, mapped: which check, which event (a vendor may send one twice), and the decision it makes. */
export interface KycVendorEvent {
  eventId: string;
  checkId: string;
  decision: KycDecisionInput;
}

/**
 * The KYC provider port: a verification vendor. The built-in review (the broker's staff deciding in the back
 * office) is the default and needs none; with one, the trader is handed to the vendor (its page or its SDK) and
 * its signed webhook decides.
 */
export interface KycVendor {
  /** The vendor's name: the reviewer of its decisions in the case history and the audit trail. */
  readonly name: string;
  startCheck(input: KycCheckInput): Promise<KycCheckStart>;
  /** Checks the signature and shape of a webhook and maps its result; throws INVALID_REQUEST when either is wrong. */
  verifyWebhook(rawBody: string, headers: WebhookHeaders, now: number): KycVendorEvent;
}

/** The broker's KYC configuration, read at each call. */
export interface KycSettings {
  types: Record<string, { requiredDocuments: readonly DocumentType[]; provider?: KycProviderKind | undefined }>;
  minimumAge: number;
  reviewIntervalDays: number;
  provider: KycProviderKind;
  maxFileSize: number;
}

export interface KycDeps {
  store: KycCaseStore;
  settings: () => KycSettings;
  now: Clock;
  /** Ids of documents and vendor checks: random, unguessable. */
  newId: () => string;
  /** The verification vendor, when one is plugged in. */
  vendor?: () => KycVendor | undefined;
}

/** A case as the back office reads it: the trader's view, every document ever uploaded, every decision. */
export interface KycCaseDetail {
  userId: number;
  status: KycStatus;
  submittedAt?: number;
  approvedAt?: number;
  documents: KycCaseDocument[];
  decisions: KycDecisionRecord[];
}

export type VendorWebhookOutcome = 'applied' | 'duplicate' | 'late' | 'unknown-check';

export class KycService {
  constructor(private readonly deps: KycDeps) {}

  private get settings() {
    return this.deps.settings();
  }

  /** The KYC type a screen or the back office names: a configured one, or NOT_FOUND. */
  assertKycType(kycType: string): void {
    if (!Object.hasOwn(this.settings.types, kycType)) throw new BrokerKitError('NOT_FOUND', 'No such KYC type');
  }

  policy(kycType: string): KycPolicy {
    const { minimumAge, reviewIntervalDays, types } = this.settings;
    return { requiredDocuments: types[kycType]!.requiredDocuments, minimumAge, reviewIntervalDays };
  }

  /** Who verifies cases of `kycType`: the type's own choice, else the broker's; a vendor only when one is plugged in. */
  providerOf(kycType: string): KycProviderKind {
    const chosen = this.settings.types[kycType]?.provider ?? this.settings.provider;
    return chosen === 'vendor' && this.deps.vendor?.() ? 'vendor' : 'review';
  }

  async status(userId: number, kycType: string, draft?: KycDraft): Promise<KycStatus> {
    this.assertKycType(kycType);
    const kycCase = (await this.deps.store.get(userId, kycType)) ?? newKycCase(kycType);
    return kycStatusOf(kycCase, this.deps.now(), this.policy(kycType), {
      maxFileSize: this.settings.maxFileSize,
      acceptedMimeTypes: [...acceptedDocumentMimeTypes],
      provider: this.providerOf(kycType),
      ...(draft && { draft }),
    });
  }

  /** Runs a trader's change; answers the case as it stands after it. */
  private async change(
    userId: number,
    kycType: string,
    apply: (kycCase: KycCase, now: number, policy: KycPolicy) => KycCase,
    extra: { files?: ReadonlyMap<string, Uint8Array>; idempotencyKey?: string } = {},
  ): Promise<KycCase> {
    this.assertKycType(kycType);
    const now = this.deps.now();
    const policy = this.policy(kycType);
    return this.deps.store.change(userId, kycType, now, (before) => {
      const kycCase = apply(before, now, policy);
      return { kycCase, ...extra, dueAt: reverificationOf(kycCase, now, policy)?.dueAt, result: kycCase };
    });
  }

  async saveStep(userId: number, kycType: string, step: KycStepRequest): Promise<void> {
    await this.change(userId, kycType, (kycCase, now, policy) => saveKycCaseStep(kycCase, step, now, policy));
  }

  async addDocument(
    userId: number,
    kycType: string,
    document: Omit<KycDocument, 'id'> & { bytes: Uint8Array },
  ): Promise<KycDocument> {
    const id = this.deps.newId();
    const { bytes, ...meta } = document;
    await this.change(
      userId,
      kycType,
      (kycCase, now, policy) => addKycCaseDocument(kycCase, { ...meta, id }, now, policy),
      { files: new Map([[id, bytes]]) },
    );
    return { id, ...meta };
  }

  /** Removes one of the user's documents; answers the KYC type of its case. */
  async removeDocument(userId: number, id: string): Promise<string> {
    const kycType = await this.deps.store.documentCase(userId, id);
    if (kycType === undefined) throw new BrokerKitError('NOT_FOUND', 'No such document');
    await this.change(userId, kycType, (kycCase, now, policy) => removeKycCaseDocument(kycCase, id, now, policy));
    return kycType;
  }

  /** Submits the case; the same idempotency key again answers the case as it is, and changes nothing. */
  async submit(userId: number, kycType: string, idempotencyKey: string): Promise<{ replayed: boolean }> {
    this.assertKycType(kycType);
    if ((await this.deps.store.submissionKey(userId, kycType)) === idempotencyKey) return { replayed: true };
    if (this.providerOf(kycType) === 'vendor')
      throw new BrokerKitError('INVALID_REQUEST', 'This broker verifies through its vendor: start a check');
    await this.change(userId, kycType, (kycCase, now, policy) => submitKycCase(kycCase, now, policy), {
      idempotencyKey,
    });
    return { replayed: false };
  }

  /** A reviewer's decision on a submitted case. */
  async decide(
    userId: number,
    kycType: string,
    input: KycDecisionInput,
    by: { reviewer: string; source: 'staff' | 'vendor' },
  ): Promise<KycDecisionRecord> {
    this.assertKycType(kycType);
    if (!(await this.deps.store.get(userId, kycType))) throw new BrokerKitError('NOT_FOUND', 'No such KYC case');
    const now = this.deps.now();
    const policy = this.policy(kycType);
    return this.deps.store.change(userId, kycType, now, (before) => {
      const { kycCase, record } = decideKycCase(before, input, by, now);
      return { kycCase, decision: record, dueAt: reverificationOf(kycCase, now, policy)?.dueAt, result: record };
    });
  }

  /** A reviewer records the expiry date printed on a document (a past one makes an approval due at once). */
  async setDocumentExpiry(userId: number, kycType: string, id: string, expiresOn: string | undefined): Promise<void> {
    await this.change(userId, kycType, (kycCase) => setKycDocumentExpiry(kycCase, id, expiresOn));
  }

  /** The case with its whole history, for the back office; undefined when the user has none of that type. */
  async detail(userId: number, kycType: string): Promise<KycCaseDetail | undefined> {
    this.assertKycType(kycType);
    const kycCase = await this.deps.store.get(userId, kycType);
    if (!kycCase) return undefined;
    return {
      userId,
      status: await this.status(userId, kycType),
      ...(kycCase.submittedAt !== undefined && { submittedAt: kycCase.submittedAt }),
      ...(kycCase.approvedAt !== undefined && { approvedAt: kycCase.approvedAt }),
      documents: await this.deps.store.documentHistory(userId, kycType),
      decisions: await this.deps.store.decisions(userId, kycType),
    };
  }

  list(filter: Omit<KycCaseFilter, 'now'>) {
    return this.deps.store.list({ ...filter, now: this.deps.now() });
  }

  counts() {
    return this.deps.store.counts(this.deps.now());
  }

  documentFile(userId: number, id: string) {
    return this.deps.store.documentFile(userId, id);
  }

  /**
   * Whether the user's verification of `kycType` stands today: approved, and not due again (no document expired,
   * no periodic review reached). A withdrawal gate asks this before money leaves.
   */
  async isCleared(userId: number, kycType: string = defaultKycType): Promise<boolean> {
    if (!Object.hasOwn(this.settings.types, kycType)) return false;
    return kycCleared(await this.deps.store.get(userId, kycType), this.deps.now(), this.policy(kycType));
  }

  /** Whether an approval of the user's is due again (the KYC ribbon's question). */
  async isDue(userId: number, kycType: string = defaultKycType): Promise<boolean> {
    if (!Object.hasOwn(this.settings.types, kycType)) return false;
    const kycCase = await this.deps.store.get(userId, kycType);
    return !!kycCase && reverificationOf(kycCase, this.deps.now(), this.policy(kycType))?.due === true;
  }

  /** Hands the case to the vendor; answers the trader's next step (the vendor's page or its SDK). */
  async startCheck(
    userId: number,
    kycType: string,
    urls: { returnUrl: string; webhookUrl: string },
    language: string,
  ): Promise<KycCheckStart> {
    this.assertKycType(kycType);
    const vendor = this.deps.vendor?.();
    if (this.providerOf(kycType) !== 'vendor' || !vendor)
      throw new BrokerKitError('NOT_FOUND', 'This broker verifies documents itself');
    const checkId = this.deps.newId();
    const kycCase = await this.change(userId, kycType, (before, now, policy) =>
      startKycCaseCheck(before, checkId, now, policy),
    );
    return vendor.startCheck({ checkId, applicant: kycCase.personal!, ...urls, language });
  }

  /** A vendor webhook: verified, applied once, and only to the check the case waits on. */
  async handleVendorWebhook(
    raw: string,
    headers: WebhookHeaders,
  ): Promise<{ outcome: VendorWebhookOutcome; userId?: number; record?: KycDecisionRecord }> {
    const vendor = this.deps.vendor?.();
    if (!vendor) throw new BrokerKitError('NOT_FOUND', 'No KYC vendor is configured');
    const now = this.deps.now();
    const event = vendor.verifyWebhook(raw, headers, now);
    const { store } = this.deps;
    const owner = await store.byCheck(event.checkId);
    if (!owner) return { outcome: 'unknown-check' };
    const policy = this.policy(owner.kycType);
    // The event, the decision and its history row are kept together: a crash leaves the event unrecorded, to retry.
    return store.change(owner.userId, owner.kycType, now, (before) => {
      const result = (outcome: VendorWebhookOutcome) => ({ result: { outcome, userId: owner.userId } });
      if (!store.recordVendorEvent(event.eventId, event.checkId, event.decision.decision, now))
        return result('duplicate');
      if (!isAwaitedCheck(before, event.checkId)) return result('late');
      const by = { reviewer: vendor.name, source: 'vendor' as const };
      const { kycCase, record } = decideKycCase(before, event.decision, by, now);
      return {
        kycCase,
        decision: record,
        dueAt: reverificationOf(kycCase, now, policy)?.dueAt,
        result: { outcome: 'applied' as const, userId: owner.userId, record },
      };
    });
  }
}
