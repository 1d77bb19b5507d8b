// KYC cases over their store: the trader's steps, documents and submission, the reviewers' decisions (staff in the
// back office, or a vendor through the provider port), re-verification, and the question other modules ask:
// is this user's verification standing today (`isKycCleared`, the withdrawal gate)?
import { randomUUID } from 'node:crypto';
import { BrokerKitError } from '@broker-kit/core/errors.ts';
import type {
  KycCheckStart,
  KycDocument,
  KycDraft,
  KycStatus,
  KycStepRequest,
} from '@broker-kit/core/adapter/schemas.ts';
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
  startKycCaseCheck,
  submitKycCase,
  type KycCase,
  type KycCaseDocument,
  type KycDecisionInput,
  type KycDecisionRecord,
  type KycPolicy,
} from '@broker-kit/core/rules/kyc-case.ts';
import { acceptedDocumentMimeTypes, defaultKycType } from '@broker-kit/core/rules/kyc.ts';
import type { BrokerConfig } from '../config.ts';
import type { Deps } from '../http.ts';
import { HttpKycVendor, kycVendorSettingsFromEnv, type KycProvider } from './provider.ts';
import {
  SqliteKycCaseStore,
  type KycCaseFilter,
  type KycCaseStore,
  type KycCaseSummary,
  type KycDocumentFile,
} from './store.ts';

export interface KycServiceOptions {
  store: KycCaseStore;
  config: () => BrokerConfig;
  now: () => number;
  /** The verification vendor, when the broker's configuration picks `kyc.provider: vendor`. */
  provider?: KycProvider | undefined;
}

/** A case as the back office reads it: the trader's view, every document ever uploaded, every decision. */
export interface KycCaseDetail {
  userId: number;
  status: KycStatus;
  submittedAt?: number;
  approvedAt?: number;
  documents: (Omit<KycCaseDocument, 'uploadedAt'> & { uploadedAt: string })[];
  decisions: (Omit<KycDecisionRecord, 'at'> & { at: string })[];
}

export type VendorWebhookOutcome = 'applied' | 'duplicate' | 'late' | 'unknown-check';

export class KycService {
  constructor(private readonly options: KycServiceOptions) {}

  private get config() {
    return this.options.config();
  }

  /** The KYC type a screen or the back office names: a configured one, or NOT_FOUND. */
  assertKycType(kycType: string): void {
    if (!Object.hasOwn(this.config.kyc.types, kycType)) throw new BrokerKitError('NOT_FOUND', 'No such KYC type');
  }

  policy(kycType: string): KycPolicy {
    const { minimumAge, reviewIntervalDays } = this.config.core.kyc;
    return { requiredDocuments: this.config.kyc.types[kycType]!.requiredDocuments, minimumAge, reviewIntervalDays };
  }

  get provider(): 'review' | 'vendor' {
    return this.config.core.kyc.provider === 'vendor' && this.options.provider ? 'vendor' : 'review';
  }

  private caseOf(userId: number, kycType: string): KycCase {
    return this.options.store.get(userId, kycType) ?? newKycCase(kycType);
  }

  status(userId: number, kycType: string, draft?: KycDraft): KycStatus {
    this.assertKycType(kycType);
    return kycStatusOf(this.caseOf(userId, kycType), this.options.now(), this.policy(kycType), {
      maxFileSize: this.config.kyc.maxFileSize,
      acceptedMimeTypes: [...acceptedDocumentMimeTypes],
      provider: this.provider,
      ...(draft && { draft }),
    });
  }

  /** Runs a trader's change; answers the case as it stands after it. */
  private change(
    userId: number,
    kycType: string,
    apply: (kycCase: KycCase, now: number) => KycCase,
    extra: {
      files?: ReadonlyMap<string, Uint8Array>;
      idempotencyKey?: string;
    } = {},
  ): KycCase {
    this.assertKycType(kycType);
    const now = this.options.now();
    const policy = this.policy(kycType);
    return this.options.store.change(userId, kycType, now, (before) => {
      const kycCase = apply(before, now);
      return { kycCase, ...extra, dueAt: reverificationOf(kycCase, now, policy)?.dueAt, result: kycCase };
    });
  }

  saveStep(userId: number, kycType: string, step: KycStepRequest): void {
    const policy = this.policy(kycType);
    this.change(userId, kycType, (kycCase, now) => saveKycCaseStep(kycCase, step, now, policy));
  }

  addDocument(userId: number, kycType: string, document: Omit<KycDocument, 'id'> & { bytes: Uint8Array }): KycDocument {
    const id = randomUUID();
    const { bytes, ...meta } = document;
    this.assertKycType(kycType);
    const policy = this.policy(kycType);
    this.change(userId, kycType, (kycCase, now) => addKycCaseDocument(kycCase, { ...meta, id }, now, policy), {
      files: new Map([[id, bytes]]),
    });
    return { id, ...meta };
  }

  /** Removes one of the user's documents; answers the KYC type of its case. */
  removeDocument(userId: number, id: string): string {
    const kycType = this.options.store.documentCase(userId, id) ?? fail('NOT_FOUND', 'No such document');
    const policy = this.policy(kycType);
    this.change(userId, kycType, (kycCase, now) => removeKycCaseDocument(kycCase, id, now, policy));
    return kycType;
  }

  /** Submits the case; the same idempotency key again answers the case as it is, and changes nothing. */
  submit(userId: number, kycType: string, idempotencyKey: string): { replayed: boolean } {
    this.assertKycType(kycType);
    if (this.options.store.submissionKey(userId, kycType) === idempotencyKey) return { replayed: true };
    if (this.provider === 'vendor')
      throw new BrokerKitError('INVALID_REQUEST', 'This broker verifies through its vendor: start a check');
    const policy = this.policy(kycType);
    this.change(userId, kycType, (kycCase, now) => submitKycCase(kycCase, now, policy), { idempotencyKey });
    return { replayed: false };
  }

  /** A reviewer's decision on a submitted case. */
  decide(
    userId: number,
    kycType: string,
    input: KycDecisionInput,
    by: { reviewer: string; source: 'staff' | 'vendor' },
  ): KycDecisionRecord {
    this.assertKycType(kycType);
    if (!this.options.store.get(userId, kycType)) fail('NOT_FOUND', 'No such KYC case');
    const now = this.options.now();
    const policy = this.policy(kycType);
    return this.options.store.change(userId, kycType, now, (before) => {
      const { kycCase, record } = decideKycCase(before, input, by, now);
      return { kycCase, decision: record, dueAt: reverificationOf(kycCase, now, policy)?.dueAt, result: record };
    });
  }

  /** The case with its whole history, for the back office; undefined when the user has none of that type. */
  detail(userId: number, kycType: string): KycCaseDetail | undefined {
    this.assertKycType(kycType);
    const kycCase = this.options.store.get(userId, kycType);
    if (!kycCase) return undefined;
    return {
      userId,
      status: this.status(userId, kycType),
      ...(kycCase.submittedAt !== undefined && { submittedAt: kycCase.submittedAt }),
      ...(kycCase.approvedAt !== undefined && { approvedAt: kycCase.approvedAt }),
      documents: this.options.store
        .documentHistory(userId, kycType)
        .map((document) => ({ ...document, uploadedAt: new Date(document.uploadedAt).toISOString() })),
      decisions: this.options.store
        .decisions(userId, kycType)
        .map((decision) => ({ ...decision, at: new Date(decision.at).toISOString() })),
    };
  }

  list(filter: Omit<KycCaseFilter, 'now'>): { cases: KycCaseSummary[]; total: number } {
    return this.options.store.list({ ...filter, now: this.options.now() });
  }

  counts() {
    return this.options.store.counts(this.options.now());
  }

  documentFile(userId: number, id: string): KycDocumentFile | undefined {
    return this.options.store.documentFile(userId, id);
  }

  /**
   * Whether the user's verification of `kycType` stands today: approved, and not due again (no document expired,
   * no periodic review reached). A withdrawal gate asks this before money leaves.
   */
  isCleared(userId: number, kycType: string = defaultKycType): boolean {
    if (!Object.hasOwn(this.config.kyc.types, kycType)) return false;
    return kycCleared(this.options.store.get(userId, kycType), this.options.now(), this.policy(kycType));
  }

  /** Whether an approval of the user's is due again (the KYC ribbon's question). */
  isDue(userId: number, kycType: string = defaultKycType): boolean {
    const kycCase = this.options.store.get(userId, kycType);
    return !!kycCase && reverificationOf(kycCase, this.options.now(), this.policy(kycType))?.due === true;
  }

  /** Hands the case to the vendor; answers the trader's next step (the vendor's page or its SDK). */
  async startCheck(
    userId: number,
    kycType: string,
    urls: { returnUrl: string; webhookUrl: string },
    language: string,
  ): Promise<KycCheckStart> {
    const provider = this.options.provider;
    if (this.provider !== 'vendor' || !provider)
      throw new BrokerKitError('NOT_FOUND', 'This broker verifies documents itself');
    const checkId = randomUUID();
    const policy = this.policy(kycType);
    const kycCase = this.change(userId, kycType, (before, now) => startKycCaseCheck(before, checkId, now, policy));
    return provider.startCheck({ checkId, applicant: kycCase.personal!, ...urls, language });
  }

  /** A vendor webhook: verified, applied once, and only to the check the case waits on. */
  handleVendorWebhook(
    raw: string,
    headers: Headers,
  ): { outcome: VendorWebhookOutcome; userId?: number; record?: KycDecisionRecord } {
    const provider = this.options.provider ?? fail('NOT_FOUND', 'No KYC vendor is configured');
    const now = this.options.now();
    const event = provider.verifyWebhook(raw, headers, now);
    const { store } = this.options;
    const owner = store.byCheck(event.checkId);
    if (!owner) return { outcome: 'unknown-check' };
    const policy = this.policy(owner.kycType);
    // The event, the decision and its history row commit together: a crash leaves the event unrecorded, to retry.
    return store.change(owner.userId, owner.kycType, now, (before) => {
      const result = (outcome: VendorWebhookOutcome) => ({ result: { outcome, userId: owner.userId } });
      if (!store.recordVendorEvent(event.eventId, event.checkId, event.decision.decision, now))
        return result('duplicate');
      if (!isAwaitedCheck(before, event.checkId)) return result('late');
      const { kycCase, record } = decideKycCase(
        before,
        event.decision,
        { reviewer: provider.name, source: 'vendor' },
        now,
      );
      return {
        kycCase,
        decision: record,
        dueAt: reverificationOf(kycCase, now, policy)?.dueAt,
        result: { outcome: 'applied' as const, userId: owner.userId, record },
      };
    });
  }
}

function fail(code: 'NOT_FOUND', message: string): never {
  throw new BrokerKitError(code, message);
}

const services = new WeakMap<Deps, KycService>();

/** The app's KYC service, made on first use from its dependencies (the vendor from the environment, when set). */
export function kycServiceOf(deps: Deps): KycService {
  let service = services.get(deps);
  if (!service) {
    service = new KycService({
      store: new SqliteKycCaseStore(deps.stores.db),
      config: () => deps.config,
      now: () => deps.now(),
      provider: kycProviderOf(deps),
    });
    services.set(deps, service);
  }
  return service;
}

const providers = new WeakMap<Deps, KycProvider>();
/** Plugs a broker's own vendor (or a test's) into an app before its first KYC request. */
export function useKycProvider(deps: Deps, provider: KycProvider): void {
  providers.set(deps, provider);
  services.delete(deps);
}

function kycProviderOf(deps: Deps): KycProvider | undefined {
  const plugged = providers.get(deps);
  if (plugged) return plugged;
  const vendor = kycVendorSettingsFromEnv();
  return vendor && new HttpKycVendor(vendor);
}
