// Networked store: PostgreSQL through node-postgres. Full-text search is a tsvector per article
// (title weighted above body) with a GIN index, under a text search configuration that folds
// diacritics (unaccent), as SQLite's `remove_diacritics` does. Many processes on many machines can
// write at once: every write is one statement or one transaction, and articles no event has grouped
// yet are kept in their own table rather than behind a sequence number, because sequence numbers of
// concurrent transactions do not commit in order.
import pg from 'pg';
import type { Article } from '../types.js';
import type { DossierEvent } from '../events/types.js';
import { digestEvent, eventNameIds, eventSearchText, participantAppearances } from './event-index.js';
import { sourceFromRow, StoreOpenError, type SourceRow } from './sqlite.js';
import type { ArticleQuery, EventDigest, EventRedirect, ParticipantAppearance, PutResult, SearchHit, Source, SourceInput, SourcePoll, Store } from './store.js';

/** Rows sent in one multi-row statement when storing many events. */
const INSERT_CHUNK = 500;
/** Key of the advisory lock under which migrations run, so that workers starting together migrate once. */
const MIGRATION_LOCK = 7_345_001;

/** Schema migrations, applied in order; `dossier_schema.version` records how many have run. */
const MIGRATIONS: string[] = [
  `CREATE EXTENSION IF NOT EXISTS unaccent;
   -- Words as the simple configuration cuts them, lower-cased and without diacritics.
   CREATE TEXT SEARCH CONFIGURATION dossier (COPY = simple);
   ALTER TEXT SEARCH CONFIGURATION dossier ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
   CREATE TABLE articles (
     seq BIGSERIAL PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     source TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('ok', 'rejected')),
     title TEXT,
     published TEXT,
     ingested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
     data TEXT NOT NULL,
     fts TSVECTOR
   );
   CREATE INDEX articles_status ON articles (status, seq);
   CREATE INDEX articles_fts ON articles USING GIN (fts);
   CREATE TABLE articles_ungrouped (seq BIGINT PRIMARY KEY, id TEXT NOT NULL UNIQUE);
   CREATE TABLE events (id TEXT PRIMARY KEY, date TEXT, data TEXT NOT NULL);
   CREATE INDEX events_order ON events (date DESC NULLS LAST, id COLLATE "C");
   CREATE TABLE event_digests (id TEXT PRIMARY KEY, date TEXT, digest TEXT NOT NULL);
   CREATE INDEX event_digests_order ON event_digests (date DESC NULLS LAST, id COLLATE "C");
   CREATE TABLE event_participants (participant_id TEXT NOT NULL, event_id TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX event_participants_participant ON event_participants (participant_id);
   CREATE INDEX event_participants_event ON event_participants (event_id);
   CREATE TABLE event_search (id TEXT PRIMARY KEY, fts TSVECTOR NOT NULL);
   CREATE INDEX event_search_fts ON event_search USING GIN (fts);
   CREATE TABLE events_meta (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
   INSERT INTO events_meta (id, version) VALUES (1, 0);`,
  // Every name of each event's people and organisations, for the look-up of the events a new article could join.
  `CREATE TABLE event_names (name_id TEXT NOT NULL, event_id TEXT NOT NULL);
   CREATE INDEX event_names_name ON event_names (name_id);
   CREATE INDEX event_names_event ON event_names (event_id);`,
  // Live sources with their polling state, the URLs each fetched article was found under, and which
  // source brought which article (as in the SQLite store).
  `CREATE TABLE sources (
     seq BIGSERIAL PRIMARY KEY,
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
   CREATE INDEX article_urls_article ON article_urls (article_id);
   CREATE TABLE source_articles (source_id TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (source_id, article_id));`,
  // Ids that events had before a regrouping gave their articles to another event, and where they lead now.
  `CREATE TABLE event_redirects (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);`,
];

/** The schema version a database migrated by this code has (`dossier_schema.version`). */
export const PG_SCHEMA_VERSION = MIGRATIONS.length;

const SELECT_SOURCES = 'SELECT s.*, (SELECT count(*)::int FROM source_articles sa WHERE sa.source_id = s.id) AS articles_added FROM sources s';

/** Events in `listEvents` order: newest first, undated last, then id as bytes (SQLite's order). */
const EVENT_ORDER = 'ORDER BY date DESC NULLS LAST, id COLLATE "C"';

/** Free user text as a tsquery string: every word required; with `prefix`, also as a word beginning. */
export function toTsQuery(query: string, options: { prefix?: boolean } = {}): string {
  const terms = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.map((term) => `'${term}'${options.prefix ? ':*' : ''}`).join(' & ');
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** True for a database location that names a PostgreSQL server rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** Shows a connection URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^/]*@/, '$1***@');
}

export class PgStore implements Store {
  private constructor(readonly pool: pg.Pool) {}

  /** Connects, creates or upgrades the schema, and returns the store; a clear error when it cannot. */
  static async connect(url: string, options: { max?: number } = {}): Promise<PgStore> {
    const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4 });
    // An idle client whose server went away (a restart) is dropped from the pool; the next query reconnects.
    pool.on('error', () => {});
    const store = new PgStore(pool);
    try {
      await store.migrate();
    } catch (error) {
      await pool.end().catch(() => {});
      throw new StoreOpenError(`cannot open database ${redactUrl(url)}: ${(error as Error).message}`);
    }
    return store;
  }

  private async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query('CREATE TABLE IF NOT EXISTS dossier_schema (version INTEGER NOT NULL)');
      const row = (await client.query<{ version: number }>('SELECT version FROM dossier_schema')).rows[0];
      if (!row) await client.query('INSERT INTO dossier_schema (version) VALUES (0)');
      for (let version = row?.version ?? 0; version < MIGRATIONS.length; version++) {
        await client.query(MIGRATIONS[version]);
        await client.query('UPDATE dossier_schema SET version = $1', [version + 1]);
      }
    });
  }

  /** Runs `work` in one transaction on one connection: committed when it returns, rolled back when it throws. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /**
   * Runs `work` while holding the session advisory lock `key`: across every process using this
   * database, one at a time (how event grouping stays single-writer with many workers).
   */
  async exclusive<T>(key: number, work: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [key]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
  }

  async putArticle(article: Article): Promise<PutResult> {
    // One statement, so atomic: the article, its search vector and its place among the ungrouped.
    const result = await this.pool.query<{ n: number }>(
      `WITH inserted AS (
         INSERT INTO articles (id, source, status, title, published, data, fts)
         VALUES ($1, $2, $3, $4, $5, $6,
                 CASE WHEN $3 = 'ok' THEN setweight(to_tsvector('dossier', coalesce($4, '')), 'A') || setweight(to_tsvector('dossier', $7), 'B') END)
         ON CONFLICT (id) DO NOTHING
         RETURNING seq, id, status),
       pending AS (INSERT INTO articles_ungrouped (seq, id) SELECT seq, id FROM inserted WHERE status = 'ok')
       SELECT count(*)::int AS n FROM inserted`,
      [article.id, article.source, article.status, article.title, article.published, JSON.stringify(article), article.text],
    );
    return result.rows[0].n > 0 ? 'added' : 'known';
  }

  async getArticle(id: string): Promise<Article | null> {
    const row = (await this.pool.query<{ data: string }>('SELECT data FROM articles WHERE id = $1', [id])).rows[0];
    return row ? (JSON.parse(row.data) as Article) : null;
  }

  async listArticles(query: ArticleQuery = {}): Promise<Article[]> {
    const where = query.status ? 'WHERE status = $3' : '';
    const params: unknown[] = [query.limit ?? null, query.offset ?? 0];
    if (query.status) params.push(query.status);
    const rows = (await this.pool.query<{ data: string }>(`SELECT data FROM articles ${where} ORDER BY seq LIMIT $1 OFFSET $2`, params)).rows;
    return rows.map((row) => JSON.parse(row.data) as Article);
  }

  async countArticles(query: Pick<ArticleQuery, 'status'> = {}): Promise<number> {
    const result = query.status
      ? await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM articles WHERE status = $1', [query.status])
      : await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM articles');
    return result.rows[0].n;
  }

  async search(query: string, limit = 10): Promise<SearchHit[]> {
    const tsquery = toTsQuery(query);
    if (!tsquery) return [];
    // The inner query ranks by the stored vectors alone; headlines (which re-parse the text) are made
    // only for the few hits it keeps.
    const rows = (
      await this.pool.query<SearchHit>(
        `WITH q AS (SELECT to_tsquery('dossier', $1) AS q),
         top AS (
           SELECT a.id, a.source, a.title, a.published, a.data, ts_rank(a.fts, q.q) AS score
           FROM articles a, q WHERE a.fts @@ q.q ORDER BY score DESC, a.seq LIMIT $2)
         SELECT top.id, top.source, top.title, top.published, top.score::float8 AS score,
                ts_headline('dossier', top.data::json->>'text', q.q, 'StartSel=[, StopSel=], MaxWords=16, MinWords=6') AS snippet
         FROM top, q ORDER BY top.score DESC, top.id`,
        [tsquery, limit],
      )
    ).rows;
    return rows.map(({ id, source, title, published, snippet, score }) => ({ id, source, title, published, snippet, score }));
  }

  async replaceEvents(events: DossierEvent[], grouped?: string[], redirects: EventRedirect[] = []): Promise<void> {
    await this.transaction(async (client) => {
      await this.lockEvents(client);
      await client.query('TRUNCATE events, event_digests, event_participants, event_names, event_search');
      await this.insertEvents(client, events, grouped, redirects);
    });
  }

  async updateEvents(removeIds: string[], events: DossierEvent[], grouped?: string[], redirects: EventRedirect[] = []): Promise<void> {
    await this.transaction(async (client) => {
      await this.lockEvents(client);
      for (const table of ['events', 'event_digests', 'event_search']) await client.query(`DELETE FROM ${table} WHERE id = ANY($1)`, [removeIds]);
      await client.query('DELETE FROM event_participants WHERE event_id = ANY($1)', [removeIds]);
      await client.query('DELETE FROM event_names WHERE event_id = ANY($1)', [removeIds]);
      await this.insertEvents(client, events, grouped, redirects);
    });
  }

  /** Serialises writers of events: the first statement of every events transaction locks the version row. */
  private async lockEvents(client: pg.PoolClient): Promise<void> {
    await client.query('SELECT version FROM events_meta WHERE id = 1 FOR UPDATE');
  }

  /** Stores events with their indexes, bumps the version and takes the grouped articles off the ungrouped list. */
  private async insertEvents(client: pg.PoolClient, events: DossierEvent[], grouped: string[] | undefined, redirects: EventRedirect[]): Promise<void> {
    // Earlier redirects to an id that moves now lead where it leads, so a redirect is always one step.
    for (const redirect of redirects) {
      if (redirect.from === redirect.to) continue;
      await client.query('UPDATE event_redirects SET new_id = $1 WHERE new_id = $2', [redirect.to, redirect.from]);
      await client.query('INSERT INTO event_redirects (old_id, new_id) VALUES ($1, $2) ON CONFLICT (old_id) DO UPDATE SET new_id = EXCLUDED.new_id', [redirect.from, redirect.to]);
    }
    // Storing an event under an id ends that id's redirect.
    await client.query('DELETE FROM event_redirects WHERE old_id = ANY($1)', [events.map((e) => e.id)]);
    for (const part of chunks(events, INSERT_CHUNK)) {
      await client.query('INSERT INTO events (id, date, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [
        part.map((e) => e.id),
        part.map((e) => e.date),
        part.map((e) => JSON.stringify(e)),
      ]);
      await client.query('INSERT INTO event_digests (id, date, digest) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [
        part.map((e) => e.id),
        part.map((e) => e.date),
        part.map((e) => JSON.stringify(digestEvent(e))),
      ]);
      await client.query("INSERT INTO event_search (id, fts) SELECT id, to_tsvector('dossier', text) FROM unnest($1::text[], $2::text[]) AS u(id, text)", [
        part.map((e) => e.id),
        part.map(eventSearchText),
      ]);
      const appearances = part.flatMap((e) => participantAppearances(e).map((appearance) => ({ event: e.id, appearance })));
      for (const some of chunks(appearances, INSERT_CHUNK * 4)) {
        await client.query('INSERT INTO event_participants (participant_id, event_id, data) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])', [
          some.map((a) => a.appearance.participant.id),
          some.map((a) => a.event),
          some.map((a) => JSON.stringify(a.appearance)),
        ]);
      }
    }
    const names = events.flatMap((e) => eventNameIds(e).map((name) => ({ name, event: e.id })));
    for (const some of chunks(names, INSERT_CHUNK * 4)) {
      await client.query('INSERT INTO event_names (name_id, event_id) SELECT * FROM unnest($1::text[], $2::text[])', [some.map((n) => n.name), some.map((n) => n.event)]);
    }
    await client.query('UPDATE events_meta SET version = version + 1 WHERE id = 1');
    if (grouped) await client.query('DELETE FROM articles_ungrouped WHERE id = ANY($1)', [grouped]);
    else await client.query('DELETE FROM articles_ungrouped');
  }

  async eventsVersion(): Promise<number> {
    return Number((await this.pool.query<{ version: string }>('SELECT version FROM events_meta WHERE id = 1')).rows[0].version);
  }

  async articlesWithoutEvents(): Promise<string[]> {
    return (await this.pool.query<{ id: string }>('SELECT id FROM articles_ungrouped ORDER BY seq')).rows.map((row) => row.id);
  }

  async listEvents(): Promise<DossierEvent[]> {
    const rows = (await this.pool.query<{ data: string }>(`SELECT data FROM events ${EVENT_ORDER}`)).rows;
    return rows.map((row) => JSON.parse(row.data) as DossierEvent);
  }

  async listEventDigests(): Promise<EventDigest[]> {
    const rows = (await this.pool.query<{ digest: string }>(`SELECT digest FROM event_digests ${EVENT_ORDER}`)).rows;
    return rows.map((row) => JSON.parse(row.digest) as EventDigest);
  }

  async eventRedirect(id: string): Promise<string | null> {
    const row = (await this.pool.query<{ new_id: string }>('SELECT new_id FROM event_redirects WHERE old_id = $1', [id])).rows[0];
    return row?.new_id ?? null;
  }

  async countEvents(): Promise<number> {
    return (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM event_digests')).rows[0].n;
  }

  async eventDigestsFor(nameIds: string[], days: string[], limit?: number): Promise<EventDigest[]> {
    const rows = (
      await this.pool.query<{ digest: string }>(
        `SELECT digest FROM event_digests
          WHERE date = ANY($2)
             OR (id IN (SELECT event_id FROM event_names WHERE name_id = ANY($1)) AND (cardinality($2::text[]) = 0 OR date IS NULL OR date = ANY($2)))
          ${EVENT_ORDER} LIMIT $3`,
        [[...new Set(nameIds)], [...new Set(days)], limit ?? null],
      )
    ).rows;
    return rows.map((row) => JSON.parse(row.digest) as EventDigest);
  }

  async addSource(input: SourceInput, id: string): Promise<{ source: Source; created: boolean }> {
    const inserted = await this.pool.query(
      'INSERT INTO sources (id, url, kind, interval_seconds, added_at, next_fetch_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING',
      [id, input.url, input.kind, input.intervalSeconds, new Date().toISOString(), new Date(0).toISOString()],
    );
    const source = (await this.getSource(id))!;
    return { source, created: (inserted.rowCount ?? 0) > 0 };
  }

  async listSources(): Promise<Source[]> {
    return (await this.pool.query<SourceRow>(`${SELECT_SOURCES} ORDER BY s.seq`)).rows.map(sourceFromRow);
  }

  async getSource(id: string): Promise<Source | null> {
    const row = (await this.pool.query<SourceRow>(`${SELECT_SOURCES} WHERE s.id = $1`, [id])).rows[0];
    return row ? sourceFromRow(row) : null;
  }

  async removeSource(id: string): Promise<boolean> {
    return this.transaction(async (client) => {
      await client.query('DELETE FROM source_articles WHERE source_id = $1', [id]);
      return ((await client.query('DELETE FROM sources WHERE id = $1', [id])).rowCount ?? 0) > 0;
    });
  }

  async recordSourcePoll(id: string, poll: SourcePoll): Promise<void> {
    await this.pool.query(
      `UPDATE sources SET last_fetch_at = $2, last_status = $3, error_count = $4, next_fetch_at = $5,
         last_success_at = CASE WHEN $6 THEN $2 ELSE last_success_at END,
         last_error = CASE WHEN $6 THEN NULL ELSE $7 END,
         etag = CASE WHEN $6 THEN $8 ELSE etag END,
         last_modified = CASE WHEN $6 THEN $9 ELSE last_modified END
       WHERE id = $1`,
      [id, poll.at, poll.status, poll.errorCount, poll.nextFetchAt, poll.ok, poll.error ?? null, poll.etag ?? null, poll.lastModified ?? null],
    );
  }

  async findArticleByUrl(urls: string[]): Promise<string | null> {
    const row = (await this.pool.query<{ article_id: string }>('SELECT article_id FROM article_urls WHERE url = ANY($1) LIMIT 1', [urls])).rows[0];
    return row?.article_id ?? null;
  }

  async putFetchedArticle(article: Article, found: { urls: string[]; sourceId: string | null }): Promise<PutResult> {
    return this.transaction(async (client) => {
      // One fetched page at a time per URL set: two workers storing the same story wait for each other.
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [[...found.urls].sort()[0] ?? article.id]);
      const byId = (await client.query('SELECT 1 FROM articles WHERE id = $1', [article.id])).rowCount! > 0;
      const byUrl = byId ? null : (await client.query<{ article_id: string }>('SELECT article_id FROM article_urls WHERE url = ANY($1) LIMIT 1', [found.urls])).rows[0];
      const target = byId ? article.id : (byUrl?.article_id ?? article.id);
      const known = byId || byUrl !== undefined;
      if (!known) {
        await client.query(
          `WITH inserted AS (
             INSERT INTO articles (id, source, status, title, published, data, fts)
             VALUES ($1, $2, $3, $4, $5, $6,
                     CASE WHEN $3 = 'ok' THEN setweight(to_tsvector('dossier', coalesce($4, '')), 'A') || setweight(to_tsvector('dossier', $7), 'B') END)
             ON CONFLICT (id) DO NOTHING
             RETURNING seq, id, status)
           INSERT INTO articles_ungrouped (seq, id) SELECT seq, id FROM inserted WHERE status = 'ok'`,
          [article.id, article.source, article.status, article.title, article.published, JSON.stringify(article), article.text],
        );
        if (found.sourceId) await client.query('INSERT INTO source_articles (source_id, article_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [found.sourceId, article.id]);
      }
      await client.query('INSERT INTO article_urls (url, article_id) SELECT u, $1 FROM unnest($2::text[]) AS u ON CONFLICT DO NOTHING', [target, found.urls]);
      return known ? 'known' : 'added';
    });
  }

  async getEvent(id: string): Promise<DossierEvent | null> {
    const row = (await this.pool.query<{ data: string }>('SELECT data FROM events WHERE id = $1', [id])).rows[0];
    return row ? (JSON.parse(row.data) as DossierEvent) : null;
  }

  async getEvents(ids: string[]): Promise<DossierEvent[]> {
    if (ids.length === 0) return [];
    const rows = (await this.pool.query<{ id: string; data: string }>('SELECT id, data FROM events WHERE id = ANY($1)', [ids])).rows;
    const byId = new Map(rows.map((row) => [row.id, row.data]));
    return ids.flatMap((id) => {
      const data = byId.get(id);
      return data === undefined ? [] : [JSON.parse(data) as DossierEvent];
    });
  }

  async searchEvents(query: string): Promise<string[]> {
    const tsquery = toTsQuery(query, { prefix: true });
    if (!tsquery) return [];
    const rows = (await this.pool.query<{ id: string }>("SELECT id FROM event_search WHERE fts @@ to_tsquery('dossier', $1)", [tsquery])).rows;
    return rows.map((row) => row.id);
  }

  async participantAppearances(participantId: string): Promise<ParticipantAppearance[]> {
    const rows = (await this.pool.query<{ data: string }>('SELECT data FROM event_participants WHERE participant_id = $1', [participantId])).rows;
    return rows.map((row) => JSON.parse(row.data) as ParticipantAppearance);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
