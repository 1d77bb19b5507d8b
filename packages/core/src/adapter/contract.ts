// The behaviour every BackendAdapter shares, as one suite: the in-memory backend runs it in process, the
// reference server runs it over HTTP in `npm test`, and `@broker-kit/conformance` runs it against any broker's
// backend. Each describe block names the module it checks and the rule (of the seeds or of core's rules) it
// holds the backend to. Test-only: never exported from the package index.
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { BrokerKitError, type ErrorCode } from '../errors.ts';
import { fromUnits, minorUnits, toUnits } from '../rules/money.ts';
import { passwordPolicy } from '../rules/identity.ts';
import type { BackendAdapter } from './adapter.ts';
import {
  inviteSchema,
  kycDraftFieldMaxLength,
  kycDraftMaxBytes,
  platformWebTokenSchema,
  ribbonSchema,
  type InAppAction,
  type KycDraftRequest,
  type TradingAccount,
} from './schemas.ts';

/** The modules of the contract, as `--modules` names them. */
export const contractModules = [
  'identity',
  'accounts',
  'payments',
  'kyc',
  'action',
  'chat',
  'invite',
  'ribbons',
  'platform-web',
] as const;
export type ContractModule = (typeof contractModules)[number];

export interface ContractCredentials {
  email: string;
  password: string;
}

export interface ContractFixture {
  adapter: BackendAdapter;
  /**
   * The main test user: a live trading account with deposit and withdrawal methods in its currency, a withdrawal
   * method whose maximum is above the account's balance, and a `standard` KYC case that is not submitted.
   */
  user: ContractCredentials;
  /** A second user, with no trading account and a `standard` KYC case that is not submitted. */
  otherUser: ContractCredentials;
  /** A generic action the backend declares, with at least one required field (`update-phone` by default). */
  actionType?: string;
  /** Issues an in-app OT token for `user`, as the platform would. */
  issueToken(options?: { action?: InAppAction }): string | Promise<string>;
  /** An in-app token of `user` whose lifetime is over; the expiry test is skipped without it. */
  issueExpiredToken?(): string | Promise<string>;
  /**
   * The token of the newest password reset link the backend mailed to this address (undefined when it mailed
   * none), as a test reads the mail; the password reset tests are skipped without it.
   */
  passwordResetToken?(email: string): string | undefined | Promise<string | undefined>;
  dispose?(): void | Promise<void>;
}

export interface ContractOptions {
  /** Only these modules (all by default). */
  modules?: readonly ContractModule[];
}

/** `makeFixture` runs before every check. The backend must have no action named `no-such-action`. */
export function describeAdapterContract(
  name: string,
  makeFixture: () => ContractFixture | Promise<ContractFixture>,
  options: ContractOptions = {},
): void {
  const wanted = new Set<ContractModule>(options.modules ?? contractModules);
  const module = (moduleName: ContractModule, title: string, body: () => void) =>
    (wanted.has(moduleName) ? describe : describe.skip)(`${moduleName}: ${title}`, body);
  describe(`${name} meets the BackendAdapter contract`, () => {
    let fixture: ContractFixture;
    let adapter: BackendAdapter;
    beforeEach(async () => {
      fixture = await makeFixture();
      adapter = fixture.adapter;
    });
    afterEach(async () => {
      await fixture?.dispose?.();
    });

    const action = () => fixture.actionType ?? 'update-phone';
    const login = async (who: ContractCredentials) => adapter.login({ ...who, keepLoggedIn: false });
    const liveAccount = async (): Promise<TradingAccount> => {
      const account = (await adapter.currentUser()).accounts.find((candidate) => candidate.environment === 'live');
      if (!account) throw new Error('The fixture user needs a live account');
      return account;
    };
    const available = async (account: number) =>
      (await adapter.paymentOptions({ direction: 'withdraw', account })).available ?? '0';

    module('identity', 'OT tokens are single use, expire and open a session (seed 001 B.2)', () => {
      it('accepts a fresh token once and opens a session for its user', async () => {
        const token = await fixture.issueToken({ action: 'deposit' });
        const validated = await adapter.validateToken({ token, action: 'deposit' });
        expect(validated).toMatchObject({ valid: true, email: fixture.user.email.toLowerCase() });
        expect(Date.parse(validated.expiresAt)).not.toBeNaN();
        expect((await adapter.currentUser()).userId).toBe(validated.userId);
        await expectCode(adapter.validateToken({ token, action: 'deposit' }), 'INVALID_OT_TOKEN');
      });

      it('answers INVALID_OT_TOKEN for a token it never issued', async () => {
        await expectCode(adapter.validateToken({ token: 'abc123xyz789'.repeat(4) }), 'INVALID_OT_TOKEN');
      });

      it('answers TOKEN_EXPIRED for a token whose lifetime is over', async ({ skip }) => {
        if (!fixture.issueExpiredToken) return skip();
        await expectCode(adapter.validateToken({ token: await fixture.issueExpiredToken() }), 'TOKEN_EXPIRED');
      });

      it('refuses session calls before any sign-in with SESSION_EXPIRED', async () => {
        await expectCode(adapter.currentUser(), 'SESSION_EXPIRED');
        await expectCode(adapter.kycStatus({}), 'SESSION_EXPIRED');
      });
    });

    module('identity', 'login and signup (seed 002 B.1; core rules/identity.ts)', () => {
      it('logs the user in and answers wrong passwords and unknown emails alike', async () => {
        const result = await login(fixture.user);
        expect(result.status).toBe('complete');
        const wrongPassword = await rejection(
          adapter.login({ ...fixture.user, password: 'Wrong-0000', keepLoggedIn: false }),
        );
        const unknownUser = await rejection(
          adapter.login({ email: 'nobody-here@example.com', password: 'Wrong-0000', keepLoggedIn: false }),
        );
        expect(wrongPassword.code).toBe('INVALID_CREDENTIALS');
        expect(unknownUser.code).toBe('INVALID_CREDENTIALS');
        expect(unknownUser.message).toBe(wrongPassword.message);
      });

      const signupForm = {
        firstName: 'Jo',
        lastName: 'Doe',
        password: 'Contract-pass-1234',
        country: 'GB',
        acceptTerms: true as const,
        acceptAgreement: true,
        keepLoggedIn: false,
      };

      it('rejects a taken email with EMAIL_TAKEN', async () => {
        await expectCode(adapter.signup({ ...signupForm, email: fixture.user.email }), 'EMAIL_TAKEN');
      });

      it('rejects invalid fields with VALIDATION_FAILED naming each field', async () => {
        const error = await rejection(adapter.signup({ ...signupForm, email: 'not-an-email', password: 'short' }));
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(['email', 'password']));
      });

      it('refuses a password the policy refuses: 8 to 64 characters with a letter and a digit', async () => {
        const email = () => `contract-${crypto.randomUUID()}@example.com`;
        const refused = async (password: string) =>
          (await expectCode(adapter.signup({ ...signupForm, email: email(), password }), 'VALIDATION_FAILED')).fields
            .password;
        expect(await refused('abcdefgh')).toBe('weak');
        expect(await refused('12345678')).toBe('weak');
        expect(await refused('abc1')).toBe('too_short');
        expect(await refused(`a1${'x'.repeat(passwordPolicy.max - 1)}`)).toBe('too_long');
      });

      it('refuses e-mail addresses and names the rules refuse', async () => {
        const error = await expectCode(
          adapter.signup({
            ...signupForm,
            email: 'a..b@example.com',
            firstName: '"><svg onload=alert(1)>',
            lastName: 'x'.repeat(51),
          }),
          'VALIDATION_FAILED',
        );
        expect(error.fields).toMatchObject({ email: 'invalid', firstName: 'invalid', lastName: 'too_long' });
      });

      it('signs a new user up and asks for a trading account next', async () => {
        const email = `contract-${crypto.randomUUID()}@example.com`;
        const result = await adapter.signup({ ...signupForm, email });
        expect(result.status).toBe('account-required');
        expect((await adapter.currentUser()).email).toBe(email);
      });
    });

    module('identity', 'password reset by a mailed single-use link', () => {
      const newPassword = 'Contract-reset-5678';
      const mailedToken = async (email = fixture.user.email) => {
        const token = await fixture.passwordResetToken!(email);
        if (!token) throw new Error(`No reset link was mailed to ${email}`);
        return token;
      };

      it('sets a new password once with the mailed token; the old password and the used link are refused', async ({
        skip,
      }) => {
        if (!fixture.passwordResetToken) return skip();
        await adapter.requestPasswordReset({ email: fixture.user.email, language: 'en' });
        const token = await mailedToken();
        await expect(adapter.completePasswordReset({ token, newPassword })).resolves.toBeUndefined();
        await expectCode(login(fixture.user), 'INVALID_CREDENTIALS');
        const result = await adapter.login({
          email: fixture.user.email,
          password: newPassword,
          keepLoggedIn: false,
        });
        expect(result.status).toBe('complete');
        await expectCode(
          adapter.completePasswordReset({ token, newPassword: 'Another-reset-9012' }),
          'INVALID_OT_TOKEN',
        );
      });

      it('answers an unknown address like a known one and mails it nothing', async ({ skip }) => {
        if (!fixture.passwordResetToken) return skip();
        const email = `nobody-${crypto.randomUUID()}@example.com`;
        await expect(adapter.requestPasswordReset({ email })).resolves.toBeUndefined();
        expect(await fixture.passwordResetToken(email)).toBeUndefined();
      });

      it('voids an older link when a newer one is asked for', async ({ skip }) => {
        if (!fixture.passwordResetToken) return skip();
        await adapter.requestPasswordReset({ email: fixture.user.email });
        const older = await mailedToken();
        await adapter.requestPasswordReset({ email: fixture.user.email });
        const newer = await mailedToken();
        expect(newer).not.toBe(older);
        await expectCode(adapter.completePasswordReset({ token: older, newPassword }), 'INVALID_OT_TOKEN');
        await expect(adapter.completePasswordReset({ token: newer, newPassword })).resolves.toBeUndefined();
      });

      it('refuses a weak password with VALIDATION_FAILED and keeps the link usable', async ({ skip }) => {
        if (!fixture.passwordResetToken) return skip();
        await adapter.requestPasswordReset({ email: fixture.user.email });
        const token = await mailedToken();
        const error = await expectCode(
          adapter.completePasswordReset({ token, newPassword: 'short' }),
          'VALIDATION_FAILED',
        );
        expect(Object.keys(error.fields)).toEqual(['newPassword']);
        await expect(adapter.completePasswordReset({ token, newPassword })).resolves.toBeUndefined();
      });

      it('ends the sessions of the user whose password was reset', async ({ skip }) => {
        if (!fixture.passwordResetToken) return skip();
        await login(fixture.user);
        await adapter.requestPasswordReset({ email: fixture.user.email });
        await adapter.completePasswordReset({ token: await mailedToken(), newPassword });
        await expectCode(adapter.currentUser(), 'SESSION_EXPIRED');
      });

      it('answers INVALID_OT_TOKEN for a token it never mailed', async () => {
        await expectCode(
          adapter.completePasswordReset({ token: 'abc123xyz789'.repeat(4), newPassword }),
          'INVALID_OT_TOKEN',
        );
      });
    });

    module('payments', 'deposits and withdrawals (core rules/payments.ts, rules/money.ts)', () => {
      it('moves money once for two submissions with one idempotency key', async () => {
        await login(fixture.user);
        const account = await liveAccount();
        const options = await adapter.paymentOptions({ direction: 'deposit', account: account.login });
        const method = options.methods[0]!;
        const before = await available(account.login);
        const request = {
          direction: 'deposit' as const,
          account: account.login,
          methodId: method.id,
          amount: method.min,
          currency: account.currency,
          idempotencyKey: crypto.randomUUID(),
        };
        const first = await adapter.submitPayment(request);
        const second = await adapter.submitPayment(request);
        expect(second.id).toBe(first.id);
        expect(await available(account.login)).toBe(fromUnits(toUnits(before) + toUnits(method.min), account.currency));
        expect((await adapter.transaction({ id: first.id })).id).toBe(first.id);
      });

      it('answers LIMIT_EXCEEDED above the method maximum and INSUFFICIENT_FUNDS above the balance', async () => {
        await login(fixture.user);
        const account = await liveAccount();
        const deposit = (await adapter.paymentOptions({ direction: 'deposit', account: account.login })).methods[0]!;
        const base = { account: account.login, currency: account.currency };
        await expectCode(
          adapter.submitPayment({
            ...base,
            direction: 'deposit',
            methodId: deposit.id,
            amount: fromUnits(toUnits(deposit.max) + toUnits('1'), account.currency),
            idempotencyKey: crypto.randomUUID(),
          }),
          'LIMIT_EXCEEDED',
        );
        const balance = toUnits(await available(account.login));
        const withdraw = (await adapter.paymentOptions({ direction: 'withdraw', account: account.login })).methods.find(
          (method) => toUnits(method.max) > balance,
        );
        const minimum = withdraw ? toUnits(withdraw.min) : 0n;
        const over = balance + toUnits('1') > minimum ? balance + toUnits('1') : minimum;
        expect(withdraw, 'a withdrawal method whose limits exceed the balance').toBeDefined();
        await expectCode(
          adapter.submitPayment({
            ...base,
            direction: 'withdraw',
            methodId: withdraw!.id,
            amount: fromUnits(over, account.currency),
            idempotencyKey: crypto.randomUUID(),
          }),
          'INSUFFICIENT_FUNDS',
        );
        expect(toUnits(await available(account.login))).toBe(balance);
      });

      it('rejects a pre-aborted call with its AbortError and changes nothing', async () => {
        await login(fixture.user);
        const account = await liveAccount();
        const method = (await adapter.paymentOptions({ direction: 'deposit', account: account.login })).methods[0]!;
        const before = await available(account.login);
        const controller = new AbortController();
        controller.abort();
        const request = {
          direction: 'deposit' as const,
          account: account.login,
          methodId: method.id,
          amount: method.min,
          currency: account.currency,
          idempotencyKey: crypto.randomUUID(),
        };
        await expect(adapter.submitPayment(request, { signal: controller.signal })).rejects.toMatchObject({
          name: 'AbortError',
        });
        expect(await available(account.login)).toBe(before);
      });

      it('settles deposits completed, reserves withdrawals and writes amounts with the currency minor units', async () => {
        await login(fixture.user);
        const account = await liveAccount();
        const deposit = (await adapter.paymentOptions({ direction: 'deposit', account: account.login })).methods[0]!;
        const base = { account: account.login, currency: account.currency };
        const before = await available(account.login);
        expect(before).toBe(fromUnits(toUnits(before), account.currency));
        const paid = await adapter.submitPayment({
          ...base,
          direction: 'deposit',
          methodId: deposit.id,
          amount: deposit.max,
          idempotencyKey: crypto.randomUUID(),
        });
        expect(paid).toMatchObject({ status: 'completed', amount: fromUnits(toUnits(deposit.max), account.currency) });
        const withdraw = (await adapter.paymentOptions({ direction: 'withdraw', account: account.login })).methods.find(
          (method) => toUnits(method.min) <= toUnits(deposit.max),
        );
        expect(withdraw, 'a withdrawal method the deposit covers').toBeDefined();
        const taken = await adapter.submitPayment({
          ...base,
          direction: 'withdraw',
          methodId: withdraw!.id,
          amount: withdraw!.min,
          idempotencyKey: crypto.randomUUID(),
        });
        // A withdrawal may wait for review (pending) or settle at once; either way the balance is reserved now.
        expect(['pending', 'completed']).toContain(taken.status);
        const after = await available(account.login);
        expect(after).toBe(
          fromUnits(toUnits(before) + toUnits(deposit.max) - toUnits(withdraw!.min), account.currency),
        );
      });

      it("answers CH_INSUFFICIENT_PERMISSIONS for an account that is not the user's", async () => {
        await login(fixture.user);
        const own = new Set((await adapter.currentUser()).accounts.map((account) => account.login));
        let foreign = 987_654_321;
        while (own.has(foreign)) foreign++;
        await expectCode(
          adapter.paymentOptions({ direction: 'deposit', account: foreign }),
          'CH_INSUFFICIENT_PERMISSIONS',
        );
        const account = await liveAccount();
        const method = (await adapter.paymentOptions({ direction: 'deposit', account: account.login })).methods[0]!;
        await expectCode(
          adapter.submitPayment({
            direction: 'deposit',
            account: foreign,
            methodId: method.id,
            amount: method.min,
            currency: account.currency,
            idempotencyKey: crypto.randomUUID(),
          }),
          'CH_INSUFFICIENT_PERMISSIONS',
        );
      });

      it('refuses a zero amount and decimals finer than the currency with VALIDATION_FAILED on the amount', async () => {
        await login(fixture.user);
        const account = await liveAccount();
        const method = (await adapter.paymentOptions({ direction: 'deposit', account: account.login })).methods[0]!;
        const submit = (amount: string) =>
          adapter.submitPayment({
            direction: 'deposit',
            account: account.login,
            methodId: method.id,
            amount,
            currency: account.currency,
            idempotencyKey: crypto.randomUUID(),
          });
        expect((await expectCode(submit('0'), 'VALIDATION_FAILED')).fields.amount).toBeDefined();
        const digits = minorUnits(account.currency);
        if (digits >= 8) return;
        const whole = toUnits(method.min) / 100_000_000n + 1n;
        const tooFine = `${whole}.${'0'.repeat(digits)}1`;
        expect((await expectCode(submit(tooFine), 'VALIDATION_FAILED')).fields.amount).toBe('precision');
      });
    });

    module('kyc', 'KYC cases (core rules/kyc.ts, rules/dates.ts)', () => {
      const png = () =>
        new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0])], { type: 'image/png' });
      const personal = { firstName: 'Jo', lastName: 'Doe', dateOfBirth: '1990-04-12', nationality: 'GB' };
      const address = { line1: '1 Market Street', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' };

      it("opens the 'standard' case when no kycType is named, and answers NOT_FOUND for an unknown type", async () => {
        await login(fixture.user);
        expect((await adapter.kycStatus({})).kycType).toBe('standard');
        await expectCode(adapter.kycStatus({ kycType: 'no-such-type' }), 'NOT_FOUND');
      });

      it('refuses a minor, a date that does not exist and a lower-case country in the personal step', async () => {
        await login(fixture.user);
        const refused = async (data: Partial<typeof personal>) =>
          (
            await expectCode(
              adapter.saveKycStep({ step: 'personal', data: { ...personal, ...data } }),
              'VALIDATION_FAILED',
            )
          ).fields;
        const tenYearsAgo = `${new Date().getUTCFullYear() - 10}-01-01`;
        expect(await refused({ dateOfBirth: tenYearsAgo })).toEqual({ dateOfBirth: 'invalid' });
        expect(await refused({ dateOfBirth: '1990-02-30' })).toEqual({ dateOfBirth: 'invalid' });
        expect(await refused({ nationality: 'gb', firstName: '' })).toEqual({
          nationality: 'invalid',
          firstName: 'required',
        });
      });

      it('answers INVALID_REQUEST for a step of the wrong shape', async () => {
        await login(fixture.user);
        await expectCode(
          adapter.saveKycStep({ step: 'personal', data: { firstName: 'Jo' } } as never),
          'INVALID_REQUEST',
        );
      });

      it('names each missing part, takes a national ID for a passport, and freezes a submitted case', async () => {
        await login(fixture.otherUser);
        const incomplete = await expectCode(
          adapter.submitKyc({ idempotencyKey: crypto.randomUUID() }),
          'VALIDATION_FAILED',
        );
        expect(incomplete.fields).toMatchObject({ personal: 'required', address: 'required' });
        const { requiredDocuments } = await adapter.kycStatus({});
        for (const type of requiredDocuments) expect(incomplete.fields[type]).toBe('required');
        await adapter.saveKycStep({ step: 'personal', data: personal });
        await adapter.saveKycStep({ step: 'address', data: address });
        for (const type of requiredDocuments)
          await adapter.uploadKycDocument({
            documentType: type === 'passport' ? 'national_id' : type,
            file: png(),
            fileName: `${type}.png`,
          });
        const submitted = await adapter.submitKyc({ idempotencyKey: crypto.randomUUID() });
        expect(submitted.status).toBe('pending');
        await expectCode(adapter.saveKycStep({ step: 'address', data: address }), 'DUPLICATE_SUBMISSION');
        await expectCode(
          adapter.uploadKycDocument({ documentType: 'selfie', file: png(), fileName: 'selfie.png' }),
          'DUPLICATE_SUBMISSION',
        );
      });

      it('refuses an empty file on the file field, and a file that is not PNG, JPEG or PDF', async () => {
        await login(fixture.user);
        const empty = await expectCode(
          adapter.uploadKycDocument({ documentType: 'passport', file: new Blob([]), fileName: 'empty.png' }),
          'VALIDATION_FAILED',
        );
        expect(empty.fields).toEqual({ file: 'required' });
        await expectCode(
          adapter.uploadKycDocument({ documentType: 'passport', file: new Blob(['<svg/>']), fileName: 'x.png' }),
          'UNSUPPORTED_FILE',
        );
        const status = await adapter.kycStatus({});
        expect(status.acceptedMimeTypes).toEqual(['image/png', 'image/jpeg', 'application/pdf']);
      });
    });

    module('kyc', 'KYC drafts stay with their user', () => {
      const personal = { lastName: 'Draft-Morgan', dateOfBirth: '1990-04-12' };

      it('keeps the draft for the session, returns it with the status and replaces it whole', async () => {
        await expectCode(adapter.saveKycDraft({ step: 'personal', values: personal }), 'SESSION_EXPIRED');
        await login(fixture.user);
        expect((await adapter.kycStatus({})).draft).toBeUndefined();
        const request = { step: 'personal' as const, values: personal };
        await expect(adapter.saveKycDraft(request)).resolves.toBeUndefined();
        await expect(adapter.saveKycDraft(request)).resolves.toBeUndefined();
        expect((await adapter.kycStatus({})).draft).toEqual(request);
        await adapter.saveKycDraft({ step: 'address', values: { city: 'Leeds' } });
        expect((await adapter.kycStatus({})).draft).toEqual({ step: 'address', values: { city: 'Leeds' } });
      });

      it("never shows one user's draft to another user's session", async () => {
        await login(fixture.user);
        await adapter.saveKycDraft({ step: 'personal', values: personal });
        await login(fixture.otherUser);
        expect((await adapter.currentUser()).email).toBe(fixture.otherUser.email.toLowerCase());
        expect((await adapter.kycStatus({})).draft).toBeUndefined();
        await adapter.saveKycDraft({ step: 'personal', values: { lastName: 'Someone-Else' } });
        await login(fixture.user);
        expect((await adapter.kycStatus({})).draft).toEqual({ step: 'personal', values: personal });
      });

      it('refuses unknown fields, long values and large bodies, and keeps the earlier draft', async () => {
        await login(fixture.user);
        await adapter.saveKycDraft({ step: 'personal', values: personal });
        const refused = async (values: Record<string, string>) =>
          (await rejection(adapter.saveKycDraft({ step: 'personal', values } as KycDraftRequest))).code;
        expect(['INVALID_REQUEST', 'VALIDATION_FAILED']).toContain(await refused({ passportNumber: 'X1234567' }));
        expect(['INVALID_REQUEST', 'VALIDATION_FAILED']).toContain(
          await refused({ lastName: 'x'.repeat(kycDraftFieldMaxLength + 1) }),
        );
        expect(await refused({ lastName: 'x'.repeat(kycDraftMaxBytes) })).toBe('PAYLOAD_TOO_LARGE');
        expect((await adapter.kycStatus({})).draft).toEqual({ step: 'personal', values: personal });
      });
    });

    module('action', 'generic actions take the values their fields declare (core rules/actions.ts)', () => {
      it('serves declared actions and validates their values', async () => {
        await login(fixture.user);
        const schema = await adapter.actionSchema({ actionType: action() });
        expect(schema.fields.length).toBeGreaterThan(0);
        await expectCode(adapter.actionSchema({ actionType: 'no-such-action' }), 'NOT_FOUND');
        const error = await rejection(
          adapter.submitAction({ actionType: action(), values: {}, idempotencyKey: crypto.randomUUID() }),
        );
        expect(error.code).toBe('VALIDATION_FAILED');
        const required = schema.fields.filter((field) => field.required).map((field) => field.name);
        expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(required));
      });

      it('refuses a value of a field the action does not declare', async () => {
        await login(fixture.user);
        const schema = await adapter.actionSchema({ actionType: action() });
        const error = await expectCode(
          adapter.submitAction({
            actionType: action(),
            values: { notDeclared: 'x' },
            idempotencyKey: crypto.randomUUID(),
          }),
          'VALIDATION_FAILED',
        );
        expect(error.fields.notDeclared).toBe('invalid');
        expect(schema.fields.some((field) => field.name === 'notDeclared')).toBe(false);
      });
    });

    module('chat', 'support chat', () => {
      it('keeps a sent chat message once per clientId and lists it in the history', async () => {
        await login(fixture.user);
        const clientId = crypto.randomUUID();
        const sent = await adapter.sendChatMessage({ text: 'Hello from the contract', clientId });
        const again = await adapter.sendChatMessage({ text: 'Hello from the contract', clientId });
        expect(again.id).toBe(sent.id);
        expect(sent).toMatchObject({ author: 'user', text: 'Hello from the contract' });
        const history = await adapter.chatHistory({});
        expect(history.messages.filter((message) => message.clientId === clientId)).toHaveLength(1);
      });
    });

    module('invite', 'invite links', () => {
      it('answers the invite in its wire shape', async () => {
        await login(fixture.user);
        expect(inviteSchema.safeParse(await adapter.invite()).success).toBe(true);
      });
    });

    module('ribbons', 'ribbons, most specific first', () => {
      it('answers ribbons in their wire shape', async () => {
        await login(fixture.user);
        const account = await liveAccount();
        const ribbons = await adapter.ribbons({ account: account.login });
        expect(ribbons.every((ribbon) => ribbonSchema.safeParse(ribbon).success)).toBe(true);
      });
    });

    module('platform-web', 'embedded platform web token (lives a minute)', () => {
      it('answers a fresh platform web token for an own account', async () => {
        await login(fixture.user);
        const account = await liveAccount();
        const web = await adapter.platformWebToken({ account: account.login });
        expect(platformWebTokenSchema.safeParse(web).success).toBe(true);
        expect(Date.parse(web.expiresAt)).toBeGreaterThan(Date.now() - 1000);
      });
    });
  });
}

/** The BrokerKitError a promise rejects with (fails the test if it resolves or rejects with anything else). */
export async function rejection(promise: Promise<unknown>): Promise<BrokerKitError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`Expected a rejection, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(BrokerKitError);
  return outcome.error as BrokerKitError;
}

export async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<BrokerKitError> {
  const error = await rejection(promise);
  expect(error.code, error.message).toBe(code);
  return error;
}

/** A fetch that keeps cookies the way a browser does, for running an HttpAdapter against a server from Node. */
export function fetchWithCookies(base: typeof fetch = (input, init) => fetch(input, init)): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size > 0) headers.set('Cookie', [...jar].map(([key, value]) => `${key}=${value}`).join('; '));
    const response = await base(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator <= 0) continue;
      const key = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === '' || /max-age=0\b/i.test(line)) jar.delete(key);
      else jar.set(key, value);
    }
    return response;
  };
}
