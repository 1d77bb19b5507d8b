// The SQLite store on its own: migrations run once, expired rows are purged, the audit trail only grows.
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
});
