// What a service needs from the world it runs in, handed over as ports: the services themselves use no Node or
// browser API, so the reference server and the in-memory backend run the very same code.

/** A store may answer at once (SQLite, memory) or later (a networked database): services await either. */
export type Awaitable<T> = T | Promise<T>;

/** Milliseconds since the epoch. */
export type Clock = () => number;

/** Password hashing: scrypt on the server, a stand-in in the in-memory backend (never a production backend). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}

/** The platform's user calls (seed 002 stage 3) that identity needs. */
export interface UserPlatform {
  createUser(user: {
    email: string;
    firstName: string;
    lastName: string;
    country: string;
    language?: string;
  }): Promise<{ userId: number }>;
  confirmAgreement(userId: number): Promise<void>;
}

/** The platform's trader calls (seed 002 stage 5) that accounts need. */
export interface TraderPlatform {
  createTrader(trader: {
    userId: number;
    accountType: string;
    environment: 'live' | 'demo';
    currency: string;
    leverage: number;
  }): Promise<{ login: number; /** Where the platform funds a new account itself (demo money). */ balance?: string }>;
  linkTrader(userId: number, login: number): Promise<void>;
}
