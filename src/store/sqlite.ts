// Embedded store: SQLite through better-sqlite3, WAL journal, FTS5 over title and text.
import Database from 'better-sqlite3';
import type { Article } from '../types.js';
import type { DossierEvent } from '../events/types.js';
import { digestEvent, eventNameIds, eventSearchText, participantAppearances } from './event-index.js';
import type {
  ArticleQuery,
  EventDigest,
  EventRedirect,
  ParticipantAppearance,
  PutResult,
  SearchHit,
  Source,
  SourceInput,
  SourceKind,
  SourcePoll,
  Store,
} from './store.js';

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
    // The name index comes with a later migration, which indexes these events' names itself.
    const index = eventIndexer(db, { names: false });
    for (const row of rows) index(JSON.parse(row.data) as DossierEvent);
  },
  // Which articles the stored events were built from: every article up to `covered_seq`. Articles
  // stored after it (an interrupted ingest, an upload) are still to be grouped. A store that
  // already has events was rebuilt after its last ingest, as all ingests did until now.
  `ALTER TABLE events_meta ADD COLUMN covered_seq INTEGER NOT NULL DEFAULT 0;
   UPDATE events_meta SET covered_seq = CASE WHEN EXISTS (SELECT 1 FROM events) THEN (SELECT coalesce(max(seq), 0) FROM articles) ELSE 0 END;`,
  // Live sources with their polling state, the URLs each fetched article was found under (so a
  // page is not fetched or stored twice), and which source brought which article.
  `CREATE TABLE sources (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     id TEXT NOT NULL UNIQUE,
     url TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('auto', 'feed', 'sitemap', 'page')),
     interval_seconds INTEGER NOT NULL,
     added_at TEXT NOT NULL,
     last_fetch_at TEXT,
     last_success_at TEXT,
     last_status TEXT,
     last_error TEXT,
     etag TEXT,
     last_modified TEXT,
     error_count INTEGER NOT NULL DEFAULT 0,
     next_fetch_at TEXT NOT NULL
   );
   CREATE TABLE article_urls (url TEXT PRIMARY KEY, article_id TEXT NOT NULL);
   CREATE INDEX article_urls_article ON article_urls(article_id);
   CREATE TABLE source_articles (source_id TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (source_id, article_id));`,
  // Every name (canonical or alias) of the people and organisations of each event, so that a new article
  // finds the events it could join through an index, never by reading every event.
  (db) => {
    db.exec(`CREATE TABLE event_names (name_id TEXT NOT NULL, event_id TEXT NOT NULL);
      CREATE INDEX event_names_name ON event_names(name_id);
      CREATE INDEX event_names_event ON event_names(event_id);`);
    const insert = db.prepare('INSERT INTO event_names (name_id, event_id) VALUES (?, ?)');
    for (const row of db.prepare('SELECT data FROM events').all() as { data: string }[]) {
      const event = JSON.parse(row.data) as DossierEvent;
      for (const id of eventNameIds(event)) insert.run(id, event.id);
    }
  },
  // Ids that events had before a regrouping gave their articles to another event, and where they lead now.
  `CREATE TABLE event_redirects (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);`,
];

/** The schema version a store opened by this code has (`PRAGMA user_version`). */
export const SCHEMA_VERSION = MIGRATIONS.length;


export interface SourceRow {
  id: string;
  url: string;
  kind: SourceKind;
  interval_seconds: number;
  added_at: string;
  last_fetch_at: string | null;
  last_success_at: string | null;
  last_status: string | null;
  last_error: string | null;
  etag: string | null;
  last_modified: string | null;
  error_count: number;
  next_fetch_at: string;
  articles_added: number;
}

const SELECT_SOURCES = `SELECT s.*, (SELECT count(*) FROM source_articles sa WHERE sa.source_id = s.id) AS articles_added FROM sources s`;

export function sourceFromRow(row: SourceRow): Source {
  return {
    id: row.id,
    url: row.url,
    kind: row.kind,
    intervalSeconds: row.interval_seconds,
    addedAt: row.added_at,
    lastFetchAt: row.last_fetch_at,
    lastSuccessAt: row.last_success_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    etag: row.etag,
    lastModified: row.last_modified,
    errorCount: row.error_count,
    nextFetchAt: row.next_fetch_at,
    articlesAdded: row.articles_added,
  };
}

/** Bumps the events version and records that the events now cover every stored article. */
const EVENTS_CHANGED = 'UPDATE events_meta SET version = version + 1, covered_seq = (SELECT coalesce(max(seq), 0) FROM articles)';
/** Bumps the events version and records that the events cover the articles up to the last of the grouped ones:
 *  SQLite has one writer at a time, so sequence numbers are in commit order and every earlier one was grouped. */
const EVENTS_CHANGED_UP_TO = `UPDATE events_meta SET version = version + 1,
  covered_seq = max(covered_seq, (SELECT coalesce(max(seq), 0) FROM articles WHERE id IN (SELECT value FROM json_each(?))))`;

/** Writes one event's indexes: digest, participants, search text. */
function eventIndexer(db: Database.Database, { names = true } = {}): (event: DossierEvent) => void {
  const insertDigest = db.prepare('INSERT INTO event_digests (id, date, digest) VALUES (?, ?, ?)');
  const insertParticipant = db.prepare('INSERT INTO event_participants (participant_id, event_id, data) VALUES (?, ?, ?)');
  const insertText = db.prepare('INSERT INTO events_fts (id, text) VALUES (?, ?)');
  const insertName = names ? db.prepare('INSERT INTO event_names (name_id, event_id) VALUES (?, ?)') : null;
  return (event) => {
    if (insertName) for (const id of eventNameIds(event)) insertName.run(id, event.id);
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
      this.insertArticle(a);
      return 'added';
    });
    // IMMEDIATE takes the write lock before the read: a deferred transaction that reads and then writes cannot
    // wait for another writer (SQLite answers SQLITE_BUSY at once rather than risk a deadlock).
    return insert.immediate(article);
  }

  /** Writes a new article and its search text. Call inside a transaction. */
  private insertArticle(a: Article): void {
    this.db
      .prepare('INSERT INTO articles (id, source, status, title, published, ingested_at, data) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(a.id, a.source, a.status, a.title, a.published, new Date().toISOString(), JSON.stringify(a));
    if (a.status === 'ok') {
      this.db.prepare('INSERT INTO articles_fts (id, title, text) VALUES (?, ?, ?)').run(a.id, a.title ?? '', a.text);
    }
  }

  // ---- Live sources ----

  async addSource(input: SourceInput, id: string): Promise<{ source: Source; created: boolean }> {
    return this.db.transaction(() => {
      const inserted = this.db
        .prepare(
          `INSERT OR IGNORE INTO sources (id, url, kind, interval_seconds, added_at, next_fetch_at) VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.url, input.kind, input.intervalSeconds, new Date().toISOString(), new Date(0).toISOString());
      const row = this.db.prepare(`${SELECT_SOURCES} WHERE s.id = ?`).get(id) as SourceRow;
      return { source: sourceFromRow(row), created: inserted.changes > 0 };
    })();
  }

  async listSources(): Promise<Source[]> {
    return (this.db.prepare(`${SELECT_SOURCES} ORDER BY s.seq`).all() as SourceRow[]).map(sourceFromRow);
  }

  async getSource(id: string): Promise<Source | null> {
    const row = this.db.prepare(`${SELECT_SOURCES} WHERE s.id = ?`).get(id) as SourceRow | undefined;
    return row ? sourceFromRow(row) : null;
  }

  async removeSource(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM source_articles WHERE source_id = ?').run(id);
      return this.db.prepare('DELETE FROM sources WHERE id = ?').run(id).changes > 0;
    })();
  }

  async recordSourcePoll(id: string, poll: SourcePoll): Promise<void> {
    this.db
      .prepare(
        `UPDATE sources SET last_fetch_at = @at, last_status = @status, error_count = @errorCount, next_fetch_at = @nextFetchAt,
           last_success_at = CASE WHEN @ok THEN @at ELSE last_success_at END,
           last_error = CASE WHEN @ok THEN NULL ELSE @error END,
           etag = CASE WHEN @ok THEN @etag ELSE etag END,
           last_modified = CASE WHEN @ok THEN @lastModified ELSE last_modified END
         WHERE id = @id`,
      )
      .run({ ...poll, ok: poll.ok ? 1 : 0, id });
  }

  async findArticleByUrl(urls: string[]): Promise<string | null> {
    const row = this.db
      .prepare('SELECT article_id FROM article_urls WHERE url IN (SELECT value FROM json_each(?)) LIMIT 1')
      .get(JSON.stringify(urls)) as { article_id: string } | undefined;
    return row?.article_id ?? null;
  }

  async putFetchedArticle(article: Article, found: { urls: string[]; sourceId: string | null }): Promise<PutResult> {
    return this.db.transaction((): PutResult => {
      const urls = JSON.stringify(found.urls);
      const byId = this.db.prepare('SELECT 1 FROM articles WHERE id = ?').get(article.id) !== undefined;
      const byUrl = byId
        ? null
        : (this.db.prepare('SELECT article_id FROM article_urls WHERE url IN (SELECT value FROM json_each(?)) LIMIT 1').get(urls) as
            | { article_id: string }
            | undefined);
      const target = byId ? article.id : (byUrl?.article_id ?? article.id);
      const known = byId || byUrl !== undefined;
      if (!known) {
        this.insertArticle(article);
        if (found.sourceId) this.db.prepare('INSERT OR IGNORE INTO source_articles (source_id, article_id) VALUES (?, ?)').run(found.sourceId, article.id);
      }
      this.db.prepare('INSERT OR IGNORE INTO article_urls (url, article_id) SELECT value, ? FROM json_each(?)').run(target, urls);
      return known ? 'known' : 'added';
    })();
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

  async replaceEvents(events: DossierEvent[], grouped?: string[], redirects: EventRedirect[] = []): Promise<void> {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM events; DELETE FROM event_digests; DELETE FROM event_participants; DELETE FROM event_names; DELETE FROM events_fts;');
      this.insertEvents(events, grouped, redirects);
    }).immediate();
  }

  async updateEvents(removeIds: string[], events: DossierEvent[], grouped?: string[], redirects: EventRedirect[] = []): Promise<void> {
    this.db.transaction(() => {
      // One statement per table, each a single pass: events_fts and event_participants have no index on the event id.
      const removed = JSON.stringify(removeIds);
      for (const table of ['events', 'event_digests', 'events_fts']) {
        this.db.prepare(`DELETE FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).run(removed);
      }
      this.db.prepare('DELETE FROM event_participants WHERE event_id IN (SELECT value FROM json_each(?))').run(removed);
      this.db.prepare('DELETE FROM event_names WHERE event_id IN (SELECT value FROM json_each(?))').run(removed);
      this.insertEvents(events, grouped, redirects);
    }).immediate();
  }

  async articlesWithoutEvents(): Promise<string[]> {
    const rows = this.db
      .prepare("SELECT id FROM articles WHERE status = 'ok' AND seq > (SELECT covered_seq FROM events_meta) ORDER BY seq")
      .all() as { id: string }[];
    return rows.map((row) => row.id);
  }

  /** Stores events with their digests, participants and search text, records the redirects and the change. Call inside a transaction. */
  private insertEvents(events: DossierEvent[], grouped: string[] | undefined, redirects: EventRedirect[]): void {
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
    if (grouped) this.db.prepare(EVENTS_CHANGED_UP_TO).run(JSON.stringify(grouped));
    else this.db.prepare(EVENTS_CHANGED).run();
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

  async countEvents(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM event_digests').get() as { n: number }).n;
  }

  async eventDigestsFor(nameIds: string[], days: string[], limit = -1): Promise<EventDigest[]> {
    const rows = this.db
      .prepare(
        `SELECT digest FROM event_digests
          WHERE date IN (SELECT value FROM json_each(@days))
             OR (id IN (SELECT event_id FROM event_names WHERE name_id IN (SELECT value FROM json_each(@names)))
                 AND (@anyDate OR date IS NULL OR date IN (SELECT value FROM json_each(@days))))
          ORDER BY date DESC, id LIMIT @limit`,
      )
      .all({ names: JSON.stringify([...new Set(nameIds)]), days: JSON.stringify([...new Set(days)]), anyDate: days.length === 0 ? 1 : 0, limit }) as { digest: string }[];
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
