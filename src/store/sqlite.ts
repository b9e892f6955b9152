// Embedded store: SQLite through better-sqlite3, WAL journal, FTS5 over title and text.
import Database from 'better-sqlite3';
import type { Article } from '../types.js';
import type { DossierEvent } from '../events/types.js';
import type { ArticleQuery, PutResult, SearchHit, Store } from './store.js';

/** Schema migrations, applied in order; `PRAGMA user_version` records how many have run. */
const MIGRATIONS: string[] = [
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
];

export class StoreOpenError extends Error {}

export class SqliteStore implements Store {
  private readonly db: Database.Database;

  constructor(file: string) {
    try {
      this.db = new Database(file);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.migrate();
    } catch (error) {
      throw new StoreOpenError(`cannot open database ${file}: ${(error as Error).message}`);
    }
  }

  private migrate(): void {
    const current = this.db.pragma('user_version', { simple: true }) as number;
    for (let version = current; version < MIGRATIONS.length; version++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[version]);
        this.db.pragma(`user_version = ${version + 1}`);
      })();
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
    return insert(article);
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
    // bm25 weights: the title counts three times as much as the body.
    const rows = this.db
      .prepare(
        `SELECT f.id AS id, a.source AS source, a.title AS title, a.published AS published,
                snippet(articles_fts, 2, '[', ']', '…', 16) AS snippet,
                -bm25(articles_fts, 0, 3.0, 1.0) AS score
         FROM articles_fts f JOIN articles a ON a.id = f.id
         WHERE articles_fts MATCH ?
         ORDER BY bm25(articles_fts, 0, 3.0, 1.0) LIMIT ?`,
      )
      .all(match, limit) as SearchHit[];
    return rows;
  }

  async replaceEvents(events: DossierEvent[]): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM events').run();
      const insert = this.db.prepare('INSERT INTO events (id, date, data) VALUES (?, ?, ?)');
      for (const event of events) insert.run(event.id, event.date, JSON.stringify(event));
    })();
  }

  async listEvents(): Promise<DossierEvent[]> {
    const rows = this.db.prepare('SELECT data FROM events ORDER BY date DESC, id').all() as { data: string }[];
    return rows.map((row) => JSON.parse(row.data) as DossierEvent);
  }

  async getEvent(id: string): Promise<DossierEvent | null> {
    const row = this.db.prepare('SELECT data FROM events WHERE id = ?').get(id) as { data: string } | undefined;
    return row ? (JSON.parse(row.data) as DossierEvent) : null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/** Turns free user text into a safe FTS5 query: every word becomes a quoted term, all required. */
export function toFtsQuery(query: string): string {
  const terms = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  return terms.map((term) => `"${term}"`).join(' ');
}
