import type { BrokerKitError } from '../errors.ts';
import type { ScreenTiming } from './screen-timing.ts';
import type {
  AccountType,
  ActionResult,
  ActionSchema,
  ActionValues,
  AuthResult,
  ChangeEmailResult,
  ChatHistory,
  ChatMessage,
  CompletePasswordResetRequest,
  CreateAccountRequest,
  CreateAccountResult,
  DocumentType,
  Invite,
  InviteStats,
  KycCheckRequest,
  KycCheckStart,
  KycDocument,
  KycDraftRequest,
  KycStatus,
  KycStepRequest,
  LoginRequest,
  PaymentDirection,
  PaymentOptions,
  PaymentRequest,
  PlatformWebToken,
  Ribbon,
  SignupRequest,
  Transaction,
  UserProfile,
  ValidatedToken,
  ValidateTokenRequest,
} from './schemas.ts';

/** Every call accepts a signal: a screen aborts what it no longer needs (disconnect, retry, navigation). */
export interface CallOptions {
  signal?: AbortSignal;
}

/** A live chat event. */
export type ChatEvent = { type: 'message'; message: ChatMessage } | { type: 'typing'; author: 'agent' };

/** The state of a live subscription, for the screen's online / reconnecting / offline indicator. */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'offline';

export interface ChatSubscription {
  onEvent(event: ChatEvent): void;
  onState?(state: ConnectionState): void;
  /** The feed stopped for good (the session ended or the backend refused it); the state is then `offline`. */
  onError?(error: BrokerKitError): void;
}

/*
 * The backend, module by module. Every call resolves with a typed result or rejects with a `BrokerKitError` whose
 * `code` a screen localizes; nothing else is ever thrown (aborts reject with the signal's reason, a DOMException
 * named AbortError). A broker implements the modules its screens call and nothing else: handoff with deposits
 * is `HandoffModule & PaymentsModule`.
 *
 * Authentication: `validateToken` (in-app) and `login`/`signup` (SSO) open a session; the later calls of the
 * same visit run on that session, never on the one-time token again.
 */

/** The in-app handoff (seed 002 A): the platform's one-time token opens a session. Every in-app screen calls it. */
export interface HandoffModule {
  validateToken(request: ValidateTokenRequest, options?: CallOptions): Promise<ValidatedToken>;
}

/** The broker's own identity (SSO mode, seed 002 B): sign-in, sign-up and the account upkeep screens. */
export interface IdentityModule {
  login(request: LoginRequest, options?: CallOptions): Promise<AuthResult>;
  signup(request: SignupRequest, options?: CallOptions): Promise<AuthResult>;
  /**
   * Asks the backend to mail a reset link. Resolves the same way whether or not the address has an account; the
   * link carries a one-time token for `completePasswordReset`.
   */
  requestPasswordReset(request: { email: string; language?: string }, options?: CallOptions): Promise<void>;
  /**
   * Sets a new password with the token of a reset link. The token works once and expires; asking for another
   * link makes earlier ones void. Every session of the user ends. An unknown, used or replaced token rejects
   * with INVALID_OT_TOKEN, an expired one with TOKEN_EXPIRED, a password the rules refuse with VALIDATION_FAILED
   * (`fields.newPassword`; the token stays usable).
   */
  completePasswordReset(request: CompletePasswordResetRequest, options?: CallOptions): Promise<void>;
  changePassword(request: { currentPassword: string; newPassword: string }, options?: CallOptions): Promise<void>;
  changeEmail(request: { newEmail: string; password: string }, options?: CallOptions): Promise<ChangeEmailResult>;
  currentUser(options?: CallOptions): Promise<UserProfile>;
  logout(options?: CallOptions): Promise<void>;
}

/** Trading accounts (seed 002 stage 5). */
export interface AccountsModule {
  accountTypes(options?: CallOptions): Promise<AccountType[]>;
  createAccount(request: CreateAccountRequest, options?: CallOptions): Promise<CreateAccountResult>;
}

/** Deposits and withdrawals. */
export interface PaymentsModule {
  paymentOptions(
    request: { direction: PaymentDirection; account: number },
    options?: CallOptions,
  ): Promise<PaymentOptions>;
  submitPayment(request: PaymentRequest, options?: CallOptions): Promise<Transaction>;
  transaction(request: { id: string }, options?: CallOptions): Promise<Transaction>;
}

export interface KycModule {
  kycStatus(request: { kycType?: string }, options?: CallOptions): Promise<KycStatus>;
  saveKycStep(request: KycStepRequest, options?: CallOptions): Promise<KycStatus>;
  /**
   * Keeps what the user has typed and not saved as a step yet, for the session's user, replacing any earlier
   * draft of that `kycType` (the same request twice leaves the same draft). `kycStatus` returns it until the
   * case is submitted (which deletes it) or it expires. Refused for a pending or approved case; a field longer
   * than `kycDraftFieldMaxLength` or an unknown field is refused, a body over `kycDraftMaxBytes` answers
   * PAYLOAD_TOO_LARGE.
   */
  saveKycDraft(request: KycDraftRequest, options?: CallOptions): Promise<void>;
  /** `expiresOn` (YYYY-MM-DD, after today) for an identity document that has one. */
  uploadKycDocument(
    request: { kycType?: string; documentType: DocumentType; file: Blob; fileName: string; expiresOn?: string },
    options?: CallOptions,
  ): Promise<KycDocument>;
  removeKycDocument(request: { id: string }, options?: CallOptions): Promise<KycStatus>;
  /**
   * Submits the case for review. After a rejection or a resubmission request every correction must be done first
   * (VALIDATION_FAILED names the open ones); an approval that is due again may be submitted as it stands.
   */
  submitKyc(request: { kycType?: string; idempotencyKey: string }, options?: CallOptions): Promise<KycStatus>;
  /**
   * For a KYC type the broker verifies through a vendor (`status.provider === 'vendor'`): hands the case to the
   * vendor and answers the trader's next step (the vendor's page, or its SDK). The case waits (pending) for the
   * vendor's result; starting again replaces the check.
   */
  startKycCheck(request: KycCheckRequest, options?: CallOptions): Promise<KycCheckStart>;
}

/** The generic action screen: a form the broker describes, submitted once. */
export interface ActionModule {
  actionSchema(request: { actionType: string }, options?: CallOptions): Promise<ActionSchema>;
  submitAction(
    request: { actionType: string; values: ActionValues; idempotencyKey: string },
    options?: CallOptions,
  ): Promise<ActionResult>;
}

/** Support chat. */
export interface ChatModule {
  chatHistory(request: { before?: string }, options?: CallOptions): Promise<ChatHistory>;
  sendChatMessage(request: { text: string; clientId: string }, options?: CallOptions): Promise<ChatMessage>;
  /** Opens the live feed; reconnects with backoff on its own until the signal aborts. */
  subscribeChat(subscription: ChatSubscription, options?: CallOptions): void;
}

export interface InviteModule {
  invite(options?: CallOptions): Promise<Invite>;
  inviteStats(options?: CallOptions): Promise<InviteStats>;
}

export interface RibbonsModule {
  /** `language`: the screen's, for the texts a backend writes itself (the KYC renewal ribbon's title). */
  ribbons(request: { account?: number; language?: string }, options?: CallOptions): Promise<Ribbon[]>;
}

/** The embedded platform web app: a fresh OT token, fetched right before the frame loads (it lives a minute). */
export interface EmbeddedWebModule {
  platformWebToken(request: { account?: number }, options?: CallOptions): Promise<PlatformWebToken>;
}

/** Monitoring: optional, a backend that does not take the screens' timings simply has no such method. */
export interface MonitoringModule {
  /** Hands the backend a screen's own load timings (sampled by the caller). Never rejects: monitoring must not break a screen. */
  reportScreenTiming?(report: ScreenTiming): Promise<void>;
}

/** Every module: what the reference server, the HttpAdapter and the MemoryAdapter implement. */
export interface BackendAdapter
  extends
    HandoffModule,
    IdentityModule,
    AccountsModule,
    PaymentsModule,
    KycModule,
    ActionModule,
    ChatModule,
    InviteModule,
    RibbonsModule,
    EmbeddedWebModule,
    MonitoringModule {}

/** The modules by name, as the contract's modules and `--modules` of the conformance kit spell them. */
export interface BackendModules {
  handoff: HandoffModule;
  identity: IdentityModule;
  accounts: AccountsModule;
  payments: PaymentsModule;
  kyc: KycModule;
  action: ActionModule;
  chat: ChatModule;
  invite: InviteModule;
  ribbons: RibbonsModule;
  'platform-web': EmbeddedWebModule;
  monitoring: MonitoringModule;
}
