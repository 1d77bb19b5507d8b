// Wire shapes of every adapter call: requests and responses. The HttpAdapter validates every response with
// these, the reference server validates every request with them. zod/mini keeps the browser bundle small.
import * as z from 'zod/mini';
import { depositStates } from '../rules/payments.ts';

/** Text a broker supplies (account type names, action labels): one string, or one per language code. */
export const localizedTextSchema = z.union([z.string(), z.record(z.string(), z.string())]);
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** A decimal amount as a string ("1250.50"): money never travels as a binary float. */
export const amountSchema = z.string().check(z.regex(/^\d{1,12}(\.\d{1,8})?$/));

export const tokenPurposes = ['sso-login', 'in-app', 'platform-web'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

export const inAppActions = ['deposit', 'withdraw', 'kyc', 'action', 'chat', 'invite'] as const;
export type InAppAction = (typeof inAppActions)[number];

// ── identity ──────────────────────────────────────────────────────────────────────────────────────────────
export const tradingAccountSchema = z.object({
  login: z.number(),
  environment: z.enum(['live', 'demo']),
  accountTypeId: z.string(),
  currency: z.string(),
  leverage: z.number(),
  balance: z.optional(amountSchema),
});
export type TradingAccount = z.infer<typeof tradingAccountSchema>;

export const userProfileSchema = z.object({
  userId: z.number(),
  email: z.string(),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
  country: z.optional(z.string()),
  accounts: z.array(tradingAccountSchema),
});
export type UserProfile = z.infer<typeof userProfileSchema>;

/** What `validateToken` answers: seed 001's `{valid, userId, email, tradingLogin, expiresAt}` plus the profile. */
export const validatedTokenSchema = z.object({
  valid: z.literal(true),
  userId: z.number(),
  email: z.string(),
  tradingLogin: z.optional(z.number()),
  expiresAt: z.string(),
  action: z.optional(z.string()),
  profile: z.optional(userProfileSchema),
});
export type ValidatedToken = z.infer<typeof validatedTokenSchema>;

export const validateTokenRequestSchema = z.object({
  token: z.string(),
  action: z.optional(z.enum(inAppActions)),
  account: z.optional(z.number()),
});
export type ValidateTokenRequest = z.infer<typeof validateTokenRequestSchema>;

/** Attribution carried from the login URL to the backend; never rendered. */
export const attributionSchema = z.object({
  partnerId: z.optional(z.string()),
  utm_source: z.optional(z.string()),
  utm_medium: z.optional(z.string()),
  utm_campaign: z.optional(z.string()),
  utm_term: z.optional(z.string()),
  gclid: z.optional(z.string()),
  eventName: z.optional(z.string()),
  source: z.optional(z.string()),
});
export type Attribution = z.infer<typeof attributionSchema>;

export const loginRequestSchema = z.object({
  email: z.string(),
  password: z.string(),
  keepLoggedIn: z.boolean(),
  attribution: z.optional(attributionSchema),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const signupRequestSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  email: z.string(),
  password: z.string(),
  country: z.string(),
  acceptTerms: z.literal(true),
  acceptAgreement: z.boolean(),
  marketingConsent: z.optional(z.boolean()),
  keepLoggedIn: z.boolean(),
  language: z.optional(z.string()),
  attribution: z.optional(attributionSchema),
});
export type SignupRequest = z.infer<typeof signupRequestSchema>;

/**
 * The outcome of login, signup or account creation. `complete` carries the OT token for the success URL;
 * `account-required` sends the user on to account creation (seed 002 stage 5) first.
 */
export const authResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('complete'), token: z.string(), userId: z.number() }),
  z.object({ status: z.literal('account-required'), userId: z.number() }),
]);
export type AuthResult = z.infer<typeof authResultSchema>;

export const passwordResetRequestSchema = z.object({ email: z.string(), language: z.optional(z.string()) });
/** The second half of a reset: the token from the link the backend mailed, and the password the user chose. */
export const completePasswordResetRequestSchema = z.object({ token: z.string(), newPassword: z.string() });
export type CompletePasswordResetRequest = z.infer<typeof completePasswordResetRequestSchema>;
export const changePasswordRequestSchema = z.object({ currentPassword: z.string(), newPassword: z.string() });
export const changeEmailRequestSchema = z.object({ newEmail: z.string(), password: z.string() });
export const changeEmailResultSchema = z.object({ email: z.string(), verificationRequired: z.boolean() });
export type ChangeEmailResult = z.infer<typeof changeEmailResultSchema>;

// ── accounts ──────────────────────────────────────────────────────────────────────────────────────────────
export const accountTypeSchema = z.object({
  id: z.string(),
  name: localizedTextSchema,
  description: z.optional(localizedTextSchema),
  environments: z.array(z.enum(['live', 'demo'])),
  currencies: z.array(z.string()),
  leverages: z.array(z.number()),
  minDeposit: z.optional(amountSchema),
});
export type AccountType = z.infer<typeof accountTypeSchema>;

export const createAccountRequestSchema = z.object({
  accountTypeId: z.string(),
  environment: z.enum(['live', 'demo']),
  currency: z.string(),
  leverage: z.number(),
  idempotencyKey: z.string(),
});
export type CreateAccountRequest = z.infer<typeof createAccountRequestSchema>;
export const createAccountResultSchema = z.object({
  account: tradingAccountSchema,
  token: z.string(),
  userId: z.number(),
});
export type CreateAccountResult = z.infer<typeof createAccountResultSchema>;

// ── money ─────────────────────────────────────────────────────────────────────────────────────────────────
export const paymentDirections = ['deposit', 'withdraw'] as const;
export type PaymentDirection = (typeof paymentDirections)[number];

export const paymentMethodSchema = z.object({
  id: z.string(),
  name: localizedTextSchema,
  currencies: z.array(z.string()),
  min: amountSchema,
  max: amountSchema,
  fee: z.optional(z.string()),
  processingTime: z.optional(localizedTextSchema),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const paymentOptionsSchema = z.object({
  account: tradingAccountSchema,
  methods: z.array(paymentMethodSchema),
  /** What may still be withdrawn; absent for deposits. */
  available: z.optional(amountSchema),
});
export type PaymentOptions = z.infer<typeof paymentOptionsSchema>;

export const paymentRequestSchema = z.object({
  direction: z.enum(paymentDirections),
  account: z.number(),
  methodId: z.string(),
  amount: amountSchema,
  currency: z.string(),
  /** One key per user intent: the same key twice never moves money twice. */
  idempotencyKey: z.string().check(z.minLength(8), z.maxLength(100)),
});
export type PaymentRequest = z.infer<typeof paymentRequestSchema>;

export const transactionStatuses = ['pending', 'completed', 'failed', 'rejected'] as const;
/**
 * Why a transaction failed, so screens can say it in the user's language. 'other' (or no code) leaves only the
 * backend's own `failureReason` text; a code this version does not know reads as 'other'.
 */
export const transactionFailureCodes = [
  'declined',
  'insufficient_funds',
  'limit_exceeded',
  'platform_unavailable',
  'cancelled',
  'other',
] as const;
export type TransactionFailureCode = (typeof transactionFailureCodes)[number];
/** What the customer does next for a payment the provider holds: its hosted page, or a bank transfer. */
export const paymentNextSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('redirect'), url: z.string().check(z.regex(/^https?:\/\//)) }),
  z.object({
    type: z.literal('bank_transfer'),
    instructions: z.object({ beneficiary: z.string(), iban: z.string(), bic: z.string(), reference: z.string() }),
  }),
]);
export type PaymentNext = z.infer<typeof paymentNextSchema>;

export const transactionSchema = z.object({
  id: z.string(),
  direction: z.enum(paymentDirections),
  account: z.number(),
  amount: amountSchema,
  currency: z.string(),
  status: z.enum(transactionStatuses),
  reference: z.string(),
  createdAt: z.string(),
  failureReason: z.optional(z.string()),
  failureCode: z.catch(z.optional(z.enum(transactionFailureCodes)), 'other'),
  /** The payment's state (rules/payments.ts); absent from backends that only report `status`. */
  state: z.catch(z.optional(z.enum(depositStates)), undefined),
  next: z.catch(z.optional(paymentNextSchema), undefined),
});
export type Transaction = z.infer<typeof transactionSchema>;

// ── KYC ───────────────────────────────────────────────────────────────────────────────────────────────────
export const kycStatuses = [
  'not_started',
  'in_progress',
  'pending',
  'approved',
  'rejected',
  'resubmission_requested',
] as const;
export type KycStatusValue = (typeof kycStatuses)[number];
export const kycSteps = ['personal', 'address', 'documents', 'review'] as const;
export type KycStep = (typeof kycSteps)[number];
export const documentTypes = ['passport', 'national_id', 'driving_licence', 'proof_of_address', 'selfie'] as const;
export type DocumentType = (typeof documentTypes)[number];

export const kycPersonalSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  nationality: z.string(),
});
export const kycAddressSchema = z.object({
  line1: z.string(),
  line2: z.optional(z.string()),
  city: z.string(),
  postalCode: z.string(),
  country: z.string(),
});
export const kycDocumentSchema = z.object({
  id: z.string(),
  documentType: z.enum(documentTypes),
  fileName: z.string(),
  size: z.number(),
  mimeType: z.string(),
  /** The last day the document is valid (YYYY-MM-DD), for documents that expire. */
  expiresOn: z.optional(z.string()),
});
export type KycDocument = z.infer<typeof kycDocumentSchema>;

/** Why a reviewer refused a field or a document: codes, so the trader reads them in their own language. */
export const kycReviewReasons = [
  'unreadable',
  'expired',
  'mismatch',
  'incomplete',
  'wrong_document',
  'not_accepted',
  'other',
] as const;
export type KycReviewReason = (typeof kycReviewReasons)[number];
/** What a reviewer can point at: a field of the personal or address step, or a document type. */
export const kycItems = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'nationality',
  'line1',
  'line2',
  'city',
  'postalCode',
  'country',
  ...documentTypes,
] as const;
export type KycItem = (typeof kycItems)[number];
/** One thing the trader must put right before submitting again; `done` once they have. */
export const kycCorrectionSchema = z.object({
  item: z.enum(kycItems),
  reason: z.catch(z.enum(kycReviewReasons), 'other'),
  /** The reviewer's own words, as written (not translated). */
  note: z.optional(z.string()),
  done: z.boolean(),
});
export type KycCorrection = z.infer<typeof kycCorrectionSchema>;
/** Why an approved case is due for verification again. */
export const kycDueReasons = ['document_expired', 'periodic_review'] as const;
export type KycDueReason = (typeof kycDueReasons)[number];
export const kycReverificationSchema = z.object({
  /** When the approval runs out (ISO instant): the earliest document expiry or the periodic review. */
  dueAt: z.string(),
  due: z.boolean(),
  reasons: z.array(z.enum(kycDueReasons)),
});
export type KycReverification = z.infer<typeof kycReverificationSchema>;
/** Who verifies: the broker's own staff (`review`, the default) or a verification vendor (`vendor`). */
export const kycProviderKinds = ['review', 'vendor'] as const;
export type KycProviderKind = (typeof kycProviderKinds)[number];
/** The next step of a vendor check: the vendor's page, or its SDK embedded in the screen. */
export const kycCheckStartSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('redirect'), url: z.string().check(z.regex(/^https?:\/\//)) }),
  z.object({
    type: z.literal('sdk'),
    scriptUrl: z.string().check(z.regex(/^https?:\/\//)),
    sessionToken: z.string(),
  }),
]);
export type KycCheckStart = z.infer<typeof kycCheckStartSchema>;

/** The form fields a KYC draft may hold: the personal and address steps, nothing else (never files). */
export const kycDraftFields = [
  'firstName',
  'lastName',
  'dateOfBirth',
  'nationality',
  'line1',
  'line2',
  'city',
  'postalCode',
  'country',
] as const;
export type KycDraftField = (typeof kycDraftFields)[number];
/** The longest value a draft field may hold (the form's own limit). */
export const kycDraftFieldMaxLength = 200;
/** The largest draft request body, in bytes of its JSON: nine short fields fit with room to spare. */
export const kycDraftMaxBytes = 8 * 1024;
const draftValue = z.optional(z.string().check(z.maxLength(kycDraftFieldMaxLength)));
const kycDraftValuesShape = Object.fromEntries(kycDraftFields.map((field) => [field, draftValue])) as Record<
  KycDraftField,
  typeof draftValue
>;
/**
 * What the user typed in the KYC form and has not saved as a step yet, with the step on screen. The backend keeps
 * it for the session's user (never the browser), returns it with the status, and deletes it on submission or expiry.
 */
export const kycDraftSchema = z.object({
  step: z.enum(kycSteps),
  values: z.object(kycDraftValuesShape),
});
export type KycDraft = z.infer<typeof kycDraftSchema>;
/** `saveKycDraft`: replaces the whole draft (PUT: the same request twice leaves the same draft). Unknown keys are refused. */
export const kycDraftRequestSchema = z.strictObject({
  kycType: z.optional(z.string()),
  step: z.enum(kycSteps),
  values: z.strictObject(kycDraftValuesShape),
});
export type KycDraftRequest = z.infer<typeof kycDraftRequestSchema>;

export const kycStatusSchema = z.object({
  kycType: z.string(),
  status: z.enum(kycStatuses),
  /** Why it was rejected or what to resubmit; broker text. */
  reasons: z.array(localizedTextSchema),
  requiredDocuments: z.array(z.enum(documentTypes)),
  personal: z.optional(kycPersonalSchema),
  address: z.optional(kycAddressSchema),
  documents: z.array(kycDocumentSchema),
  maxFileSize: z.number(),
  acceptedMimeTypes: z.array(z.string()),
  /** The user's unsaved form input, when the backend holds one (see `kycDraftSchema`); a malformed one is dropped. */
  draft: z.catch(z.optional(kycDraftSchema), undefined),
  /** What a rejection or a resubmission request asks the trader to put right; only these are edited then. */
  corrections: z._default(z.array(kycCorrectionSchema), []),
  /** For an approved case: when it is due for verification again, and whether it is now. */
  reverification: z.catch(z.optional(kycReverificationSchema), undefined),
  /** The youngest age the broker accepts (18 when absent). */
  minimumAge: z.optional(z.number()),
  /** `vendor`: the trader verifies with the broker's vendor (`startKycCheck`) instead of uploading here. */
  provider: z.catch(z._default(z.enum(kycProviderKinds), 'review'), 'review'),
});
export type KycStatus = z.infer<typeof kycStatusSchema>;

/** `startKycCheck`: hands the case to the broker's verification vendor, in the screen's language. */
export const kycCheckRequestSchema = z.object({ kycType: z.optional(z.string()), language: z.optional(z.string()) });
export type KycCheckRequest = z.infer<typeof kycCheckRequestSchema>;

export const kycStepRequestSchema = z.discriminatedUnion('step', [
  z.object({ step: z.literal('personal'), kycType: z.optional(z.string()), data: kycPersonalSchema }),
  z.object({ step: z.literal('address'), kycType: z.optional(z.string()), data: kycAddressSchema }),
]);
export type KycStepRequest = z.infer<typeof kycStepRequestSchema>;

// ── generic action ────────────────────────────────────────────────────────────────────────────────────────
export const actionFieldTypes = [
  'text',
  'email',
  'number',
  'amount',
  'select',
  'checkbox',
  'textarea',
  'date',
] as const;
export const actionFieldSchema = z.object({
  name: z.string().check(z.regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/)),
  type: z.enum(actionFieldTypes),
  label: localizedTextSchema,
  hint: z.optional(localizedTextSchema),
  required: z.optional(z.boolean()),
  min: z.optional(z.number()),
  max: z.optional(z.number()),
  maxLength: z.optional(z.number()),
  pattern: z.optional(z.string()),
  options: z.optional(z.array(z.object({ value: z.string(), label: localizedTextSchema }))),
  defaultValue: z.optional(z.union([z.string(), z.number(), z.boolean()])),
});
export type ActionField = z.infer<typeof actionFieldSchema>;
export const actionSchemaSchema = z.object({
  actionType: z.string(),
  title: localizedTextSchema,
  description: z.optional(localizedTextSchema),
  fields: z.array(actionFieldSchema),
  submitLabel: z.optional(localizedTextSchema),
  confirm: z.optional(z.boolean()),
});
export type ActionSchema = z.infer<typeof actionSchemaSchema>;
export const actionValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
export type ActionValues = z.infer<typeof actionValuesSchema>;
export const actionRequestSchema = z.object({
  actionType: z.string(),
  values: actionValuesSchema,
  idempotencyKey: z.string(),
});
export const actionResultSchema = z.object({
  status: z.enum(['completed', 'pending', 'rejected']),
  reference: z.optional(z.string()),
  message: z.optional(localizedTextSchema),
});
export type ActionResult = z.infer<typeof actionResultSchema>;

// ── chat ──────────────────────────────────────────────────────────────────────────────────────────────────
export const chatMessageSchema = z.object({
  id: z.string(),
  clientId: z.optional(z.string()),
  author: z.enum(['user', 'agent', 'system']),
  authorName: z.optional(z.string()),
  text: z.string(),
  sentAt: z.string(),
  attachment: z.optional(z.object({ name: z.string(), size: z.number(), mimeType: z.string(), url: z.string() })),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;
export const chatHistorySchema = z.object({ messages: z.array(chatMessageSchema), hasMore: z.boolean() });
export type ChatHistory = z.infer<typeof chatHistorySchema>;
export const chatSendRequestSchema = z.object({
  text: z.string().check(z.minLength(1), z.maxLength(4000)),
  clientId: z.string(),
});

// ── invite ────────────────────────────────────────────────────────────────────────────────────────────────
export const inviteSchema = z.object({ link: z.string(), partnerId: z.string() });
export type Invite = z.infer<typeof inviteSchema>;
export const attributionResults = ['ATTRIBUTED_NEW', 'ATTRIBUTED', 'PENDING_ATTRIBUTION', 'REATTRIBUTED'] as const;
export const inviteStatsSchema = z.object({
  clicks: z.number(),
  signups: z.number(),
  funded: z.number(),
  byResult: z.record(z.enum(attributionResults), z.number()),
});
export type InviteStats = z.infer<typeof inviteStatsSchema>;

// ── ribbons ───────────────────────────────────────────────────────────────────────────────────────────────
export const ribbonScopes = ['account', 'broker', 'user'] as const;
export const ribbonSchema = z.object({
  id: z.string(),
  color: z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)),
  title: z.string().check(z.maxLength(200)),
  enabled: z.boolean(),
  closable: z.boolean(),
  scope: z.enum(ribbonScopes),
  target: z.optional(z.string()),
  action: z.optional(z.union([z.object({ urlExternal: z.string() }), z.object({ urlinApp: z.string() })])),
});
export type Ribbon = z.infer<typeof ribbonSchema>;

// ── embedded platform web ─────────────────────────────────────────────────────────────────────────────────
export const platformWebTokenSchema = z.object({ token: z.string(), expiresAt: z.string() });
export type PlatformWebToken = z.infer<typeof platformWebTokenSchema>;
