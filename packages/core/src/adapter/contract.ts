// The behaviour every BackendAdapter shares, as one suite: the MemoryAdapter runs it in process, the reference
// server runs it through an HttpAdapter. Test-only: never exported from the package index.
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { BrokerKitError, type ErrorCode } from '../errors.ts';
import type { BackendAdapter } from './adapter.ts';
import { demoCredentials, newUserCredentials } from './memory-data.ts';
import { fromUnits, toUnits } from './memory-money.ts';
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

export interface ContractFixture {
  adapter: BackendAdapter;
  /** Issues an in-app OT token for the demo user (`demoCredentials`), as the platform would. */
  issueToken(options?: { action?: InAppAction }): string | Promise<string>;
  /** An in-app token of the demo user whose lifetime is over; the expiry test is skipped without it. */
  issueExpiredToken?(): string | Promise<string>;
  /**
   * The token of the newest password reset link the backend mailed to this address (undefined when it mailed
   * none), as a test reads the mail; the password reset tests are skipped without it.
   */
  passwordResetToken?(email: string): string | undefined | Promise<string | undefined>;
  dispose?(): void | Promise<void>;
}

/**
 * The backend's demo data must include the demo user of `memory-data.ts` with a live account that has deposit
 * and withdrawal methods, the action `update-phone`, and no action named `no-such-action`.
 */
export function describeAdapterContract(
  name: string,
  makeFixture: () => ContractFixture | Promise<ContractFixture>,
): void {
  describe(`${name} meets the BackendAdapter contract`, () => {
    let fixture: ContractFixture;
    let adapter: BackendAdapter;
    beforeEach(async () => {
      fixture = await makeFixture();
      adapter = fixture.adapter;
    });
    afterEach(async () => {
      await fixture.dispose?.();
    });

    const signIn = async () => adapter.validateToken({ token: await fixture.issueToken() });
    const liveAccount = async (): Promise<TradingAccount> => {
      const account = (await adapter.currentUser()).accounts.find((candidate) => candidate.environment === 'live');
      if (!account) throw new Error('The demo user needs a live account');
      return account;
    };
    const available = async (account: number) =>
      (await adapter.paymentOptions({ direction: 'withdraw', account })).available ?? '0';

    describe('OT tokens (seed 001)', () => {
      it('accepts a fresh token once and opens a session for its user', async () => {
        const token = await fixture.issueToken({ action: 'deposit' });
        const validated = await adapter.validateToken({ token, action: 'deposit' });
        expect(validated).toMatchObject({ valid: true, email: demoCredentials.email });
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

    describe('login and signup', () => {
      it('logs the demo user in and answers wrong passwords and unknown emails alike', async () => {
        const result = await adapter.login({ ...demoCredentials, keepLoggedIn: false });
        expect(result.status).toBe('complete');
        const wrongPassword = await rejection(
          adapter.login({ ...demoCredentials, password: 'Wrong-0000', keepLoggedIn: false }),
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
        await expectCode(adapter.signup({ ...signupForm, email: demoCredentials.email }), 'EMAIL_TAKEN');
      });

      it('rejects invalid fields with VALIDATION_FAILED naming each field', async () => {
        const error = await rejection(adapter.signup({ ...signupForm, email: 'not-an-email', password: 'short' }));
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(['email', 'password']));
      });

      it('signs a new user up and asks for a trading account next', async () => {
        const email = `contract-${crypto.randomUUID()}@example.com`;
        const result = await adapter.signup({ ...signupForm, email });
        expect(result.status).toBe('account-required');
        expect((await adapter.currentUser()).email).toBe(email);
      });
    });

    describe('password reset', () => {
      const newPassword = 'Contract-reset-5678';
      const mailedToken = async (email = demoCredentials.email) => {
        const token = await fixture.passwordResetToken!(email);
        if (!token) throw new Error(`No reset link was mailed to ${email}`);
        return token;
      };

      it('sets a new password once with the mailed token; the old password and the used link are refused', async ({
        skip,
      }) => {
        if (!fixture.passwordResetToken) return skip();
        await adapter.requestPasswordReset({ email: demoCredentials.email, language: 'en' });
        const token = await mailedToken();
        await expect(adapter.completePasswordReset({ token, newPassword })).resolves.toBeUndefined();
        await expectCode(adapter.login({ ...demoCredentials, keepLoggedIn: false }), 'INVALID_CREDENTIALS');
        const result = await adapter.login({
          email: demoCredentials.email,
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
        await adapter.requestPasswordReset({ email: demoCredentials.email });
        const older = await mailedToken();
        await adapter.requestPasswordReset({ email: demoCredentials.email });
        const newer = await mailedToken();
        expect(newer).not.toBe(older);
        await expectCode(adapter.completePasswordReset({ token: older, newPassword }), 'INVALID_OT_TOKEN');
        await expect(adapter.completePasswordReset({ token: newer, newPassword })).resolves.toBeUndefined();
      });

      it('refuses a weak password with VALIDATION_FAILED and keeps the link usable', async ({ skip }) => {
        if (!fixture.passwordResetToken) return skip();
        await adapter.requestPasswordReset({ email: demoCredentials.email });
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
        await signIn();
        await adapter.requestPasswordReset({ email: demoCredentials.email });
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

    describe('payments', () => {
      it('moves money once for two submissions with one idempotency key', async () => {
        await signIn();
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
        expect(await available(account.login)).toBe(fromUnits(toUnits(before) + toUnits(method.min)));
        expect((await adapter.transaction({ id: first.id })).id).toBe(first.id);
      });

      it('answers LIMIT_EXCEEDED above the method maximum and INSUFFICIENT_FUNDS above the balance', async () => {
        await signIn();
        const account = await liveAccount();
        const deposit = (await adapter.paymentOptions({ direction: 'deposit', account: account.login })).methods[0]!;
        const base = { account: account.login, currency: account.currency };
        await expectCode(
          adapter.submitPayment({
            ...base,
            direction: 'deposit',
            methodId: deposit.id,
            amount: fromUnits(toUnits(deposit.max) + toUnits('1')),
            idempotencyKey: crypto.randomUUID(),
          }),
          'LIMIT_EXCEEDED',
        );
        const balance = toUnits(await available(account.login));
        const over = balance + toUnits('1');
        const withdraw = (await adapter.paymentOptions({ direction: 'withdraw', account: account.login })).methods.find(
          (method) => toUnits(method.min) <= over && over <= toUnits(method.max),
        );
        expect(withdraw, 'a withdrawal method whose limits exceed the balance').toBeDefined();
        await expectCode(
          adapter.submitPayment({
            ...base,
            direction: 'withdraw',
            methodId: withdraw!.id,
            amount: fromUnits(over),
            idempotencyKey: crypto.randomUUID(),
          }),
          'INSUFFICIENT_FUNDS',
        );
        expect(toUnits(await available(account.login))).toBe(balance);
      });

      it('rejects a pre-aborted call with its AbortError and changes nothing', async () => {
        await signIn();
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
    });

    describe('KYC draft', () => {
      const personal = { lastName: 'Draft-Morgan', dateOfBirth: '1990-04-12' };

      it('keeps the draft for the session, returns it with the status and replaces it whole', async () => {
        await expectCode(adapter.saveKycDraft({ step: 'personal', values: personal }), 'SESSION_EXPIRED');
        await signIn();
        expect((await adapter.kycStatus({})).draft).toBeUndefined();
        const request = { step: 'personal' as const, values: personal };
        await expect(adapter.saveKycDraft(request)).resolves.toBeUndefined();
        await expect(adapter.saveKycDraft(request)).resolves.toBeUndefined();
        expect((await adapter.kycStatus({})).draft).toEqual(request);
        await adapter.saveKycDraft({ step: 'address', values: { city: 'Leeds' } });
        expect((await adapter.kycStatus({})).draft).toEqual({ step: 'address', values: { city: 'Leeds' } });
      });

      it("never shows one user's draft to another user's session", async () => {
        await signIn();
        await adapter.saveKycDraft({ step: 'personal', values: personal });
        await adapter.login({ ...newUserCredentials, keepLoggedIn: false });
        expect((await adapter.currentUser()).email).toBe(newUserCredentials.email);
        expect((await adapter.kycStatus({})).draft).toBeUndefined();
        await adapter.saveKycDraft({ step: 'personal', values: { lastName: 'Someone-Else' } });
        await adapter.login({ ...demoCredentials, keepLoggedIn: false });
        expect((await adapter.kycStatus({})).draft).toEqual({ step: 'personal', values: personal });
      });

      it('refuses unknown fields, long values and large bodies, and keeps the earlier draft', async () => {
        await signIn();
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

    describe('generic action, chat, invite, ribbons, platform web', () => {
      it('serves declared actions and validates their values', async () => {
        await signIn();
        const schema = await adapter.actionSchema({ actionType: 'update-phone' });
        expect(schema.fields.length).toBeGreaterThan(0);
        await expectCode(adapter.actionSchema({ actionType: 'no-such-action' }), 'NOT_FOUND');
        const error = await rejection(
          adapter.submitAction({ actionType: 'update-phone', values: {}, idempotencyKey: crypto.randomUUID() }),
        );
        expect(error.code).toBe('VALIDATION_FAILED');
        const required = schema.fields.filter((field) => field.required).map((field) => field.name);
        expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(required));
      });

      it('keeps a sent chat message once per clientId and lists it in the history', async () => {
        await signIn();
        const clientId = crypto.randomUUID();
        const sent = await adapter.sendChatMessage({ text: 'Hello from the contract', clientId });
        const again = await adapter.sendChatMessage({ text: 'Hello from the contract', clientId });
        expect(again.id).toBe(sent.id);
        expect(sent).toMatchObject({ author: 'user', text: 'Hello from the contract' });
        const history = await adapter.chatHistory({});
        expect(history.messages.filter((message) => message.clientId === clientId)).toHaveLength(1);
      });

      it('answers invite, ribbons and a platform web token in their wire shapes', async () => {
        await signIn();
        const account = await liveAccount();
        expect(inviteSchema.safeParse(await adapter.invite()).success).toBe(true);
        const ribbons = await adapter.ribbons({ account: account.login });
        expect(ribbons.every((ribbon) => ribbonSchema.safeParse(ribbon).success)).toBe(true);
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
