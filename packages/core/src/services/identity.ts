// Identity (seed 002 B.1): signup, login and account upkeep of a broker that owns identity (SSO mode). Sessions,
// rate limits and the audit trail stay with the caller (the server's routes, the in-memory adapter): they belong
// to the transport, not to the rules.
import { BrokerKitError } from '../errors.ts';
import {
  countryProblem,
  emailMaxLength,
  emailProblem,
  nameProblem,
  normalizeEmail,
  passwordProblem,
  storedPasswordMaxLength,
} from '../rules/identity.ts';
import { FieldCheck } from '../rules/problems.ts';
import type { ChangeEmailResult, SignupRequest, UserProfile } from '../adapter/schemas.ts';
import type { AccountStore } from './accounts.ts';
import type { Awaitable, Clock, PasswordHasher, UserPlatform } from './ports.ts';

export interface UserRecord {
  id: number;
  /** The platform's userId (seed 002 stage 3), the id every wire body carries. */
  userId: number;
  email: string;
  passwordHash: string | null;
  firstName: string | null;
  lastName: string | null;
  country: string | null;
  partnerId: string;
  createdAt: number;
  /** Set while the back office has the user disabled: no session, token or login works for them. */
  disabledAt?: number;
}

/** The broker's users. E-mail addresses arrive normalized (`normalizeEmail`) and are unique. */
export interface UserStore {
  byEmail(email: string): Awaitable<UserRecord | undefined>;
  byUserId(userId: number): Awaitable<UserRecord | undefined>;
  /** Undefined when the address is taken meanwhile (the store's own uniqueness decides, not an earlier read). */
  insert(user: Omit<UserRecord, 'id'>): Awaitable<UserRecord | undefined>;
  /** Handoff: the platform owns the user; keep a local row for its data. */
  upsertFromPlatform(userId: number, email: string, now: number): Awaitable<UserRecord>;
  setPassword(userId: number, passwordHash: string): Awaitable<void>;
  setEmail(userId: number, email: string): Awaitable<void>;
  /** Disables (a time) or enables (null) a user; false when there is no such user. */
  setDisabled(userId: number, disabledAt: number | null): Awaitable<boolean>;
}

export interface IdentityDeps {
  users: UserStore;
  accounts: Pick<AccountStore, 'list'>;
  platform: UserPlatform;
  passwords: PasswordHasher;
  now: Clock;
  /** The partner id of a new user, the key of their invite link. */
  newPartnerId(userId: number): string;
}

export type Authentication = { ok: true; user: UserRecord } | { ok: false; user?: UserRecord };

const emailTaken = (field: string) =>
  new BrokerKitError('EMAIL_TAKEN', 'An account with this email already exists', { fields: { [field]: 'taken' } });

export class IdentityService {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: IdentityDeps) {}

  /** The field rules of a signup form, on their own: a caller may check them before it spends a rate limit. */
  checkSignup(form: SignupRequest): void {
    new FieldCheck()
      .add('firstName', nameProblem(form.firstName))
      .add('lastName', nameProblem(form.lastName))
      .add('email', emailProblem(form.email))
      .add('password', passwordProblem(form.password, { email: normalizeEmail(form.email) }))
      .add('country', countryProblem(form.country))
      .assert('Some fields are invalid');
  }

  /** Creates the user on the platform, then at the broker. */
  async signup(form: SignupRequest): Promise<UserRecord> {
    this.checkSignup(form);
    const { users, platform, passwords, now } = this.deps;
    const email = normalizeEmail(form.email);
    // The password is hashed first, so a taken address costs the same work as a new one.
    const passwordHash = await passwords.hash(form.password);
    if (await users.byEmail(email)) throw emailTaken('email');
    const names = { firstName: form.firstName.trim(), lastName: form.lastName.trim() };
    const { userId } = await platform.createUser({
      email,
      ...names,
      country: form.country,
      ...(form.language && { language: form.language }),
    });
    if (form.acceptAgreement) await platform.confirmAgreement(userId);
    const user = await users.insert({
      userId,
      email,
      passwordHash,
      ...names,
      country: form.country,
      partnerId: this.deps.newPartnerId(userId),
      createdAt: now(),
    });
    // A parallel signup took the address meanwhile.
    if (!user) throw emailTaken('email');
    return user;
  }

  /**
   * Checks an e-mail and password. One answer for "no such user" and "wrong password", after the same work
   * either way, so neither the answer nor its timing tells which addresses have accounts (SECURITY 14).
   */
  async authenticate(email: string, password: string): Promise<Authentication> {
    new FieldCheck()
      .add('email', email.trim() === '' ? 'required' : undefined)
      .add('password', password === '' ? 'required' : undefined)
      .assert();
    const address = normalizeEmail(email);
    if (address.length > emailMaxLength || password.length > storedPasswordMaxLength) return { ok: false };
    const user = await this.deps.users.byEmail(address);
    const valid = await this.passwordMatches(user, password);
    // A disabled user's right password opens nothing, and says no more than a wrong one.
    return valid && user && user.disabledAt === undefined ? { ok: true, user } : { ok: false, user };
  }

  /** The session's user; USER_NOT_FOUND once a back office has removed or disabled them. */
  async user(userId: number): Promise<UserRecord> {
    const user = await this.deps.users.byUserId(userId);
    if (!user || user.disabledAt !== undefined) throw new BrokerKitError('USER_NOT_FOUND', 'User not found');
    return user;
  }

  async profile(userId: number): Promise<UserProfile> {
    return this.profileOf(await this.user(userId));
  }

  async profileOf(user: UserRecord): Promise<UserProfile> {
    return {
      userId: user.userId,
      email: user.email,
      ...(user.firstName !== null && { firstName: user.firstName }),
      ...(user.lastName !== null && { lastName: user.lastName }),
      ...(user.country !== null && { country: user.country }),
      accounts: await this.deps.accounts.list(user.userId),
    };
  }

  /** Sets a new password after checking the current one. Ending other sessions is the caller's part. */
  async changePassword(userId: number, currentPassword: string, newPassword: string): Promise<UserRecord> {
    const user = await this.user(userId);
    if (!(await this.passwordMatches(user, currentPassword)))
      throw new BrokerKitError('INVALID_CREDENTIALS', 'The current password is not correct', {
        fields: { currentPassword: 'invalid' },
      });
    await this.setPassword(user, newPassword);
    return user;
  }

  /** A new password for a user proven otherwise (a reset link): the rules apply, the current one is not asked. */
  async checkedPasswordHash(user: Pick<UserRecord, 'email'> | undefined, newPassword: string): Promise<string> {
    new FieldCheck()
      .add('newPassword', passwordProblem(newPassword, { email: user?.email }))
      .assert('The new password is not acceptable');
    return this.deps.passwords.hash(newPassword);
  }

  async changeEmail(userId: number, newEmail: string, password: string): Promise<ChangeEmailResult> {
    const user = await this.user(userId);
    if (!(await this.passwordMatches(user, password)))
      throw new BrokerKitError('INVALID_CREDENTIALS', 'The password is not correct', {
        fields: { password: 'invalid' },
      });
    new FieldCheck().add('newEmail', emailProblem(newEmail)).assert('Invalid email');
    const email = normalizeEmail(newEmail);
    const owner = await this.deps.users.byEmail(email);
    if (owner && owner.userId !== user.userId) throw emailTaken('newEmail');
    await this.deps.users.setEmail(user.userId, email);
    // The address changes at once: this backend sends no confirmation mail.
    return { email, verificationRequired: false };
  }

  private async setPassword(user: UserRecord, newPassword: string): Promise<void> {
    await this.deps.users.setPassword(user.userId, await this.checkedPasswordHash(user, newPassword));
  }

  /** Verifies against a dummy hash when there is no user or no password, so the work is the same. */
  private async passwordMatches(user: UserRecord | undefined, password: string): Promise<boolean> {
    this.dummyHash ??= this.deps.passwords.hash('not-a-real-password');
    const hash = user?.passwordHash ?? (await this.dummyHash);
    const valid = await this.deps.passwords.verify(password.slice(0, storedPasswordMaxLength), hash);
    return valid && !!user?.passwordHash;
  }
}
