// The SQLite store on its own: migrations run once, expired rows are purged, a session commits with its audit
// entry, durable settings hold.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStores } from './index.ts';

const dir = mkdtempSync(join(tmpdir(), 'bk-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store', () => {
  it('creates its folder, migrates once, and reopens without migrating again', async () => {
    const path = join(dir, 'a', 'b', 'store.sqlite');
    const first = await openStores({ sqlitePath: path });
    await first.close();
    const second = await openStores({ sqlitePath: path });
    expect(second.db.prepare('SELECT version FROM schema_migrations').all()).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
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
});
