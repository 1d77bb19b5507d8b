import { describe, expect, it } from 'vitest';
import { demoCredentials, demoSeed } from '../adapter/memory-data.ts';
import type { SignupRequest } from '../adapter/schemas.ts';
import { AccountsService } from './accounts.ts';
import { MemoryAccountStore } from './accounts.memory.ts';
import { IdentityService } from './identity.ts';
import { MemoryUserStore } from './identity.memory.ts';
import { MemoryPlatform, plainPasswords } from './platform.memory.ts';
import type { TraderPlatform, UserPlatform } from './ports.ts';

function setup() {
  const seed = demoSeed();
  const platform = new MemoryPlatform(seed.users);
  const calls = { createTrader: 0, createUser: 0 };
  // The simulated platform, counting the calls that create something on it.
  const counted: UserPlatform & TraderPlatform = {
    createUser: () => (calls.createUser++, platform.createUser()),
    confirmAgreement: () => platform.confirmAgreement(),
    createTrader: (trader) => (calls.createTrader++, platform.createTrader(trader)),
    linkTrader: () => platform.linkTrader(),
  };
  const users = new MemoryUserStore(seed.users);
  const accounts = new MemoryAccountStore(seed.users);
  const identity = new IdentityService({
    users,
    accounts,
    platform: counted,
    passwords: plainPasswords,
    now: () => 0,
    newPartnerId: (userId) => `P-${userId}`,
  });
  const service = new AccountsService({
    accounts,
    platform: counted,
    accountTypes: () => seed.accountTypes,
    now: () => 0,
  });
  const type = seed.accountTypes[0]!;
  const request = {
    accountTypeId: type.id,
    environment: type.environments[0]!,
    currency: type.currencies[0]!,
    leverage: type.leverages[0]!,
    idempotencyKey: 'key-00000001',
  };
  return { seed, calls, identity, service, request };
}

const form: SignupRequest = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'Ada@Example.com ',
  password: 'Analytical-Engine-1',
  country: 'GB',
  acceptTerms: true,
  acceptAgreement: true,
  keepLoggedIn: false,
};

describe('AccountsService', () => {
  it('opens one trader for parallel creations with one idempotency key', async () => {
    const { calls, service, seed, request } = setup();
    const userId = seed.users.find((user) => user.email === demoCredentials.email)!.userId;
    const before = (await service.list(userId)).length;
    const results = await Promise.all(Array.from({ length: 6 }, () => service.create(userId, request)));
    expect(new Set(results.map((account) => account.login)).size).toBe(1);
    expect(calls.createTrader).toBe(1);
    expect((await service.list(userId)).length).toBe(before + 1);
    // Later, the same key answers the same account without calling the platform again.
    expect((await service.create(userId, request)).login).toBe(results[0]!.login);
    expect(calls.createTrader).toBe(1);
  });

  it('refuses the same key with other settings, and settings the broker does not offer', async () => {
    const { service, seed, request } = setup();
    const userId = seed.users[0]!.userId;
    await service.create(userId, request);
    await expect(service.create(userId, { ...request, leverage: -1 })).rejects.toMatchObject({
      code: 'DUPLICATE_SUBMISSION',
    });
    await expect(
      service.create(userId, { ...request, idempotencyKey: 'key-00000002', currency: 'XXX' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { currency: 'invalid' } });
    await expect(service.create(userId, { ...request, idempotencyKey: 'short' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
  });
});

describe('IdentityService', () => {
  it('signs up once per address, normalized, and authenticates with one answer for unknown and wrong', async () => {
    const { identity, calls } = setup();
    const user = await identity.signup(form);
    expect(user.email).toBe('ada@example.com');
    await expect(identity.signup({ ...form, email: 'ADA@example.com' })).rejects.toMatchObject({
      code: 'EMAIL_TAKEN',
      fields: { email: 'taken' },
    });
    // The taken address is refused before the platform is asked.
    expect(calls.createUser).toBe(1);
    expect(await identity.authenticate('ada@example.com', form.password)).toMatchObject({ ok: true });
    expect(await identity.authenticate('ada@example.com', 'Wrong-0000')).toMatchObject({ ok: false });
    expect(await identity.authenticate('nobody@example.com', 'Wrong-0000')).toEqual({ ok: false });
    await expect(identity.authenticate('', '')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('changes password and e-mail only with the current password, by the shared rules', async () => {
    const { identity } = setup();
    const { userId } = await identity.signup(form);
    await expect(identity.changePassword(userId, 'Wrong-0000', 'Another-Pass-2')).rejects.toMatchObject({
      code: 'INVALID_CREDENTIALS',
      fields: { currentPassword: 'invalid' },
    });
    await expect(identity.changePassword(userId, form.password, 'abcdefgh')).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await identity.changePassword(userId, form.password, 'Another-Pass-2');
    expect(await identity.authenticate(form.email, 'Another-Pass-2')).toMatchObject({ ok: true });
    await expect(identity.changeEmail(userId, demoCredentials.email, 'Another-Pass-2')).rejects.toMatchObject({
      code: 'EMAIL_TAKEN',
      fields: { newEmail: 'taken' },
    });
    expect(await identity.changeEmail(userId, 'Ada.L@example.com', 'Another-Pass-2')).toEqual({
      email: 'ada.l@example.com',
      verificationRequired: false,
    });
    expect((await identity.profile(userId)).email).toBe('ada.l@example.com');
  });
});
