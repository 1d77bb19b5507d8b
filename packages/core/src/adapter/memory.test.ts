import { describe, expect, it, vi } from 'vitest';
import type { ChatEvent, ConnectionState } from './adapter.ts';
import { describeAdapterContract, expectCode, rejection } from './contract.ts';
import { MemoryAdapter } from './memory.ts';
import { demoCredentials, newUserCredentials } from './memory-data.ts';
import {
  accountTypeSchema,
  actionSchemaSchema,
  chatHistorySchema,
  kycStatusSchema,
  paymentOptionsSchema,
  ribbonSchema,
  transactionSchema,
  type PaymentRequest,
} from './schemas.ts';

describeAdapterContract('MemoryAdapter', () => {
  const adapter = new MemoryAdapter();
  return {
    adapter,
    user: demoCredentials,
    otherUser: newUserCredentials,
    issueToken: (options) => adapter.issueToken(options),
    issueExpiredToken: () => adapter.issueToken({ ttlMs: -1000 }),
    passwordResetToken: (email) => adapter.lastPasswordResetToken(email),
  };
});

const minute = 60_000;

/** An adapter on a clock the test moves by hand. */
function withClock(start = Date.parse('2026-03-01T12:00:00Z')) {
  const clock = { now: start };
  const adapter = new MemoryAdapter({ now: () => clock.now, tokenTtlMs: 5 * minute });
  return { adapter, clock };
}

async function signedIn() {
  const adapter = new MemoryAdapter();
  await adapter.validateToken({ token: adapter.issueToken() });
  return adapter;
}

const deposit = (overrides: Partial<PaymentRequest> = {}): PaymentRequest => ({
  direction: 'deposit',
  account: 67890,
  methodId: 'card',
  amount: '100.00',
  currency: 'USD',
  idempotencyKey: 'key-00000001',
  ...overrides,
});

describe('MemoryAdapter OT tokens', () => {
  it('is valid one second before expiry and TOKEN_EXPIRED one second after', async () => {
    const { adapter, clock } = withClock();
    const early = adapter.issueToken();
    const late = adapter.issueToken();
    clock.now += 5 * minute - 1000;
    await expect(adapter.validateToken({ token: early })).resolves.toMatchObject({ valid: true });
    clock.now += 2000;
    await expectCode(adapter.validateToken({ token: late }), 'TOKEN_EXPIRED');
  });

  it('reports the expiry time and the action the token was issued for', async () => {
    const { adapter, clock } = withClock();
    const token = adapter.issueToken({ action: 'kyc', tradingLogin: 67890 });
    const result = await adapter.validateToken({ token, action: 'kyc' });
    expect(result).toMatchObject({ userId: 12345, tradingLogin: 67890, action: 'kyc' });
    expect(Date.parse(result.expiresAt)).toBe(clock.now + 5 * minute);
  });

  it('is single use even when the second use comes in parallel', async () => {
    const adapter = new MemoryAdapter();
    const token = adapter.issueToken();
    const outcomes = await Promise.allSettled(Array.from({ length: 20 }, () => adapter.validateToken({ token })));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
  });

  it('rejects a token issued for another action or purpose with INVALID_OT_TOKEN, and spends it', async () => {
    const adapter = new MemoryAdapter();
    const depositToken = adapter.issueToken({ action: 'deposit' });
    await expectCode(adapter.validateToken({ token: depositToken, action: 'kyc' }), 'INVALID_OT_TOKEN');
    await expectCode(adapter.validateToken({ token: depositToken, action: 'deposit' }), 'INVALID_OT_TOKEN');
    const loginToken = adapter.issueToken({ purpose: 'sso-login' });
    await expectCode(adapter.validateToken({ token: loginToken }), 'INVALID_OT_TOKEN');
  });

  it('answers USER_NOT_FOUND when the user was removed after the token was issued', async () => {
    const adapter = new MemoryAdapter();
    const token = adapter.issueToken();
    adapter.deleteUser(demoCredentials.email);
    await expectCode(adapter.validateToken({ token }), 'USER_NOT_FOUND');
  });

  it('answers MISSING_REQUIRED_PARAMETER for an empty token and INVALID_OT_TOKEN for hostile ones', async () => {
    const adapter = new MemoryAdapter();
    await expectCode(adapter.validateToken({ token: '' }), 'MISSING_REQUIRED_PARAMETER');
    for (const token of ['a', '%00', '"><svg onload=alert(1)>', 'x'.repeat(10_000), '__proto__', 'constructor'])
      await expectCode(adapter.validateToken({ token }), 'INVALID_OT_TOKEN');
  });

  it('rejects an account of someone else with CH_INSUFFICIENT_PERMISSIONS', async () => {
    const adapter = new MemoryAdapter();
    await expectCode(
      adapter.validateToken({ token: adapter.issueToken(), account: 99999 }),
      'CH_INSUFFICIENT_PERMISSIONS',
    );
  });

  it('issues unguessable tokens of 256 bits', () => {
    const adapter = new MemoryAdapter();
    const token = adapter.issueToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(adapter.issueToken()).not.toBe(token);
  });
});

describe('MemoryAdapter identity', () => {
  it('logs a user without accounts in to account creation, and account creation completes with a token', async () => {
    const adapter = new MemoryAdapter();
    await expect(adapter.login({ ...newUserCredentials, keepLoggedIn: true })).resolves.toMatchObject({
      status: 'account-required',
    });
    const request = {
      accountTypeId: 'standard',
      environment: 'live' as const,
      currency: 'EUR',
      leverage: 100,
      idempotencyKey: 'acct-0001',
    };
    const created = await adapter.createAccount(request);
    expect(created.account).toMatchObject({ currency: 'EUR', leverage: 100, balance: '0.00' });
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await adapter.createAccount(request)).account.login).toBe(created.account.login);
    expect((await adapter.currentUser()).accounts).toHaveLength(1);
    await expectCode(
      adapter.createAccount({ ...request, leverage: 7, idempotencyKey: 'acct-0002' }),
      'VALIDATION_FAILED',
    );
  });

  it('matches emails without regard to case or surrounding spaces', async () => {
    const adapter = new MemoryAdapter();
    await expect(
      adapter.login({ email: '  DEMO@Example.com ', password: demoCredentials.password, keepLoggedIn: false }),
    ).resolves.toMatchObject({ status: 'complete' });
  });

  it('names every invalid signup field with a stable reason', async () => {
    const adapter = new MemoryAdapter();
    const error = await rejection(
      adapter.signup({
        firstName: ' ',
        lastName: 'x'.repeat(101),
        email: 'a@b',
        password: 'onlyletters',
        country: 'gbr',
        acceptTerms: true,
        acceptAgreement: false,
        keepLoggedIn: false,
      }),
    );
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual({
      firstName: 'required',
      lastName: 'too_long',
      email: 'invalid',
      password: 'weak',
      country: 'invalid',
    });
  });

  it('rejects a signup without accepted terms with VALIDATION_FAILED', async () => {
    const adapter = new MemoryAdapter();
    const error = await rejection(
      adapter.signup({
        firstName: 'A',
        lastName: 'B',
        email: 'ab@example.com',
        password: 'Good-pass-1',
        country: 'GB',
        acceptTerms: false as true,
        acceptAgreement: false,
        keepLoggedIn: false,
      }),
    );
    expect(error.fields).toHaveProperty('acceptTerms');
  });

  it('answers a password reset the same way for known and unknown addresses', async () => {
    const adapter = new MemoryAdapter();
    await expect(adapter.requestPasswordReset({ email: demoCredentials.email })).resolves.toBeUndefined();
    await expect(adapter.requestPasswordReset({ email: 'nobody@example.com' })).resolves.toBeUndefined();
    await expectCode(adapter.requestPasswordReset({ email: 'nope' }), 'VALIDATION_FAILED');
  });

  it('keeps a reset link 30 minutes by default, and voids it when the password is changed', async () => {
    const { adapter, clock } = withClock();
    await adapter.requestPasswordReset({ email: demoCredentials.email });
    const late = adapter.lastPasswordResetToken(demoCredentials.email)!;
    clock.now += 30 * minute;
    await expectCode(adapter.completePasswordReset({ token: late, newPassword: 'Reset-pass-1234' }), 'TOKEN_EXPIRED');
    await adapter.requestPasswordReset({ email: demoCredentials.email });
    const early = adapter.lastPasswordResetToken(demoCredentials.email)!;
    clock.now += 30 * minute - 1000;
    await adapter.login({ ...demoCredentials, keepLoggedIn: false });
    await adapter.changePassword({ currentPassword: demoCredentials.password, newPassword: 'Changed-1234' });
    await expectCode(
      adapter.completePasswordReset({ token: early, newPassword: 'Reset-pass-1234' }),
      'INVALID_OT_TOKEN',
    );
  });

  it('changes the password only with the current one, and checks the new email', async () => {
    const adapter = await signedIn();
    await expectCode(
      adapter.changePassword({ currentPassword: 'wrong', newPassword: 'Another-1234' }),
      'INVALID_CREDENTIALS',
    );
    await expectCode(
      adapter.changePassword({ currentPassword: demoCredentials.password, newPassword: 'short' }),
      'VALIDATION_FAILED',
    );
    await adapter.changePassword({ currentPassword: demoCredentials.password, newPassword: 'Another-1234' });
    await adapter.logout();
    await expectCode(adapter.currentUser(), 'SESSION_EXPIRED');
    await expectCode(adapter.login({ ...demoCredentials, keepLoggedIn: false }), 'INVALID_CREDENTIALS');
    await adapter.login({ email: demoCredentials.email, password: 'Another-1234', keepLoggedIn: false });
    await expectCode(
      adapter.changeEmail({ newEmail: newUserCredentials.email, password: 'Another-1234' }),
      'EMAIL_TAKEN',
    );
    await expectCode(adapter.changeEmail({ newEmail: 'x@y.io', password: 'wrong' }), 'INVALID_CREDENTIALS');
    await expect(adapter.changeEmail({ newEmail: 'Me@New.example', password: 'Another-1234' })).resolves.toEqual({
      email: 'me@new.example',
      verificationRequired: false,
    });
    expect((await adapter.currentUser()).email).toBe('me@new.example');
  });

  it('serves account types with localized names', async () => {
    const types = await new MemoryAdapter().accountTypes();
    expect(types.length).toBeGreaterThanOrEqual(2);
    for (const type of types) {
      expect(accountTypeSchema.safeParse(type).success).toBe(true);
      expect(type.name).toHaveProperty('en');
    }
  });
});

describe('MemoryAdapter payments', () => {
  it('applies a deposit once per idempotency key and refuses the key for a different request', async () => {
    const adapter = await signedIn();
    const first = await adapter.submitPayment(deposit());
    expect(first).toMatchObject({ status: 'completed', amount: '100.00', account: 67890 });
    await expect(adapter.submitPayment(deposit())).resolves.toEqual(first);
    expect((await adapter.paymentOptions({ direction: 'withdraw', account: 67890 })).available).toBe('1350.50');
    await expectCode(adapter.submitPayment(deposit({ amount: '200' })), 'DUPLICATE_SUBMISSION');
  });

  it('checks method limits, balance, method and currency', async () => {
    const adapter = await signedIn();
    await expectCode(
      adapter.submitPayment(deposit({ amount: '5000.01', idempotencyKey: 'k-limit-1' })),
      'LIMIT_EXCEEDED',
    );
    await expectCode(adapter.submitPayment(deposit({ amount: '9.99', idempotencyKey: 'k-limit-2' })), 'LIMIT_EXCEEDED');
    const withdraw = { direction: 'withdraw' as const, idempotencyKey: 'k-funds-1' };
    await expectCode(adapter.submitPayment(deposit({ ...withdraw, amount: '1250.51' })), 'INSUFFICIENT_FUNDS');
    const paid = await adapter.submitPayment(deposit({ ...withdraw, amount: '1250.50', idempotencyKey: 'k-funds-2' }));
    expect(paid.status).toBe('pending');
    expect((await adapter.paymentOptions({ direction: 'withdraw', account: 67890 })).available).toBe('0.00');
    expect(
      (await rejection(adapter.submitPayment(deposit({ methodId: 'cash', idempotencyKey: 'key-method' })))).fields,
    ).toEqual({
      methodId: 'invalid',
    });
    expect(
      (await rejection(adapter.submitPayment(deposit({ currency: 'EUR', idempotencyKey: 'key-currency' })))).fields,
    ).toEqual({
      currency: 'invalid',
    });
    await expectCode(
      adapter.submitPayment(deposit({ amount: '1e3', idempotencyKey: 'key-amount' })),
      'INVALID_REQUEST',
    );
    await expectCode(adapter.submitPayment(deposit({ idempotencyKey: 'short' })), 'INVALID_REQUEST');
    await expectCode(
      adapter.submitPayment(deposit({ account: 1, idempotencyKey: 'key-account' })),
      'CH_INSUFFICIENT_PERMISSIONS',
    );
  });

  it('keeps decimal amounts exact', async () => {
    const adapter = await signedIn();
    await adapter.submitPayment(deposit({ amount: '10.1', idempotencyKey: 'key-dec-1' }));
    await adapter.submitPayment(deposit({ amount: '10.2', idempotencyKey: 'key-dec-2' }));
    expect((await adapter.paymentOptions({ direction: 'withdraw', account: 67890 })).available).toBe('1270.80');
  });

  it('declines every deposit with the card-declined method: failed, with a reason, no money moved', async () => {
    const adapter = await signedIn();
    const declined = await adapter.submitPayment(
      deposit({ methodId: 'card-declined', idempotencyKey: 'key-declined' }),
    );
    expect(declined).toMatchObject({
      status: 'failed',
      failureCode: 'declined',
      failureReason: 'Declined by the card issuer (demo)',
    });
    expect((await adapter.paymentOptions({ direction: 'withdraw', account: 67890 })).available).toBe('1250.50');
  });

  it('reads a failure code this version does not know as other, keeping the reason text', () => {
    const failed = {
      id: 'tx_1',
      direction: 'deposit',
      account: 67890,
      amount: '20',
      currency: 'USD',
      status: 'failed',
      reference: 'DEP-1',
      createdAt: '2026-03-01T12:00:00.000Z',
      failureReason: 'Gateway timed out',
    };
    expect(transactionSchema.parse({ ...failed, failureCode: 'gateway_timeout' })).toMatchObject({
      failureCode: 'other',
      failureReason: 'Gateway timed out',
    });
    expect(transactionSchema.parse(failed)).not.toHaveProperty('failureCode');
  });

  it('lists the methods of the account currency in their wire shape, and finds its transactions', async () => {
    const adapter = await signedIn();
    const options = await adapter.paymentOptions({ direction: 'deposit', account: 67890 });
    expect(paymentOptionsSchema.safeParse(options).success).toBe(true);
    expect(options.methods.map((method) => method.id)).toEqual(['card', 'bank-transfer', 'usdt', 'card-declined']);
    expect(options.available).toBeUndefined();
    const eur = await adapter.paymentOptions({ direction: 'deposit', account: 67891 });
    expect(eur.methods.map((method) => method.id)).not.toContain('usdt');
    const transaction = await adapter.submitPayment(deposit());
    await expect(adapter.transaction({ id: transaction.id })).resolves.toEqual(transaction);
    await expectCode(adapter.transaction({ id: 'tx_nope' }), 'NOT_FOUND');
  });

  it('hands out copies: changing a result changes no state', async () => {
    const adapter = await signedIn();
    const user = await adapter.currentUser();
    user.accounts[0]!.balance = '999999';
    expect((await adapter.currentUser()).accounts[0]!.balance).toBe('1250.50');
  });
});

describe('MemoryAdapter KYC', () => {
  const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], {
    type: 'image/png',
  });
  const pdf = new Blob(['%PDF-1.7 test'], { type: 'application/pdf' });

  it('walks from not started to pending to approved', async () => {
    const adapter = await signedIn();
    const start = await adapter.kycStatus({});
    expect(kycStatusSchema.safeParse(start).success).toBe(true);
    expect(start).toMatchObject({ kycType: 'standard', status: 'not_started' });
    await expectCode(adapter.submitKyc({ idempotencyKey: 'kyc-0001' }), 'VALIDATION_FAILED');
    await adapter.saveKycStep({
      step: 'personal',
      data: { firstName: 'Alex', lastName: 'Morgan', dateOfBirth: '1990-04-12', nationality: 'GB' },
    });
    const address = await adapter.saveKycStep({
      step: 'address',
      data: { line1: '1 Market Street', city: 'London', postalCode: 'EC1A 1AA', country: 'GB' },
    });
    expect(address.status).toBe('in_progress');
    const passport = await adapter.uploadKycDocument({
      documentType: 'passport',
      file: png,
      fileName: '../../pass.png',
    });
    expect(passport).toMatchObject({ mimeType: 'image/png', fileName: 'pass.png', size: png.size });
    await adapter.uploadKycDocument({ documentType: 'proof_of_address', file: pdf, fileName: 'bill.pdf' });
    const submitted = await adapter.submitKyc({ idempotencyKey: 'kyc-0002' });
    expect(submitted.status).toBe('pending');
    await expect(adapter.submitKyc({ idempotencyKey: 'kyc-0002' })).resolves.toEqual(submitted);
    await expectCode(adapter.submitKyc({ idempotencyKey: 'kyc-0003' }), 'DUPLICATE_SUBMISSION');
    await expectCode(adapter.removeKycDocument({ id: passport.id }), 'DUPLICATE_SUBMISSION');
    await adapter.reviewKyc('standard', 'approved');
    expect((await adapter.kycStatus({})).status).toBe('approved');
  });

  it('keeps a draft a day after its last save, deletes it on submission, and refuses one for a submitted case', async () => {
    const clock = { now: Date.parse('2026-03-01T12:00:00Z') };
    const adapter = new MemoryAdapter({ now: () => clock.now });
    await adapter.validateToken({ token: adapter.issueToken() });
    const draft = { step: 'personal' as const, values: { lastName: 'Draft-Morgan' } };
    await adapter.saveKycDraft(draft);
    clock.now += 24 * 60 * minute - 1000;
    expect((await adapter.kycStatus({})).draft).toEqual(draft);
    await adapter.saveKycDraft(draft);
    clock.now += 24 * 60 * minute;
    expect((await adapter.kycStatus({})).draft).toBeUndefined();

    await adapter.saveKycDraft({ kycType: 'enhanced', step: 'documents', values: { city: 'Leeds' } });
    expect((await adapter.kycStatus({ kycType: 'enhanced' })).draft?.step).toBe('documents');
    expect((await adapter.kycStatus({})).draft).toBeUndefined();
    await adapter.uploadKycDocument({ kycType: 'enhanced', documentType: 'passport', file: png, fileName: 'p.png' });
    // The seeded case was sent back for its passport and selfie: only those are uploaded again.
    await adapter.uploadKycDocument({ kycType: 'enhanced', documentType: 'selfie', file: png, fileName: 's.png' });
    const submitted = await adapter.submitKyc({ kycType: 'enhanced', idempotencyKey: 'kyc-draft-1' });
    expect(submitted.status).toBe('pending');
    expect(submitted.draft).toBeUndefined();
    expect((await adapter.kycStatus({ kycType: 'enhanced' })).draft).toBeUndefined();
    await expectCode(
      adapter.saveKycDraft({ kycType: 'enhanced', step: 'personal', values: {} }),
      'DUPLICATE_SUBMISSION',
    );
  });

  it('shows a resubmission request with its reasons', async () => {
    const adapter = await signedIn();
    const status = await adapter.kycStatus({ kycType: 'enhanced' });
    expect(status.status).toBe('resubmission_requested');
    expect(status.reasons[0]).toHaveProperty('en');
    await expectCode(adapter.kycStatus({ kycType: 'unknown' }), 'NOT_FOUND');
  });

  it('checks files by their bytes and size, and step data by its fields', async () => {
    const adapter = await signedIn();
    const fake = new Blob(['<svg onload=alert(1)>'], { type: 'image/png' });
    await expectCode(
      adapter.uploadKycDocument({ documentType: 'passport', file: fake, fileName: 'a.png' }),
      'UNSUPPORTED_FILE',
    );
    const huge = new Blob([new Uint8Array(10 * 1024 * 1024 + 1)]);
    await expectCode(
      adapter.uploadKycDocument({ documentType: 'passport', file: huge, fileName: 'a.png' }),
      'PAYLOAD_TOO_LARGE',
    );
    await expectCode(
      adapter.uploadKycDocument({ documentType: 'passport', file: new Blob([]), fileName: 'a.png' }),
      'VALIDATION_FAILED',
    );
    const document = await adapter.uploadKycDocument({
      documentType: 'passport',
      file: png,
      fileName: 'a\u202Egnp.exe',
    });
    expect(document.fileName).toBe('agnp.exe');
    expect((await adapter.removeKycDocument({ id: document.id })).documents).toEqual([]);
    await expectCode(adapter.removeKycDocument({ id: document.id }), 'NOT_FOUND');
    const error = await rejection(
      adapter.saveKycStep({
        step: 'personal',
        data: { firstName: 'A', lastName: 'B', dateOfBirth: '2020-02-30', nationality: 'gb' },
      }),
    );
    expect(error.fields).toEqual({ dateOfBirth: 'invalid', nationality: 'invalid' });
  });
});

describe('MemoryAdapter generic actions', () => {
  it('declares at least two actions whose schemas are valid wire shapes', async () => {
    const adapter = await signedIn();
    for (const actionType of ['update-phone', 'request-callback', 'change-leverage'])
      expect(actionSchemaSchema.safeParse(await adapter.actionSchema({ actionType })).success).toBe(true);
  });

  it('validates values against the declared fields and submits once per key', async () => {
    const adapter = await signedIn();
    const bad = await rejection(
      adapter.submitAction({
        actionType: 'request-callback',
        values: { topic: 'weather', preferredDate: '2026-13-01', notes: 'x'.repeat(501), consent: false },
        idempotencyKey: 'act-1',
      }),
    );
    expect(bad.fields).toEqual({ topic: 'invalid', preferredDate: 'invalid', notes: 'too_long', consent: 'required' });
    const phone = {
      actionType: 'update-phone',
      values: { countryCode: '+44', phone: '7700900123' },
      idempotencyKey: 'act-2',
    };
    const done = await adapter.submitAction(phone);
    expect(done).toMatchObject({ status: 'completed' });
    await expect(adapter.submitAction(phone)).resolves.toEqual(done);
    const wrongPattern = await rejection(
      adapter.submitAction({ ...phone, values: { countryCode: '+44', phone: '12ab' }, idempotencyKey: 'act-3' }),
    );
    expect(wrongPattern.fields).toEqual({ phone: 'invalid' });
    const tooHigh = await rejection(
      adapter.submitAction({ actionType: 'change-leverage', values: { leverage: 1000 }, idempotencyKey: 'act-4' }),
    );
    expect(tooHigh.fields).toEqual({ leverage: 'too_large' });
  });
});

describe('MemoryAdapter chat', () => {
  it('pages the history backwards', async () => {
    const adapter = new MemoryAdapter({ chatPageSize: 2 });
    await adapter.validateToken({ token: adapter.issueToken() });
    const last = await adapter.chatHistory({});
    expect(chatHistorySchema.safeParse(last).success).toBe(true);
    expect(last.messages.map((message) => message.id)).toEqual(['m0004', 'm0005']);
    expect(last.hasMore).toBe(true);
    const first = await adapter.chatHistory({ before: 'm0002' });
    expect(first).toEqual({ messages: [expect.objectContaining({ id: 'm0001' })], hasMore: false });
    await expectCode(adapter.chatHistory({ before: 'nope' }), 'NOT_FOUND');
    await expectCode(adapter.sendChatMessage({ text: '   ', clientId: 'c1' }), 'VALIDATION_FAILED');
    await expectCode(adapter.sendChatMessage({ text: 'x'.repeat(4001), clientId: 'c1' }), 'INVALID_REQUEST');
  });

  it('feeds the agent answer live, goes offline and catches up', async () => {
    vi.useFakeTimers();
    try {
      const adapter = new MemoryAdapter({ agentReplyMs: 1000 });
      await adapter.validateToken({ token: adapter.issueToken() });
      const events: ChatEvent[] = [];
      const states: ConnectionState[] = [];
      const controller = new AbortController();
      adapter.subscribeChat(
        { onEvent: (event) => events.push(event), onState: (state) => states.push(state) },
        { signal: controller.signal },
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(states).toEqual(['connecting', 'open']);
      await adapter.sendChatMessage({ text: 'How do I withdraw?', clientId: 'c-1' });
      expect(events).toEqual([{ type: 'message', message: expect.objectContaining({ clientId: 'c-1' }) }]);
      await vi.advanceTimersByTimeAsync(500);
      expect(events.at(-1)).toEqual({ type: 'typing', author: 'agent' });
      adapter.setOnline(false);
      await expectCode(adapter.chatHistory({}), 'NETWORK_ERROR');
      await vi.advanceTimersByTimeAsync(500);
      expect(events).toHaveLength(2);
      adapter.setOnline(true);
      expect(states).toEqual(['connecting', 'open', 'offline', 'open']);
      expect(events.at(-1)).toEqual({
        type: 'message',
        message: expect.objectContaining({ author: 'agent', text: expect.stringMatching(/withdraw/i) }),
      });
      controller.abort();
      await adapter.sendChatMessage({ text: 'Thanks', clientId: 'c-2' });
      expect(events).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a feed without a session as offline with SESSION_EXPIRED', () => {
    const states: ConnectionState[] = [];
    const errors: string[] = [];
    new MemoryAdapter().subscribeChat({
      onEvent: () => {},
      onState: (state) => states.push(state),
      onError: (error) => errors.push(error.code),
    });
    expect(states).toEqual(['connecting', 'offline']);
    expect(errors).toEqual(['SESSION_EXPIRED']);
  });
});

describe('MemoryAdapter invite, ribbons and platform web', () => {
  it('builds the invite link from the partner id', async () => {
    const adapter = await signedIn();
    const invite = await adapter.invite();
    expect(invite.link).toBe('https://broker.example.com/auth/login?firstLogin=true&partnerId=P-12345');
    expect((await adapter.inviteStats()).byResult.ATTRIBUTED_NEW).toBe(4);
  });

  it('orders ribbons account, broker, user and keeps other accounts out', async () => {
    const adapter = await signedIn();
    const ribbons = await adapter.ribbons({ account: 67890 });
    expect(ribbons.every((ribbon) => ribbonSchema.safeParse(ribbon).success)).toBe(true);
    expect(ribbons.map((ribbon) => ribbon.scope)).toEqual(['account', 'broker', 'user', 'user']);
    expect((await adapter.ribbons({ account: 67891 })).map((ribbon) => ribbon.scope)).toEqual([
      'broker',
      'user',
      'user',
    ]);
    await expectCode(adapter.ribbons({ account: 42 }), 'CH_INSUFFICIENT_PERMISSIONS');
  });

  it('issues a platform web token that lives a minute and is not an in-app token', async () => {
    const adapter = await signedIn();
    const { token, expiresAt } = await adapter.platformWebToken({ account: 67890 });
    expect(Date.parse(expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
    await expectCode(adapter.validateToken({ token }), 'INVALID_OT_TOKEN');
  });
});

describe('MemoryAdapter test hooks and aborts', () => {
  it('fails the next call with the code asked for, then works again', async () => {
    const adapter = new MemoryAdapter();
    adapter.failNext('NETWORK_ERROR');
    adapter.failNext('SERVER_ERROR');
    await expectCode(adapter.accountTypes(), 'NETWORK_ERROR');
    const server = await expectCode(adapter.accountTypes(), 'SERVER_ERROR');
    expect(server.status).toBe(500);
    await expect(adapter.accountTypes()).resolves.not.toHaveLength(0);
  });

  it('rejects with the abort reason when aborted during its latency, and does no work', async () => {
    const adapter = new MemoryAdapter({ latencyMs: 10_000 });
    const token = adapter.issueToken();
    const controller = new AbortController();
    const pending = adapter.validateToken({ token }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    adapter.latencyMs = 0;
    await expect(adapter.validateToken({ token })).resolves.toMatchObject({ valid: true });
  });

  it('holds the named calls until released, others go on, and an abort still ends a held call', async () => {
    const adapter = new MemoryAdapter();
    const release = adapter.hold('validateToken');
    let answered = false;
    const held = adapter.validateToken({ token: adapter.issueToken() }).then((session) => {
      answered = true;
      return session;
    });
    await expect(adapter.accountTypes()).resolves.not.toHaveLength(0);
    expect(answered).toBe(false);
    const controller = new AbortController();
    const aborted = adapter.validateToken({ token: adapter.issueToken() }, { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    release();
    await expect(held).resolves.toMatchObject({ valid: true });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const adapter = new MemoryAdapter();
    const reason = new DOMException('gone', 'AbortError');
    await expect(adapter.accountTypes({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });

  it('answers malformed calls with a BrokerKitError, never a crash', async () => {
    const adapter = await signedIn();
    const loose = adapter as unknown as Record<string, (request: unknown) => Promise<unknown>>;
    await expectCode(loose.validateToken!(null), 'MISSING_REQUIRED_PARAMETER');
    await expectCode(loose.paymentOptions!({ direction: 'sideways', account: 67890 }), 'INVALID_REQUEST');
    await expectCode(loose.submitPayment!({ amount: { $gt: 0 } }), 'INVALID_REQUEST');
    await expectCode(
      loose.uploadKycDocument!({ documentType: 'passport', file: 'x', fileName: 'a' }),
      'INVALID_REQUEST',
    );
    await expectCode(loose.actionSchema!({ actionType: '__proto__' }), 'NOT_FOUND');
    await expectCode(loose.kycStatus!({ kycType: 'constructor' }), 'NOT_FOUND');
    await expectCode(loose.login!({ email: ['a'], password: 1 }), 'INVALID_REQUEST');
  });

  it('starts signed in when asked, for playgrounds', async () => {
    const adapter = new MemoryAdapter({ signedIn: true });
    await expect(adapter.currentUser()).resolves.toMatchObject({ email: demoCredentials.email });
  });
});
