// Embedded store: SQLite through better-sqlite3, WAL journal, FTS5 over title and text.
import Database from 'better-sqlite3';
import type { Article } from '../types.js';
import type { DossierEvent } from '../events/types.js';
import { digestEvent, eventSearchText, participantAppearances } from './event-index.js';
import type { ArticleQuery, EventDigest, EventRedirect, ParticipantAppearance, PutResult, SearchHit, Store } from './store.js';

/** A schema change: SQL, or a function for changes that must also rewrite stored rows. */
type Migration = string | ((db: Database.Database) => void);

/** Schema migrations, applied in order; `PRAGMA user_version` records how many have run. */
const MIGRATIONS: Migration[] = [
  `CREATE TABLE articles (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     source TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('ok', 'rejected')),
     title TEXT,
     published TEXT,
     ingested_at TEXT NOT NULL,
     data TEXT NOT NULL
   );
   CREATE INDEX articles_status ON articles(status);
   CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2');
   CREATE TABLE events (
     id TEXT PRIMARY KEY,
     date TEXT,
     data TEXT NOT NULL
   );`,
  // Event indexes, so that pages spanning many events never parse whole events, and a version
  // number that servers poll to notice events rebuilt by another process. Events stored before
  // this migration are indexed here.
  (db) => {
    db.exec(`
      CREATE TABLE events_meta (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
      INSERT INTO events_meta (id, version) VALUES (1, 0);
      CREATE INDEX events_order ON events(date DESC, id);
      -- Digests live apart from the large event rows so that reading all of them stays cheap.
      CREATE TABLE event_digests (id TEXT PRIMARY KEY, date TEXT, digest TEXT NOT NULL);
      CREATE INDEX event_digests_order ON event_digests(date DESC, id);
      CREATE TABLE event_participants (
        participant_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX event_participants_participant ON event_participants(participant_id);
      CREATE VIRTUAL TABLE events_fts USING fts5(id UNINDEXED, text, tokenize = 'unicode61 remove_diacritics 2');`);
    const rows = db.prepare('SELECT data FROM events').all() as { data: string }[];
    const index = eventIndexer(db);
    for (const row of rows) index(JSON.parse(row.data) as DossierEvent);
  },
  // Which articles the stored events were built from: every article up to `covered_seq`. Articles
  // stored after it (an interrupted ingest, an upload) are still to be grouped. A store that
  // already has events was rebuilt after its last ingest, as all ingests did until now.
  `ALTER TABLE events_meta ADD COLUMN covered_seq INTEGER NOT NULL DEFAULT 0;
   UPDATE events_meta SET covered_seq = CASE WHEN EXISTS (SELECT 1 FROM events) THEN (SELECT coalesce(max(seq), 0) FROM articles) ELSE 0 END;`,
  // Ids that events had before a regrouping gave their articles to another event, and where they lead now.
  `CREATE TABLE event_redirects (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);`,
];

/** Bumps the events version and records that the events now cover every stored article. */
const EVENTS_CHANGED = 'UPDATE events_meta SET version = version + 1, covered_seq = (SELECT coalesce(max(seq), 0) FROM articles)';

/** Writes one event's indexes: digest, participants, search text. */
function eventIndexer(db: Database.Database): (event: DossierEvent) => void {
  const insertDigest = db.prepare('INSERT INTO event_digests (id, date, digest) VALUES (?, ?, ?)');
  const insertParticipant = db.prepare('INSERT INTO event_participants (participant_id, event_id, data) VALUES (?, ?, ?)');
  const insertText = db.prepare('INSERT INTO events_fts (id, text) VALUES (?, ?)');
  return (event) => {
    insertDigest.run(event.id, event.date, JSON.stringify(digestEvent(event)));
    for (const appearance of participantAppearances(event)) {
      insertParticipant.run(appearance.participant.id, event.id, JSON.stringify(appearance));
    }
    insertText.run(event.id, eventSearchText(event));
  };
}

export class StoreOpenError extends Error {}

/** How long a writer waits for another process's write to finish (an event rebuild of a large store takes seconds). */
const BUSY_TIMEOUT_MS = 30_000;

export class SqliteStore implements Store {
  private readonly db: Database.Database;

  constructor(file: string) {
    try {
      this.db = new Database(file);
      // First, so that switching a new file to WAL and migrating wait for another process instead of failing.
      this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.migrate();
    } catch (error) {
      throw new StoreOpenError(`cannot open database ${file}: ${(error as Error).message}`);
    }
  }

  private migrate(): void {
    const version = () => this.db.pragma('user_version', { simple: true }) as number;
    while (version() < MIGRATIONS.length) {
      // The version is read again under the write lock: two processes opening a new file migrate it once.
      this.db.transaction(() => {
        const current = version();
        if (current >= MIGRATIONS.length) return;
        const migration = MIGRATIONS[current];
        if (typeof migration === 'string') this.db.exec(migration);
        else migration(this.db);
        this.db.pragma(`user_version = ${current + 1}`);
      }).immediate();
    }
  }

  async putArticle(article: Article): Promise<PutResult> {
    const insert = this.db.transaction((a: Article): PutResult => {
      const existing = this.db.prepare('SELECT 1 FROM articles WHERE id = ?').get(a.id);
      if (existing) return 'known';
      this.db
        .prepare(
          'INSERT INTO articles (id, source, status, title, published, ingested_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(a.id, a.source, a.status, a.title, a.published, new Date().toISOString(), JSON.stringify(a));
      if (a.status === 'ok') {
        this.db.prepare('INSERT INTO articles_fts (id, title, text) VALUES (?, ?, ?)').run(a.id, a.title ?? '', a.text);
      }
      return 'added';
    });
    // IMMEDIATE takes the write lock before the read: a deferred transaction that reads and then writes cannot
    // wait for another writer (SQLite answers SQLITE_BUSY at once rather than risk a deadlock).
    return insert.immediate(article);
  }

  async getArticle(id: string): Promise<Article | null> {
    const row = this.db.prepare('SELECT data FROM articles WHERE id = ?').get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as Article) : null;
  }

  async listArticles(query: ArticleQuery = {}): Promise<Article[]> {
    const where = query.status ? 'WHERE status = @status' : '';
    const rows = this.db
      .prepare(`SELECT data FROM articles ${where} ORDER BY seq LIMIT @limit OFFSET @offset`)
      .all({ status: query.status, limit: query.limit ?? -1, offset: query.offset ?? 0 }) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as Article);
  }

  async countArticles(query: Pick<ArticleQuery, 'status'> = {}): Promise<number> {
    const row = query.status
      ? this.db.prepare('SELECT count(*) AS n FROM articles WHERE status = ?').get(query.status)
      : this.db.prepare('SELECT count(*) AS n FROM articles').get();
    return (row as { n: number }).n;
  }

  async search(query: string, limit = 10): Promise<SearchHit[]> {
    const match = toFtsQuery(query);
    if (!match) return [];
    // bm25 weights: the title counts three times as much as the body. The inner query ranks the
    // matches by rowid alone; snippets and the join are made for the few it keeps (a word found
    // in all of 100,000 articles: ~0.15 s this way, ~0.9 s making a snippet for every match).
    const rank = 'bm25(articles_fts, 0, 3.0, 1.0)';
    const rows = this.db
      .prepare(
        `SELECT f.id AS id, a.source AS source, a.title AS title, a.published AS published,
                snippet(articles_fts, 2, '[', ']', '…', 16) AS snippet,
                -${rank} AS score
         FROM articles_fts f JOIN articles a ON a.id = f.id
         WHERE articles_fts MATCH @match
           AND f.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match ORDER BY ${rank} LIMIT @limit)
         ORDER BY ${rank}`,
      )
      .all({ match, limit }) as SearchHit[];
    return rows;
  }

  async replaceEvents(events: DossierEvent[], redirects: EventRedirect[] = []): Promise<void> {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM events; DELETE FROM event_digests; DELETE FROM event_participants; DELETE FROM events_fts;');
      this.insertEvents(events, redirects);
    }).immediate();
  }

  async updateEvents(removeIds: string[], events: DossierEvent[], redirects: EventRedirect[] = []): Promise<void> {
    this.db.transaction(() => {
      // One statement per table, each a single pass: events_fts and event_participants have no index on the event id.
      const removed = JSON.stringify(removeIds);
      for (const table of ['events', 'event_digests', 'events_fts']) {
        this.db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).run(removed);
      }
      this.db.prepare('DELETE FROM event_participants WHERE event_id IN (SELECT value FROM json_each(?))').run(removed);
      this.insertEvents(events, redirects);
    }).immediate();
  }

  async articlesWithoutEvents(): Promise<string[]> {
    const rows = this.db
      .prepare("SELECT id FROM articles WHERE status = 'ok' AND seq > (SELECT covered_seq FROM events_meta) ORDER BY seq")
      .all() as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Stores events with their digests, participants and search text, records the redirects and the change. Call inside a transaction. */
  private insertEvents(events: DossierEvent[], redirects: EventRedirect[]): void {
    const insert = this.db.prepare('INSERT INTO events (id, date, data) VALUES (?, ?, ?)');
    const index = eventIndexer(this.db);
    // Earlier redirects to an id that moves now lead where it leads, so a redirect is always one step.
    const forward = this.db.prepare('UPDATE event_redirects SET new_id = ? WHERE new_id = ?');
    const record = this.db.prepare('INSERT OR REPLACE INTO event_redirects (old_id, new_id) VALUES (?, ?)');
    for (const redirect of redirects) {
      if (redirect.from === redirect.to) continue;
      forward.run(redirect.to, redirect.from);
      record.run(redirect.from, redirect.to);
    }
    const live = this.db.prepare('DELETE FROM event_redirects WHERE old_id = ?');
    for (const event of events) {
      insert.run(event.id, event.date, JSON.stringify(event));
      index(event);
      live.run(event.id);
    }
    this.db.prepare(EVENTS_CHANGED).run();
  }

  async eventRedirect(id: string): Promise<string | null> {
    const row = this.db.prepare('SELECT new_id FROM event_redirects WHERE old_id = ?').get(id) as { new_id: string } | undefined;
    return row?.new_id ?? null;
  }

  async eventsVersion(): Promise<number> {
    return (this.db.prepare('SELECT version FROM events_meta').get() as { version: number }).version;
  }

  async listEvents(): Promise<DossierEvent[]> {
    const rows = this.db.prepare('SELECT data FROM events ORDER BY date DESC, id').all() as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as DossierEvent);
  }

  async listEventDigests(): Promise<EventDigest[]> {
    const rows = this.db.prepare('SELECT digest FROM event_digests ORDER BY date DESC, id').all() as { digest: string }[];
    return rows.map((row) => JSON.parse(row.digest) as EventDigest);
  }

  async getEvents(ids: string[]): Promise<DossierEvent[]> {
    const select = this.db.prepare('SELECT data FROM events WHERE id = ?');
    return ids.flatMap((id) => {
      const row = select.get(id) as { data: string } | undefined;
      return row ? [JSON.parse(row.data) as DossierEvent] : [];
    });
  }

  async searchEvents(query: string): Promise<string[]> {
    const match = toFtsQuery(query, { prefix: true });
    if (!match) return [];
    const rows = this.db.prepare('SELECT id FROM events_fts WHERE events_fts MATCH ?').all(match) as { id: string }[];
    return rows.map((row) => row.id);
  }

  async participantAppearances(participantId: string): Promise<ParticipantAppearance[]> {
    const rows = this.db
      .prepare('SELECT data FROM event_participants WHERE participant_id = ?')
      .all(participantId) as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as ParticipantAppearance);
  }

  async getEvent(id: string): Promise<DossierEvent | null> {
    const row = this.db.prepare('SELECT data FROM events WHERE id = ?').get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as DossierEvent) : null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * Turns free user text into a safe FTS5 query: every word becomes a quoted term, all required;
 * with `prefix`, each term also matches words that begin with it.
 */
export function toFtsQuery(query: string, options: { prefix?: boolean } = {}): string {
  const terms = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.map((term) => `"${term}"${options.prefix ? '*' : ''}`).join(' ');
}
