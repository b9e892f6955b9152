import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SqliteStore, StoreOpenError, toFtsQuery } from '../src/store/sqlite.js';
import { article, event, storeContract } from './support/store-contract.js';

const tempDb = (): string => join(mkdtempSync(join(tmpdir(), 'dossier-store-')), 'test.db');

storeContract('SQLite', async () => new SqliteStore(tempDb()));

describe('SqliteStore specifics', () => {
  it('uses WAL and records the schema version', async () => {
    const file = tempDb();
    await new SqliteStore(file).close();
    const db = new Database(file);
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(db.pragma('user_version', { simple: true }), 4);
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

  it('indexes events stored before the event indexes existed', async () => {
    const file = tempDb();
    // A database as the first schema version left it: one event, no indexes, no version.
    const old = new Database(file);
    old.exec(`CREATE TABLE articles (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL,
        status TEXT NOT NULL, title TEXT, published TEXT, ingested_at TEXT NOT NULL, data TEXT NOT NULL);
      CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
      CREATE TABLE events (id TEXT PRIMARY KEY, date TEXT, data TEXT NOT NULL);`);
    const stored = event('old1', '2024-05-05', {
      title: 'Flood barrier opens',
      participants: [{ id: 'org-river-authority', name: 'River Authority', type: 'organization', aliases: [], roles: [], articles: [] }],
    });
    old.prepare('INSERT INTO events (id, date, data) VALUES (?, ?, ?)').run(stored.id, stored.date, JSON.stringify(stored));
    old.pragma('user_version = 1');
    old.close();
    const store = new SqliteStore(file);
    assert.equal(await store.eventsVersion(), 0);
    assert.deepEqual((await store.listEventDigests()).map((d) => d.title), ['Flood barrier opens']);
    assert.deepEqual(await store.searchEvents('barrier'), ['old1']);
    assert.deepEqual((await store.participantAppearances('org-river-authority')).map((a) => a.event.id), ['old1']);
    await store.close();
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
    assert.equal(toFtsQuery('port Arlen', { prefix: true }), '"port"* "Arlen"*');
  });
});
