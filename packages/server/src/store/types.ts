// The store seams. Tokens, sessions, rate limits and chat fan-out have two implementations (SQLite in one
// process, Redis across processes); the rest of the data lives in the SQLite file.
import type { ChatMessage, TokenPurpose } from '@broker-kit/core/adapter/schemas.ts';

/** A one-time token as stored: only its SHA-256 digest, never the token itself. Times in epoch ms. */
export interface OtTokenRecord {
  hash: string;
  purpose: TokenPurpose;
  /** The platform userId the token speaks for. */
  userId: number;
  /** The client it was issued to; only that client may redeem it. */
  clientId: string;
  action?: string;
  tradingLogin?: number;
  /** "Keep me logged in" was chosen: the exchange issues a long-lived access token (seed 002 re-login). */
  keepLoggedIn?: boolean;
  issuedAt: number;
  expiresAt: number;
}

export interface RedeemExpectation {
  purposes: readonly TokenPurpose[];
  clientId: string;
  /** When given, a token bound to another action does not match. */
  action?: string;
}

export type RedeemOutcome =
  | { ok: true; record: OtTokenRecord }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'mismatch'; record?: OtTokenRecord };

export interface TokenStore {
  issue(record: OtTokenRecord): Promise<void>;
  /** Marks the token used if, and only if, it is unused, unexpired and matches: one atomic step. */
  redeem(hash: string, expect: RedeemExpectation, now: number): Promise<RedeemOutcome>;
  /** Records a token someone else issued (the platform) as spent; false when it already was. */
  claim(hash: string, keepUntil: number, now: number): Promise<boolean>;
}

export const sessionKinds = ['browser', 'access', 'client'] as const;
export type SessionKind = (typeof sessionKinds)[number];

export interface SessionRecord {
  hash: string;
  /** browser: the screens' cookie; access: the platform's long-lived accessToken; client: a crmApiToken. */
  kind: SessionKind;
  userId: number;
  clientId?: string;
  /** Hash of the one-time token this session came from: a replay of that token revokes it. */
  origin?: string;
  action?: string;
  tradingLogin?: number;
  /** A browser session's "Keep me logged in" choice, carried to the OT token issued after account creation. */
  keepLoggedIn?: boolean;
  createdAt: number;
  expiresAt: number;
}

export interface SessionStore {
  /**
   * `alongside` is synchronous SQLite work that belongs with the new session (its audit entry, say): it commits in
   * the same transaction when sessions live in SQLite, and right after the session otherwise.
   */
  create(record: SessionRecord, alongside?: () => void): Promise<void>;
  /** A live session: not revoked and not expired by `now`. */
  get(hash: string, now: number): Promise<SessionRecord | undefined>;
  revoke(hash: string): Promise<void>;
  revokeByOrigin(origin: string): Promise<number>;
  revokeUser(userId: number, kinds: readonly SessionKind[]): Promise<void>;
}

export interface RateLimitStore {
  /** Counts one hit in the fixed window that contains `now`. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
  /** The count of the window that contains `now`, without counting. */
  peek(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

export type BusEvent =
  { type: 'message'; userId: number; seq: number; message: ChatMessage } | { type: 'typing'; userId: number };

export interface ChatBus {
  publish(event: BusEvent): Promise<void>;
  subscribe(userId: number, listener: (event: BusEvent) => void): () => void;
}

export type { UserRecord, UserStore } from '@broker-kit/core/services/identity.ts';

export interface AuditEntry {
  at: number;
  /** e.g. login, signup, token.redeem, token.replay, payment.deposit, kyc.submit */
  event: string;
  outcome: 'success' | 'failure';
  userId?: number;
  actor?: string;
  ip?: string;
  detail?: Record<string, string | number | boolean | undefined>;
}

export interface AuditLog {
  append(entry: AuditEntry): void;
  list(filter: { from?: number; to?: number }): (AuditEntry & { id: number })[];
}

/** Everything the app needs from the store, as one handle. */
export interface Stores {
  tokens: TokenStore;
  sessions: SessionStore;
  rateLimits: RateLimitStore;
  chatBus: ChatBus;
  close(): Promise<void>;
}
