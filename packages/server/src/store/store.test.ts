// The SQLite store on its own: migrations run once, expired rows are purged, a session commits with its audit
// entry, durable settings hold.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openStores } from './index.ts';
import { safetyNetPages } from './checkpoint.ts';

const dir = mkdtempSync(join(tmpdir(), 'bk-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store', () => {
  it('creates its folder, migrates once, and reopens without migrating again', async () => {
    const path = join(dir, 'a', 'b', 'store.sqlite');
    const first = await openStores({ sqlitePath: path });
    const applied = first.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as {
      version: number;
    }[];
    await first.close();
    // Numbered from 1 without gaps, the newest included (the KYC drafts table).
    expect(applied.map((row) => row.version)).toEqual(applied.map((_, index) => index + 1));
    const second = await openStores({ sqlitePath: path });
    expect(second.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(applied);
    expect(second.db.prepare("SELECT name FROM sqlite_master WHERE name = 'kyc_drafts'").all()).toHaveLength(1);
    await second.close();
  });

  it('purges tokens and sessions that expired before the cut-off, and keeps the rest', async () => {
    const stores = await openStores({ sqlitePath: join(dir, 'purge.sqlite') });
    const now = Date.now();
    for (const [hash, expiresAt] of [
      ['old', now - 1000],
      ['live', now + 60_000],
    ] as const) {
      await stores.tokens.issue({ hash, purpose: 'in-app', userId: 1, clientId: 'c', issuedAt: now - 2000, expiresAt });
      await stores.sessions.create({ hash, kind: 'browser', userId: 1, createdAt: now - 2000, expiresAt });
    }
    stores.purge(now);
    expect(stores.db.prepare('SELECT hash FROM tokens').all()).toEqual([{ hash: 'live' }]);
    expect(stores.db.prepare('SELECT hash FROM sessions').all()).toEqual([{ hash: 'live' }]);
    await stores.close();
  });

  it('commits a session and the work alongside it in one transaction: both or neither', async () => {
    const stores = await openStores({ sqlitePath: join(dir, 'alongside.sqlite') });
    const now = Date.now();
    const session = { kind: 'browser', userId: 1, createdAt: now, expiresAt: now + 60_000 } as const;
    const auditEntry = { at: now, event: 'token.validate', outcome: 'success' } as const;
    await stores.sessions.create({ ...session, hash: 'kept' }, () => stores.audit.append(auditEntry));
    await expect(
      stores.sessions.create({ ...session, hash: 'undone' }, () => {
        throw new Error('the work alongside failed');
      }),
    ).rejects.toThrow('the work alongside failed');
    expect(stores.db.prepare('SELECT hash FROM sessions').all()).toEqual([{ hash: 'kept' }]);
    expect(stores.audit.list({}).map((entry) => entry.event)).toEqual(['token.validate']);
    await stores.close();
  });

  it('runs in WAL mode with synchronous = NORMAL (commits survive a process crash without an fsync each)', async () => {
    const stores = await openStores({ sqlitePath: join(dir, 'pragmas.sqlite') });
    expect(stores.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(stores.db.pragma('synchronous', { simple: true })).toBe(1);
    await stores.close();
  });

  it('checkpoints in a worker thread, so no request commits into a checkpoint and its fsync', async () => {
    const path = join(dir, 'checkpoint.sqlite');
    const stores = await openStores({ sqlitePath: path, backgroundCheckpoints: true });
    // The server's own connection checkpoints only past the safety net, far beyond what this test writes.
    expect(stores.db.pragma('wal_autocheckpoint', { simple: true })).toBe(safetyNetPages);
    const before = statSync(path).size;
    stores.db.exec('CREATE TABLE filler (data BLOB)');
    stores.db.transaction(() => {
      const insert = stores.db.prepare('INSERT INTO filler VALUES (randomblob(1000))');
      for (let i = 0; i < 500; i += 1) insert.run();
    })();
    // The commit went to the log; the database file only grows when someone copies the log into it.
    expect(statSync(path).size).toBe(before);
    await vi.waitFor(() => expect(statSync(path).size).toBeGreaterThan(before + 400_000), { timeout: 30_000 });
    await stores.close();
  });
});
