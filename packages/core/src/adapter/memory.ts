import { screenTimingSchema, type ScreenTiming } from './screen-timing.ts';
import { BrokerKitError, type ErrorCode } from '../errors.ts';
import type { BackendAdapter, CallOptions, ChatEvent, ChatSubscription, ConnectionState } from './adapter.ts';
import { abortReason, sleep } from './http-signal.ts';
import {
  declinedMethod,
  demoCredentials,
  demoSeed,
  type DemoSeed,
  type DemoUser,
  type KycRecord,
} from './memory-data.ts';
import { parseRequest } from './memory-validate.ts';
import { actionValuesProblems } from '../rules/actions.ts';
import { emailProblem } from '../rules/identity.ts';
import { assertDocumentFile, documentFileName, defaultKycType } from '../rules/kyc.ts';
import { assertKycStatusEditable, defaultKycPolicy, newKycCase, type KycReviewItem } from '../rules/kyc-case.ts';
import { KycService } from '../services/kyc.ts';
import { MemoryKycCaseStore } from '../services/kyc.memory.ts';
import { amountProblem, fromUnits, toUnits } from '../rules/money.ts';
import { acceptsPayments, assertPaymentAllowed, notYourAccount } from '../rules/payments.ts';
import { FieldCheck } from '../rules/problems.ts';
import { AccountsService } from '../services/accounts.ts';
import { MemoryAccountStore } from '../services/accounts.memory.ts';
import { IdentityService } from '../services/identity.ts';
import { MemoryUserStore } from '../services/identity.memory.ts';
import { MemoryPlatform, plainPasswords } from '../services/platform.memory.ts';
import {
  actionRequestSchema,
  changeEmailRequestSchema,
  changePasswordRequestSchema,
  completePasswordResetRequestSchema,
  chatSendRequestSchema,
  createAccountRequestSchema,
  documentTypes,
  kycDraftMaxBytes,
  kycDraftRequestSchema,
  kycStepRequestSchema,
  loginRequestSchema,
  passwordResetRequestSchema,
  paymentDirections,
  paymentRequestSchema,
  signupRequestSchema,
  validateTokenRequestSchema,
  type AuthResult,
  type ChatMessage,
  type InAppAction,
  type KycDraft,
  type KycStatus,
  type PaymentDirection,
  type TokenPurpose,
  type TradingAccount,
  type Transaction,
  type UserProfile,
} from './schemas.ts';

export interface MemoryAdapterOptions {
  /** Delay of every call, to show loading states. */
  latencyMs?: number;
  /** The clock of token expiry and timestamps (ms since epoch). */
  now?: () => number;
  /** Lifetime of the OT tokens it issues. */
  tokenTtlMs?: number;
  /** Lifetime of a password reset link (30 minutes by default, as the reference server). */
  passwordResetTtlMs?: number;
  /** How long a KYC draft is kept after its last save (a day by default, as the reference server). */
  kycDraftTtlMs?: number;
  /** How long the support agent takes to answer a chat message. */
  agentReplyMs?: number;
  chatPageSize?: number;
  /** Start with the demo user signed in (a playground showing in-app screens without a token). */
  signedIn?: boolean;
  /** Where the broker's screens live, for invite links. */
  publicUrl?: string;
  seed?: DemoSeed;
}

export interface IssueTokenOptions {
  /** Whose token; the demo user by default. */
  email?: string;
  purpose?: TokenPurpose;
  action?: InAppAction;
  tradingLogin?: number;
  ttlMs?: number;
}

interface TokenRecord {
  userId: number;
  purpose: TokenPurpose;
  action: InAppAction | undefined;
  tradingLogin: number | undefined;
  expiresAt: number;
  used: boolean;
}

interface ResetRecord {
  userId: number;
  email: string;
  expiresAt: number;
  /** Used, or replaced by a newer link: either way it no longer works. */
  spent: boolean;
}

interface Subscriber {
  subscription: ChatSubscription;
  userId: number;
  /** How many of the user's messages it has been sent. */
  delivered: number;
}

/**
 * The BackendAdapter in process, over seeded demo data, with the reference server's semantics: single-use
 * expiring OT tokens, sessions, idempotent submissions, balances and limits. For tests, demos and designing
 * screens with no backend; `failNext`, `latencyMs` and `setOnline` show every screen state. The seeded deposit
 * method `card-declined` ("Card (declined in demo)") shows a declined payment: every deposit with it ends in
 * status 'failed' with a `failureReason`, and moves no money.
 * Tokens are kept in plain form in memory: this adapter is never a production backend.
 */
export class MemoryAdapter implements BackendAdapter {
  latencyMs: number;
  private readonly now: () => number;
  private readonly tokenTtlMs: number;
  private readonly passwordResetTtlMs: number;
  private readonly kycDraftTtlMs: number;
  private readonly agentReplyMs: number;
  private readonly chatPageSize: number;
  private readonly publicUrl: string;
  private readonly data: DemoSeed;
  /** The services of the reference server, over stores that keep the demo data in memory. */
  private readonly users: MemoryUserStore;
  private readonly identity: IdentityService;
  private readonly accounts: AccountsService;
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly resets = new Map<string, ResetRecord>();
  private readonly idempotent = new Map<string, { request: string; result: unknown }>();
  /** KYC cases, decided by the reference server's KYC service. */
  private readonly kycCases: MemoryKycCaseStore;
  private readonly kyc: KycService;
  /** KYC drafts by `userId|kycType`: only the session's own user ever reaches one. */
  private readonly kycDrafts = new Map<string, { draft: KycDraft; expiresAt: number }>();
  private readonly transactions = new Map<string, Transaction>();
  private readonly chats = new Map<number, ChatMessage[]>();
  private readonly subscribers = new Set<Subscriber>();
  /** The screen timings reported to this backend, in order (the playground and tests read them). */
  readonly screenTimings: ScreenTiming[] = [];
  private readonly failures: ErrorCode[] = [];
  private sessionUserId: number | undefined;
  private online = true;
  private counter = 0;

  constructor(options: MemoryAdapterOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.now = options.now ?? Date.now;
    this.tokenTtlMs = options.tokenTtlMs ?? 5 * 60_000;
    this.passwordResetTtlMs = options.passwordResetTtlMs ?? 30 * 60_000;
    this.kycDraftTtlMs = options.kycDraftTtlMs ?? 24 * 60 * 60_000;
    this.agentReplyMs = options.agentReplyMs ?? 1_500;
    this.chatPageSize = options.chatPageSize ?? 20;
    this.publicUrl = (options.publicUrl ?? 'https://broker.example.com').replace(/\/+$/, '');
    this.data = options.seed ? structuredClone(options.seed) : demoSeed();
    this.users = new MemoryUserStore(this.data.users);
    const accounts = new MemoryAccountStore(this.data.users);
    const platform = new MemoryPlatform(this.data.users);
    this.identity = new IdentityService({
      users: this.users,
      accounts,
      platform,
      passwords: plainPasswords,
      now: this.now,
      newPartnerId: () => `P-${this.nextId()}`,
    });
    this.accounts = new AccountsService({
      accounts,
      platform,
      accountTypes: () => this.data.accountTypes,
      now: this.now,
    });
    this.kycCases = new MemoryKycCaseStore((userId) => this.userById(userId)?.email ?? '');
    this.kyc = new KycService({
      store: this.kycCases,
      settings: () => ({
        ...defaultKycPolicy,
        types: this.data.kycTypes,
        provider: 'review',
        maxFileSize: this.data.maxFileSize,
      }),
      now: this.now,
      newId: () => `doc_${this.nextId()}`,
    });
    for (const user of this.data.users)
      for (const [kycType, record] of Object.entries(user.kyc))
        this.kycCases.seed(
          user.userId,
          {
            ...newKycCase(kycType),
            status: record.status,
            notes: record.reasons,
            corrections: record.corrections ?? [],
            documents: record.documents.map((document) => ({ ...document, uploadedAt: 0, state: 'current' })),
            ...(record.personal && { personal: record.personal }),
            ...(record.address && { address: record.address }),
          },
          this.now(),
        );
    const demo = this.data.users.find((user) => user.email === demoCredentials.email);
    if (demo) this.chats.set(demo.userId, structuredClone(this.data.chat));
    if (options.signedIn) this.sessionUserId = demo?.userId;
  }

  // ── test and demo hooks ──

  /** The next call rejects with this code (after its latency); several calls queue up. */
  failNext(code: ErrorCode): void {
    this.failures.push(code);
  }

  /**
   * Holds calls of the named methods until the returned function is called, so that a screen's in-flight
   * state stays on screen for as long as a test looks at it, however busy the machine. Aborts still apply.
   */
  hold(...methods: (keyof BackendAdapter)[]): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const originals = methods.map((method) => [method, this[method]] as const);
    for (const [method, original] of originals) {
      const call = original as (...args: unknown[]) => Promise<unknown>;
      (this as Record<string, unknown>)[method] = async (...args: unknown[]) => {
        const options = args.at(-1) as CallOptions | undefined;
        await untilReleased(gate, options?.signal);
        return call(...args);
      };
    }
    return () => {
      for (const [method, original] of originals) (this as Record<string, unknown>)[method] = original;
      release();
    };
  }

  /** Offline: every call fails with NETWORK_ERROR and chat feeds show `offline`; back online they catch up. */
  setOnline(online: boolean): void {
    this.online = online;
    for (const subscriber of this.subscribers) {
      notify(subscriber.subscription, online ? 'open' : 'offline');
      if (online) this.deliver(subscriber);
    }
  }

  /** Issues an OT token as the platform or the broker would, and returns it. */
  issueToken(options: IssueTokenOptions = {}): string {
    const user = this.userByEmail(options.email ?? demoCredentials.email);
    if (!user) throw new Error(`No such user: ${options.email}`);
    return this.storeToken(user.userId, options.purpose ?? 'in-app', {
      action: options.action,
      tradingLogin: options.tradingLogin,
      ttlMs: options.ttlMs,
    });
  }

  /**
   * The token of the newest reset link "mailed" to this address, or undefined when none was (an unknown address
   * gets no mail). Stands in for reading the mail in tests and demos.
   */
  lastPasswordResetToken(email: string): string | undefined {
    const wanted = email.trim().toLowerCase();
    let last: string | undefined;
    for (const [token, record] of this.resets) if (record.email === wanted) last = token;
    return last;
  }

  /** Removes a user, as a broker back office would (a token issued before then answers USER_NOT_FOUND). */
  deleteUser(email: string): void {
    const user = this.userByEmail(email);
    if (!user) return;
    this.data.users.splice(this.data.users.indexOf(user), 1);
    if (this.sessionUserId === user.userId) this.sessionUserId = undefined;
  }

  /**
   * A compliance officer's decision, as the back office makes it: `items` name the fields and documents to put
   * right, `reasons` are the officer's words. A case not submitted yet is taken as submitted first.
   */
  async reviewKyc(
    kycType: string,
    status: 'approved' | 'rejected' | 'resubmission_requested',
    reasons: KycRecord['reasons'] = [],
    email: string = demoCredentials.email,
    items: KycReviewItem[] = [],
  ): Promise<void> {
    const user = this.userByEmail(email);
    if (!user) throw new Error(`No user ${email}`);
    const kycCase = this.kycCases.get(user.userId, kycType) ?? newKycCase(kycType);
    if (kycCase.status !== 'pending') this.kycCases.seed(user.userId, { ...kycCase, status: 'pending' }, this.now());
    const decision = (
      { approved: 'approve', rejected: 'reject', resubmission_requested: 'request_resubmission' } as const
    )[status];
    const note = reasons.map((reason) => (typeof reason === 'string' ? reason : (reason.en ?? ''))).join(' ');
    await this.kyc.decide(
      user.userId,
      kycType,
      { decision, items, ...(note && { note }) },
      { reviewer: 'demo-officer', source: 'staff' },
    );
    // The officer's words in every language given, as the trader reads them.
    this.kycCases.setNotes(user.userId, kycType, reasons);
  }

  // ── identity ──

  validateToken: BackendAdapter['validateToken'] = (request, options) =>
    this.run(options, () => {
      if (typeof request?.token !== 'string' || request.token === '')
        throw new BrokerKitError('MISSING_REQUIRED_PARAMETER', 'The token parameter is required');
      const { token, action, account } = parseRequest(validateTokenRequestSchema, request);
      const record = this.tokens.get(token);
      if (!record || record.used) throw invalidToken();
      if (record.expiresAt <= this.now()) throw new BrokerKitError('TOKEN_EXPIRED', 'The provided token has expired');
      // Single use: the token is spent by this attempt, whatever follows.
      record.used = true;
      if (record.purpose !== 'in-app' || (action && record.action && record.action !== action)) throw invalidToken();
      const user = this.data.users.find((candidate) => candidate.userId === record.userId);
      if (!user) throw new BrokerKitError('USER_NOT_FOUND', 'User context not found in token');
      const tradingLogin = account ?? record.tradingLogin;
      if (tradingLogin !== undefined) ownAccount(user, tradingLogin);
      this.sessionUserId = user.userId;
      return {
        valid: true as const,
        userId: user.userId,
        email: user.email,
        ...(tradingLogin !== undefined ? { tradingLogin } : {}),
        expiresAt: new Date(record.expiresAt).toISOString(),
        ...(record.action ? { action: record.action } : {}),
        profile: profile(user),
      };
    });

  login: BackendAdapter['login'] = (request, options) =>
    this.run(options, async () => {
      const { email, password } = parseRequest(loginRequestSchema, request);
      const outcome = await this.identity.authenticate(email, password);
      if (!outcome.ok) throw new BrokerKitError('INVALID_CREDENTIALS', 'The email or password is not correct');
      this.sessionUserId = outcome.user.userId;
      return this.authResult(outcome.user.userId);
    });

  signup: BackendAdapter['signup'] = (request, options) =>
    this.run(options, async () => {
      const user = await this.identity.signup(parseRequest(signupRequestSchema, request));
      this.sessionUserId = user.userId;
      return this.authResult(user.userId);
    });

  requestPasswordReset: BackendAdapter['requestPasswordReset'] = (request, options) =>
    this.run(options, () => {
      const { email } = parseRequest(passwordResetRequestSchema, request);
      new FieldCheck().add('email', emailProblem(email)).assert();
      // The same answer whether or not the address has an account; only a known one gets a link.
      const user = this.userByEmail(email);
      if (!user) return;
      this.voidResets(user.userId);
      this.resets.set(this.newTokenValue(), {
        userId: user.userId,
        email: user.email,
        expiresAt: this.now() + this.passwordResetTtlMs,
        spent: false,
      });
    });

  completePasswordReset: BackendAdapter['completePasswordReset'] = (request, options) =>
    this.run(options, async () => {
      const { token, newPassword } = parseRequest(completePasswordResetRequestSchema, request);
      const record = this.resets.get(token);
      const user = record && this.userById(record.userId);
      if (!record || record.spent || !user)
        throw new BrokerKitError('INVALID_OT_TOKEN', 'The reset link is not valid any more');
      if (record.expiresAt <= this.now()) throw new BrokerKitError('TOKEN_EXPIRED', 'The reset link has expired');
      // A refused password leaves the link usable, so the user can try another one.
      const passwordHash = await this.identity.checkedPasswordHash(user, newPassword);
      this.voidResets(user.userId);
      this.users.setPassword(user.userId, passwordHash);
      // Every session of the user ends: whoever knew the old password is signed out.
      if (this.sessionUserId === user.userId) this.sessionUserId = undefined;
    });

  changePassword: BackendAdapter['changePassword'] = (request, options) =>
    this.run(options, async () => {
      const user = this.sessionUser();
      const { currentPassword, newPassword } = parseRequest(changePasswordRequestSchema, request);
      await this.identity.changePassword(user.userId, currentPassword, newPassword);
      this.voidResets(user.userId);
    });

  changeEmail: BackendAdapter['changeEmail'] = (request, options) =>
    this.run(options, () => {
      const user = this.sessionUser();
      const { newEmail, password } = parseRequest(changeEmailRequestSchema, request);
      return this.identity.changeEmail(user.userId, newEmail, password);
    });

  currentUser: BackendAdapter['currentUser'] = (options) =>
    this.run(options, () => this.identity.profile(this.sessionUser().userId));

  logout: BackendAdapter['logout'] = (options) =>
    this.run(options, () => {
      this.sessionUserId = undefined;
    });

  // ── accounts ──

  accountTypes: BackendAdapter['accountTypes'] = (options) => this.run(options, () => this.accounts.types());

  createAccount: BackendAdapter['createAccount'] = (request, options) =>
    this.run(options, async () => {
      const user = this.sessionUser();
      const account = await this.accounts.create(user.userId, parseRequest(createAccountRequestSchema, request));
      const token = this.storeToken(user.userId, 'sso-login', { tradingLogin: account.login });
      return { account, token, userId: user.userId };
    });

  // ── money ──

  paymentOptions: BackendAdapter['paymentOptions'] = (request, options) =>
    this.run(options, () => {
      const user = this.sessionUser();
      if (!paymentDirections.includes(request.direction))
        throw new BrokerKitError('INVALID_REQUEST', 'direction and account are required');
      const account = ownAccount(user, request.account);
      const methods = this.methodsFor(request.direction, account);
      return {
        account,
        methods,
        ...(request.direction === 'withdraw'
          ? { available: fromUnits(toUnits(account.balance ?? '0'), account.currency) }
          : {}),
      };
    });

  submitPayment: BackendAdapter['submitPayment'] = (request, options) =>
    this.run(options, () => {
      const user = this.sessionUser();
      const payment = parseRequest(paymentRequestSchema, request);
      return this.once(user, 'payment', payment.idempotencyKey, payment, () => {
        const account = ownAccount(user, payment.account);
        const method = this.methodsFor(payment.direction, account).find((m) => m.id === payment.methodId);
        new FieldCheck()
          .add('methodId', method ? undefined : 'invalid')
          .add('currency', payment.currency === account.currency ? undefined : 'invalid')
          .add('amount', amountProblem(payment.amount, payment.currency))
          .assert('Method or currency not available');
        const balance = toUnits(account.balance ?? '0');
        assertPaymentAllowed({ ...payment, method: method!, available: fromUnits(balance) });
        const amount = toUnits(payment.amount);
        const declined = payment.direction === 'deposit' && method!.id === declinedMethod.id;
        if (!declined)
          account.balance = fromUnits(
            payment.direction === 'deposit' ? balance + amount : balance - amount,
            account.currency,
          );
        const id = this.nextId();
        const transaction: Transaction = {
          id: `tx_${id}`,
          direction: payment.direction,
          account: account.login,
          amount: fromUnits(amount, payment.currency),
          currency: payment.currency,
          // A withdrawal is reserved at once and paid out after review.
          status: declined ? 'failed' : payment.direction === 'deposit' ? 'completed' : 'pending',
          reference: `${payment.direction === 'deposit' ? 'DEP' : 'WDR'}-${id}`,
          createdAt: new Date(this.now()).toISOString(),
          ...(declined && { failureCode: declinedMethod.failureCode, failureReason: declinedMethod.failureReason }),
        };
        this.transactions.set(transaction.id, transaction);
        return transaction;
      });
    });

  transaction: BackendAdapter['transaction'] = (request, options) =>
    this.run(options, () => {
      const user = this.sessionUser();
      const transaction = this.transactions.get(request.id);
      if (!transaction || !user.accounts.some((account) => account.login === transaction.account))
        throw new BrokerKitError('NOT_FOUND', 'No such transaction');
      return transaction;
    });

  // ── KYC ──

  kycStatus: BackendAdapter['kycStatus'] = (request, options) =>
    this.run(options, () => this.kycView(this.sessionUser(), request.kycType));

  saveKycStep: BackendAdapter['saveKycStep'] = (request, options) =>
    this.run(options, async () => {
      const user = this.sessionUser();
      const step = parseRequest(kycStepRequestSchema, request);
      const kycType = step.kycType ?? defaultKycType;
      await this.kyc.saveStep(user.userId, kycType, step);
      return this.kycView(user, kycType);
    });

  saveKycDraft: BackendAdapter['saveKycDraft'] = (request, options) =>
    this.run(options, async () => {
      const user = this.sessionUser();
      if (jsonBytes(request) > kycDraftMaxBytes)
        throw new BrokerKitError('PAYLOAD_TOO_LARGE', `A draft holds ${kycDraftMaxBytes} bytes at most`);
      const { kycType = defaultKycType, step, values } = parseRequest(kycDraftRequestSchema, request);
      assertKycStatusEditable(await this.kyc.status(user.userId, kycType));
      this.kycDrafts.set(`${user.userId}|${kycType}`, {
        draft: { step, values },
        expiresAt: this.now() + this.kycDraftTtlMs,
      });
    });

  uploadKycDocument: BackendAdapter['uploadKycDocument'] = (request, options) =>
    this.run(options, async () => {
      const user = this.sessionUser();
      const kycType = request.kycType ?? defaultKycType;
      this.kyc.assertKycType(kycType);
      if (!(request.file instanceof Blob) || !documentTypes.includes(request.documentType))
        throw new BrokerKitError('INVALID_REQUEST', 'documentType and file are required');
      if (request.expiresOn !== undefined && typeof request.expiresOn !== 'string')
        throw new BrokerKitError('INVALID_REQUEST', 'expiresOn must be a date');
      const bytes = new Uint8Array(await request.file.arrayBuffer());
      const mimeType = assertDocumentFile(
        { size: request.file.size, head: bytes.subarray(0, 8) },
        this.data.maxFileSize,
      );
      return this.kyc.addDocument(user.userId, kycType, {
        documentType: request.documentType,
        fileName: documentFileName(request.fileName),
        size: request.file.size,
        mimeType,
        ...(request.expiresOn !== undefined && { expiresOn: request.expiresOn }),
        bytes,
      });
    });

  removeKycDocument: BackendAdapter['removeKycDocument'] = (request, options) =>
    this.run(options, async () => {
      const user = this.sessionUser();
      const kycType = await this.kyc.removeDocument(user.userId, String(request?.id ?? ''));
      return this.kycView(user, kycType);
    });

  submitKyc: BackendAdapter['submitKyc'] = (request, options) =>
    this.run(options, async () => {
      const user = this.sessionUser();
      const kycType = request.kycType ?? defaultKycType;
      const { replayed } = await this.kyc.submit(user.userId, kycType, String(request?.idempotencyKey ?? ''));
      // Everything is saved in the case now: the unsaved input has no further use.
      if (!replayed) this.kycDrafts.delete(`${user.userId}|${kycType}`);
      return this.kycView(user, kycType);
    });

  startKycCheck: BackendAdapter['startKycCheck'] = (request, options) =>
    this.run(options, () =>
      // The in-memory backend has no verification vendor: its KYC is the broker's own review.
      this.kyc.startCheck(
        this.sessionUser().userId,
        request.kycType ?? defaultKycType,
        { returnUrl: '', webhookUrl: '' },
        'en',
      ),
    );

  // ── generic action ──

  actionSchema: BackendAdapter['actionSchema'] = (request, options) =>
    this.run(options, () => {
      this.sessionUser();
      return this.action(request.actionType).schema;
    });

  submitAction: BackendAdapter['submitAction'] = (request, options) =>
    this.run(options, () => {
      const user = this.sessionUser();
      const submission = parseRequest(actionRequestSchema, request);
      return this.once(user, `action:${submission.actionType}`, submission.idempotencyKey, submission, () => {
        const action = this.action(submission.actionType);
        const problems = actionValuesProblems(action.schema.fields, submission.values);
        if (Object.keys(problems).length > 0)
          throw new BrokerKitError('VALIDATION_FAILED', 'Some fields are not valid', { fields: problems });
        return { ...action.outcome, reference: `ACT-${this.nextId()}` };
      });
    });

  // ── chat ──

  chatHistory: BackendAdapter['chatHistory'] = (request, options) =>
    this.run(options, () => {
      const messages = this.chat(this.sessionUser());
      let end = messages.length;
      if (request.before !== undefined) {
        end = messages.findIndex((message) => message.id === request.before);
        if (end === -1) throw new BrokerKitError('NOT_FOUND', 'No such message');
      }
      const start = Math.max(0, end - this.chatPageSize);
      return { messages: messages.slice(start, end), hasMore: start > 0 };
    });

  sendChatMessage: BackendAdapter['sendChatMessage'] = (request, options) =>
    this.run(options, () => {
      const user = this.sessionUser();
      const { text, clientId } = parseRequest(chatSendRequestSchema, request);
      new FieldCheck().add('text', text.trim() === '' ? 'required' : undefined).assert();
      const messages = this.chat(user);
      const earlier = messages.find((message) => message.author === 'user' && message.clientId === clientId);
      if (earlier) return earlier;
      const message: ChatMessage = {
        id: `m${this.nextId()}`,
        clientId,
        author: 'user',
        text,
        sentAt: new Date(this.now()).toISOString(),
      };
      this.post(user.userId, message);
      this.scheduleAgentReply(user.userId, text);
      return message;
    });

  subscribeChat(subscription: ChatSubscription, options: CallOptions = {}): void {
    const { signal } = options;
    if (signal?.aborted) return;
    const userId = this.sessionUserId;
    notify(subscription, 'connecting');
    if (userId === undefined || !this.userById(userId)) {
      notify(subscription, 'offline');
      subscription.onError?.(new BrokerKitError('SESSION_EXPIRED', 'There is no session'));
      return;
    }
    // Like a fresh event stream: only what is posted from now on.
    const subscriber: Subscriber = { subscription, userId, delivered: this.chat(this.userById(userId)!).length };
    this.subscribers.add(subscriber);
    signal?.addEventListener('abort', () => this.subscribers.delete(subscriber), { once: true });
    void sleep(this.latencyMs, signal).then(
      () => notify(subscription, this.online ? 'open' : 'offline'),
      () => {},
    );
  }

  // ── invite, ribbons, platform web ──

  invite: BackendAdapter['invite'] = (options) =>
    this.run(options, () => {
      const { partnerId } = this.sessionUser();
      const query = new URLSearchParams({ firstLogin: 'true', partnerId });
      return { link: `${this.publicUrl}/auth/login?${query}`, partnerId };
    });

  inviteStats: BackendAdapter['inviteStats'] = (options) =>
    this.run(options, () => {
      const user = this.sessionUser();
      return user.email === demoCredentials.email
        ? this.data.inviteStats
        : {
            clicks: 0,
            signups: 0,
            funded: 0,
            byResult: { ATTRIBUTED_NEW: 0, ATTRIBUTED: 0, PENDING_ATTRIBUTION: 0, REATTRIBUTED: 0 },
          };
    });

  ribbons: BackendAdapter['ribbons'] = (request, options) =>
    this.run(options, () => {
      const user = this.sessionUser();
      if (request.account !== undefined) ownAccount(user, request.account);
      const applies = (scope: string, target: string | undefined) => (ribbon: { scope: string; target?: string }) =>
        ribbon.scope === scope && (target === undefined || ribbon.target === target);
      // Most specific first: the account's, then the broker's, then the user's.
      return [
        ...(request.account !== undefined ? this.data.ribbons.filter(applies('account', String(request.account))) : []),
        ...this.data.ribbons.filter(applies('broker', undefined)),
        ...this.data.ribbons.filter(applies('user', String(user.userId))),
      ];
    });

  reportScreenTiming: NonNullable<BackendAdapter['reportScreenTiming']> = (report) => {
    if (screenTimingSchema.safeParse(report).success) this.screenTimings.push(report);
    return Promise.resolve();
  };

  platformWebToken: BackendAdapter['platformWebToken'] = (request, options) =>
    this.run(options, () => {
      const user = this.sessionUser();
      if (request.account !== undefined) ownAccount(user, request.account);
      const ttlMs = 60_000;
      const token = this.storeToken(user.userId, 'platform-web', { tradingLogin: request.account, ttlMs });
      return { token, expiresAt: new Date(this.now() + ttlMs).toISOString() };
    });

  // ── internals ──

  /** Every call: abort check, latency, simulated failure, then the work; results are copies. */
  private async run<T>(options: CallOptions | undefined, work: () => T | Promise<T>): Promise<T> {
    const signal = options?.signal;
    if (signal?.aborted) throw abortReason(signal);
    if (this.latencyMs > 0) await sleep(this.latencyMs, signal);
    const failure = this.failures.shift();
    if (failure) throw new BrokerKitError(failure, `Simulated ${failure}`);
    if (!this.online) throw new BrokerKitError('NETWORK_ERROR', 'Offline');
    try {
      return structuredClone(await work());
    } catch (error) {
      // Like a server answering 500: a caller only ever meets a BrokerKitError.
      if (error instanceof BrokerKitError) throw error;
      throw new BrokerKitError('SERVER_ERROR', 'Unexpected failure', { cause: error });
    }
  }

  /** Runs a submission once per key; the same key again answers the first result, a different request conflicts. */
  private once<T>(user: DemoUser, kind: string, key: string, request: object, work: () => T): T {
    const slot = `${user.userId}|${kind}|${key}`;
    const fingerprint = JSON.stringify(request);
    const earlier = this.idempotent.get(slot);
    if (earlier) {
      if (earlier.request !== fingerprint)
        throw new BrokerKitError('DUPLICATE_SUBMISSION', 'This idempotency key was used for a different request');
      return earlier.result as T;
    }
    const result = work();
    this.idempotent.set(slot, { request: fingerprint, result: structuredClone(result) });
    return result;
  }

  /** 32 random bytes, base64url: the shape of the reference server's tokens. */
  private newTokenValue(): string {
    const bytes = crypto.getRandomValues(new Uint8Array(32));
    return btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  }

  /** Every reset link of the user stops working (a newer one was sent, or the password changed). */
  private voidResets(userId: number): void {
    for (const record of this.resets.values()) if (record.userId === userId) record.spent = true;
  }

  private storeToken(
    userId: number,
    purpose: TokenPurpose,
    options: { action?: InAppAction; tradingLogin?: number; ttlMs?: number },
  ): string {
    const token = this.newTokenValue();
    this.tokens.set(token, {
      userId,
      purpose,
      action: options.action,
      tradingLogin: options.tradingLogin,
      expiresAt: this.now() + (options.ttlMs ?? this.tokenTtlMs),
      used: false,
    });
    return token;
  }

  private async authResult(userId: number): Promise<AuthResult> {
    const accounts = await this.accounts.list(userId);
    if (accounts.length === 0) return { status: 'account-required', userId };
    return {
      status: 'complete',
      token: this.storeToken(userId, 'sso-login', { tradingLogin: accounts[0]?.login }),
      userId,
    };
  }

  private sessionUser(): DemoUser {
    const user = this.sessionUserId === undefined ? undefined : this.userById(this.sessionUserId);
    if (!user) throw new BrokerKitError('SESSION_EXPIRED', 'There is no session');
    return user;
  }

  private userById(userId: number): DemoUser | undefined {
    return this.data.users.find((user) => user.userId === userId);
  }

  private userByEmail(email: string): DemoUser | undefined {
    const wanted = email.trim().toLowerCase();
    return this.data.users.find((user) => user.email === wanted);
  }

  private nextId(): string {
    return String(++this.counter).padStart(6, '0');
  }

  private methodsFor(direction: PaymentDirection, account: TradingAccount) {
    if (!acceptsPayments(account)) return [];
    return this.data.methods[direction].filter((method) => method.currencies.includes(account.currency));
  }

  private kycView(user: DemoUser, kycType = defaultKycType): Promise<KycStatus> {
    return this.kyc.status(user.userId, kycType, this.kycDraft(user, kycType));
  }

  /** The user's live draft; an expired one is deleted, not returned. */
  private kycDraft(user: DemoUser, kycType: string): KycDraft | undefined {
    const slot = `${user.userId}|${kycType}`;
    const stored = this.kycDrafts.get(slot);
    if (stored && stored.expiresAt <= this.now()) this.kycDrafts.delete(slot);
    return stored && stored.expiresAt > this.now() ? stored.draft : undefined;
  }

  private action(actionType: string) {
    if (!Object.hasOwn(this.data.actions, actionType)) throw new BrokerKitError('NOT_FOUND', 'No such action');
    return this.data.actions[actionType]!;
  }

  private chat(user: DemoUser): ChatMessage[] {
    let messages = this.chats.get(user.userId);
    if (!messages) this.chats.set(user.userId, (messages = []));
    return messages;
  }

  private post(userId: number, message: ChatMessage): void {
    const user = this.userById(userId);
    if (!user) return;
    this.chat(user).push(message);
    for (const subscriber of this.subscribers) if (subscriber.userId === userId) this.deliver(subscriber);
  }

  private deliver(subscriber: Subscriber): void {
    const user = this.userById(subscriber.userId);
    if (!this.online || !user) return;
    const messages = this.chat(user);
    while (subscriber.delivered < messages.length) {
      const event: ChatEvent = { type: 'message', message: structuredClone(messages[subscriber.delivered++]!) };
      subscriber.subscription.onEvent(event);
    }
  }

  private scheduleAgentReply(userId: number, question: string): void {
    setTimeout(() => {
      if (!this.online) return;
      for (const subscriber of this.subscribers)
        if (subscriber.userId === userId) subscriber.subscription.onEvent({ type: 'typing', author: 'agent' });
    }, this.agentReplyMs / 2);
    setTimeout(() => {
      this.post(userId, {
        id: `m${this.nextId()}`,
        author: 'agent',
        authorName: 'Anna',
        text: agentAnswer(question),
        sentAt: new Date(this.now()).toISOString(),
      });
    }, this.agentReplyMs);
  }
}

function invalidToken(): BrokerKitError {
  return new BrokerKitError('INVALID_OT_TOKEN', 'The provided token is invalid or expired');
}

function ownAccount(user: DemoUser, login: number): TradingAccount {
  return user.accounts.find((candidate) => candidate.login === login) ?? throwError(notYourAccount());
}

function throwError(error: BrokerKitError): never {
  throw error;
}

function profile(user: DemoUser): UserProfile {
  return {
    userId: user.userId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    country: user.country,
    accounts: user.accounts,
  };
}

function notify(subscription: ChatSubscription, state: ConnectionState): void {
  subscription.onState?.(state);
}

function agentAnswer(question: string): string {
  const text = question.toLowerCase();
  if (/withdraw/.test(text)) return 'Withdrawals are reviewed within one business day and paid to the method you used.';
  if (/deposit|fund/.test(text)) return 'You can deposit by card, bank transfer or USDT from the Deposit screen.';
  if (/kyc|verif|document/.test(text))
    return 'Verification usually takes a few hours once your documents are uploaded.';
  return 'Thanks for your message. An agent will look into it and answer here shortly.';
}

/** The size of a request as a JSON body (0 when it cannot be one: the schema then refuses it). */
function jsonBytes(value: unknown): number {
  try {
    return new TextEncoder().encode(JSON.stringify(value)).length;
  } catch {
    return 0;
  }
}

/** Resolves when the gate opens, rejects with the abort reason if the call is aborted first. */
function untilReleased(gate: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return gate;
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise((resolve, reject) => {
    const handleAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', handleAbort, { once: true });
    void gate.then(() => {
      signal.removeEventListener('abort', handleAbort);
      resolve();
    });
  });
}
