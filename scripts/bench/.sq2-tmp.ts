// temporary: paced statement sequence (validation), per-iteration latency; variants via env (not committed)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStores } from '../../packages/server/src/store/index.ts';
import { hashToken, newToken } from '../../packages/server/src/crypto.ts';
import { ensureAccount, profileOf } from '../../packages/server/src/data.ts';
const dir = mkdtempSync(join(tmpdir(), 'bk-sq2-'));
const bg = process.env.BG === '1';
const stores = await openStores({ sqlitePath: join(dir, 'x.sqlite'), backgroundCheckpoints: bg });
if (process.env.MAIN_AUTO) stores.db.pragma(`wal_autocheckpoint = ${process.env.MAIN_AUTO}`);
const now = Date.now();
stores.users.insert({ userId: 1, email: 'a@b.c', passwordHash: null, firstName: 'A', lastName: 'B', country: 'CY', partnerId: 'p', createdAt: now });
ensureAccount(stores.db, 1, 7, now);
const rate = Number(process.env.RATE ?? 600); const seconds = Number(process.env.SECS ?? 10);
const N = rate * seconds;
const tokens: string[] = [];
stores.db.exec('BEGIN');
for (let i = 0; i < N; i++) { const t = newToken(); tokens.push(t); await stores.tokens.issue({ hash: hashToken(t), purpose: 'in-app', userId: 1, clientId: 'broker-screens', action: 'deposit', tradingLogin: 7, issuedAt: now, expiresAt: now + 900_000 }); }
stores.db.exec('COMMIT');
stores.db.pragma('wal_checkpoint(TRUNCATE)');
await new Promise((r) => setTimeout(r, 500));
const step = async (token: string) => {
  await stores.rateLimits.hit('token-ip:127.0.0.1', 60_000, Date.now());
  const out = await stores.tokens.redeem(hashToken(token), { purposes: ['in-app'], clientId: 'broker-screens', action: 'deposit' }, Date.now());
  if (!out.ok) throw new Error('redeem');
  const user = stores.users.byUserId(1)!;
  const at = Date.now();
  await stores.sessions.create({ hash: hashToken(newToken()), kind: 'browser', userId: 1, origin: hashToken(token), action: 'deposit', tradingLogin: 7, createdAt: at, expiresAt: at + 3600_000 }, () => {
    ensureAccount(stores.db, 1, 7, at);
    stores.audit.append({ at, event: 'token.validate', outcome: 'success', userId: 1, ip: '127.0.0.1', detail: { action: 'deposit', source: 'broker' } });
  });
  profileOf(stores.db, user);
};
// open loop: latency from planned start
const lat: number[] = []; const interval = 1000 / rate; const start = performance.now(); let i = 0;
const cpu = process.cpuUsage();
await new Promise<void>((resolve) => {
  const tick = async () => {
    const t = performance.now();
    while (i < N && start + i * interval <= t) { const planned = start + i * interval; await step(tokens[i]!); lat.push(performance.now() - planned); i++; }
    if (i < N) setTimeout(tick, Math.max(0, start + i * interval - performance.now())); else resolve();
  };
  void tick();
});
const c = process.cpuUsage(cpu);
if (process.env.FRAMES) console.log('frames', stores.db.pragma('wal_checkpoint(PASSIVE)'), 'iterations', N);
lat.sort((a, b) => a - b);
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))]!.toFixed(2);
console.log(`bg=${bg} ckpt=${process.env.BK_CKPT_MS ?? '-'} main=${stores.db.pragma('wal_autocheckpoint', { simple: true })}: p50 ${q(0.5)} p99 ${q(0.99)} p99.9 ${q(0.999)} max ${lat.at(-1)!.toFixed(1)} ms; cpu ${((c.user + c.system) / N).toFixed(0)} us/iter`);
await stores.close();
rmSync(dir, { recursive: true, force: true });
