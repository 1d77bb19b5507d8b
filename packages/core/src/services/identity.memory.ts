// The users of the in-memory backend: the seeded demo users themselves, so the other modules' memory stores see
// the same people. Passwords are kept as given (see `plainPasswords`): this backend is never a production one.
import type { DemoUser } from '../adapter/memory-data.ts';
import type { UserRecord, UserStore } from './identity.ts';

function record(user: DemoUser, disabledAt: number | undefined): UserRecord {
  return {
    ...(disabledAt !== undefined && { disabledAt }),
    id: user.userId,
    userId: user.userId,
    email: user.email,
    passwordHash: user.password,
    firstName: user.firstName,
    lastName: user.lastName,
    country: user.country,
    partnerId: user.partnerId,
    createdAt: 0,
  };
}

export class MemoryUserStore implements UserStore {
  /** When each disabled user was disabled. */
  private readonly disabled = new Map<number, number>();

  constructor(private readonly users: DemoUser[]) {}

  private record(user: DemoUser): UserRecord {
    return record(user, this.disabled.get(user.userId));
  }

  /** The demo user behind a record, for the memory stores of other modules. */
  demoUser(userId: number): DemoUser | undefined {
    return this.users.find((user) => user.userId === userId);
  }

  byEmail(email: string): UserRecord | undefined {
    const user = this.users.find((candidate) => candidate.email === email);
    return user && this.record(user);
  }

  byUserId(userId: number): UserRecord | undefined {
    const user = this.demoUser(userId);
    return user && this.record(user);
  }

  insert(user: Omit<UserRecord, 'id'>): UserRecord | undefined {
    if (this.users.some((candidate) => candidate.email === user.email)) return undefined;
    const demo: DemoUser = {
      userId: user.userId,
      email: user.email,
      password: user.passwordHash ?? '',
      firstName: user.firstName ?? '',
      lastName: user.lastName ?? '',
      country: user.country ?? '',
      partnerId: user.partnerId,
      accounts: [],
      kyc: {},
    };
    this.users.push(demo);
    return this.record(demo);
  }

  upsertFromPlatform(userId: number, email: string): UserRecord {
    const known = this.demoUser(userId);
    if (known) {
      known.email = email;
      return this.record(known);
    }
    return this.insert({
      userId,
      email,
      passwordHash: null,
      firstName: null,
      lastName: null,
      country: null,
      partnerId: `P-${userId}`,
      createdAt: 0,
    })!;
  }

  setPassword(userId: number, passwordHash: string): void {
    const user = this.demoUser(userId);
    if (user) user.password = passwordHash;
  }

  setEmail(userId: number, email: string): void {
    const user = this.demoUser(userId);
    if (user) user.email = email;
  }

  setDisabled(userId: number, disabledAt: number | null): boolean {
    if (!this.demoUser(userId)) return false;
    if (disabledAt === null) this.disabled.delete(userId);
    else this.disabled.set(userId, disabledAt);
    return true;
  }
}
