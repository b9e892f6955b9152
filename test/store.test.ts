import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore, StoreOpenError, toFtsQuery } from '../src/store/sqlite.js';
import { article, storeContract } from './support/store-contract.js';

const tempDb = (): string => join(mkdtempSync(join(tmpdir(), 'dossier-store-')), 'test.db');

storeContract('SQLite', async () => new SqliteStore(tempDb()));

describe('SqliteStore specifics', () => {
  it('uses WAL and records the schema version', async () => {
    const file = tempDb();
    await new SqliteStore(file).close();
    const db = new Database(file);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), 1);
    db.close();
  });

  it('keeps data across reopening and does not re-run migrations', async () => {
    const file = tempDb();
    const first = new SqliteStore(file);
    await first.putArticle(article('k1'));
    await first.close();
    const second = new SqliteStore(file);
    assert.equal(await second.countArticles(), 1);
    assert.equal(await second.putArticle(article('k1')), 'known');
    await second.close();
  });

  it('fails with a clear error for a database it cannot write', () => {
    assert.throws(() => new SqliteStore('/nonexistent-dir/sub/dossier.db'), (error: unknown) => {
      assert.ok(error instanceof StoreOpenError);
      assert.match((error as Error).message, /^cannot open database \/nonexistent-dir\/sub\/dossier\.db: /);
      return true;
    });
  });

  it('turns free text into a safe FTS query', () => {
    assert.equal(toFtsQuery('Wang Yi "AND" (Shoigu)'), '"Wang" "Yi" "AND" "Shoigu"');
    assert.equal(toFtsQuery('?!'), '');
  });
});
