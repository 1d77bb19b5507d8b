// Redis store for tokens, sessions, rate limits and chat fan-out, so several server processes serve as one.
// Redemption is one Lua script: Redis runs it atomically, so exactly one of N concurrent redemptions wins.
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { diagnose } from './sqlite.ts';
import type {
  BusEvent,
  ChatBus,
  OtTokenRecord,
  RateLimitStore,
  RedeemExpectation,
  RedeemOutcome,
  SessionKind,
  SessionRecord,
  SessionStore,
  TokenStore,
} from './types.ts';

/** How long a spent token stays known, so a replay is recognised (and revokes) rather than called unknown. */
const replayMemoryMs = 24 * 60 * 60 * 1000;

const redeemScript = `
local raw = redis.call('GET', KEYS[1])
if not raw then return {'unknown', ''} end
local t = cjson.decode(raw)
if t.usedAt then return {'used', raw} end
local now = tonumber(ARGV[1])
if tonumber(t.expiresAt) <= now then return {'expired', raw} end
local purposeOk = false
for _, p in ipairs(cjson.decode(ARGV[2])) do if p == t.purpose then purposeOk = true end end
if (not purposeOk) or t.clientId ~= ARGV[3] or (ARGV[4] ~= '' and t.action and t.action ~= ARGV[4]) then
  return {'mismatch', raw}
end
t.usedAt = now
redis.call('SET', KEYS[1], cjson.encode(t), 'KEEPTTL')
return {'ok', raw}`;

type StoredToken = OtTokenRecord & { usedAt?: number };

export class RedisTokenStore implements TokenStore {
  constructor(private readonly redis: Redis) {}

  async issue(record: OtTokenRecord): Promise<void> {
    const ttl = Math.max(1, record.expiresAt - record.issuedAt + replayMemoryMs);
    const stored = await this.redis.set(`bk:tok:${record.hash}`, JSON.stringify(record), 'PX', ttl, 'NX');
    if (stored !== 'OK') throw new Error('token hash collision');
  }

  async redeem(hash: string, expect: RedeemExpectation, now: number): Promise<RedeemOutcome> {
    const [status, raw] = (await this.redis.eval(
      redeemScript,
      1,
      `bk:tok:${hash}`,
      String(now),
      JSON.stringify(expect.purposes),
      expect.clientId,
      expect.action ?? '',
    )) as [string, string];
    if (status === 'unknown') return { ok: false, reason: 'unknown' };
    const { usedAt, ...record } = JSON.parse(raw) as StoredToken;
    if (status === 'ok') return { ok: true, record };
    return { ok: false, reason: diagnose(usedAt, record.expiresAt, now), record };
  }

  async claim(hash: string, keepUntil: number, now: number): Promise<boolean> {
    const value = JSON.stringify({
      hash,
      purpose: 'in-app',
      userId: 0,
      clientId: 'platform',
      issuedAt: now,
      expiresAt: keepUntil,
      usedAt: now,
    });
    return (await this.redis.set(`bk:tok:${hash}`, value, 'PX', Math.max(1, keepUntil - now), 'NX')) === 'OK';
  }
}

export class RedisSessionStore implements SessionStore {
  constructor(private readonly redis: Redis) {}

  async create(record: SessionRecord, alongside?: () => void): Promise<void> {
    const ttl = Math.max(1, record.expiresAt - record.createdAt);
    const pipeline = this.redis.multi().set(`bk:ses:${record.hash}`, JSON.stringify(record), 'PX', ttl);
    pipeline.sadd(`bk:user:${record.userId}`, record.hash).pexpire(`bk:user:${record.userId}`, ttl, 'GT');
    pipeline.pexpire(`bk:user:${record.userId}`, ttl, 'NX');
    if (record.origin)
      pipeline.sadd(`bk:origin:${record.origin}`, record.hash).pexpire(`bk:origin:${record.origin}`, ttl);
    await pipeline.exec();
    alongside?.();
  }

  async get(hash: string, now: number): Promise<SessionRecord | undefined> {
    const raw = await this.redis.get(`bk:ses:${hash}`);
    if (!raw) return undefined;
    const record = JSON.parse(raw) as SessionRecord;
    return record.expiresAt > now ? record : undefined;
  }

  async revoke(hash: string): Promise<void> {
    await this.redis.del(`bk:ses:${hash}`);
  }

  async revokeByOrigin(origin: string): Promise<number> {
    const hashes = await this.redis.smembers(`bk:origin:${origin}`);
    if (hashes.length === 0) return 0;
    return this.redis.del(...hashes.map((hash) => `bk:ses:${hash}`));
  }

  async revokeUser(userId: number, kinds: readonly SessionKind[]): Promise<void> {
    const hashes = await this.redis.smembers(`bk:user:${userId}`);
    for (const hash of hashes) {
      const raw = await this.redis.get(`bk:ses:${hash}`);
      if (raw && kinds.includes((JSON.parse(raw) as SessionRecord).kind)) await this.redis.del(`bk:ses:${hash}`);
    }
  }
}

export class RedisRateLimitStore implements RateLimitStore {
  constructor(private readonly redis: Redis) {}

  private keyOf(key: string, windowMs: number, now: number) {
    const windowStart = now - (now % windowMs);
    return { redisKey: `bk:rl:${key}:${windowStart}`, resetAt: windowStart + windowMs };
  }

  async hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
    const { redisKey, resetAt } = this.keyOf(key, windowMs, now);
    const results = await this.redis.multi().incr(redisKey).pexpire(redisKey, windowMs).exec();
    const count = Number(results?.[0]?.[1] ?? Number.MAX_SAFE_INTEGER);
    return { count, resetAt };
  }

  async peek(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }> {
    const { redisKey, resetAt } = this.keyOf(key, windowMs, now);
    return { count: Number((await this.redis.get(redisKey)) ?? 0), resetAt };
  }
}

/** Pub/sub fan-out: every process receives every event and hands it to its own subscribers. */
export class RedisChatBus implements ChatBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly subscriber: Redis;
  readonly ready: Promise<unknown>;

  constructor(private readonly redis: Redis) {
    // The subscriber may queue until connected; commands of the main connection must not (fail closed).
    this.subscriber = redis.duplicate({ lazyConnect: false, enableOfflineQueue: true });
    this.ready = this.subscriber.subscribe('bk:chat');
    this.subscriber.on('message', (_channel: string, raw: string) => {
      const event = JSON.parse(raw) as BusEvent;
      this.emitter.emit(String(event.userId), event);
    });
  }

  async publish(event: BusEvent): Promise<void> {
    await this.redis.publish('bk:chat', JSON.stringify(event));
  }

  subscribe(userId: number, listener: (event: BusEvent) => void): () => void {
    this.emitter.on(String(userId), listener);
    return () => this.emitter.off(String(userId), listener);
  }

  async close(): Promise<void> {
    this.subscriber.disconnect();
  }
}
