// One storage interface for every backend. It is asynchronous so that a networked
// backend (PostgreSQL) can implement it as well as the embedded SQLite one.
import type { Article } from '../types.js';
import type { DossierEvent } from '../events/types.js';

export type PutResult = 'added' | 'known';

export interface SearchHit {
  id: string;
  source: string;
  title: string | null;
  published: string | null;
  /** Excerpt with the matched terms wrapped in `[` and `]`. */
  snippet: string;
  /** Higher is better. */
  score: number;
}

export interface ArticleQuery {
  status?: 'ok' | 'rejected';
  limit?: number;
  offset?: number;
}

export interface Store {
  /**
   * Stores an article unless one with the same id (content hash) or the same source
   * and content is already there. Atomic: either the whole article is stored or nothing.
   */
  putArticle(article: Article): Promise<PutResult>;
  getArticle(id: string): Promise<Article | null>;
  /** Articles in ingestion order. */
  listArticles(query?: ArticleQuery): Promise<Article[]>;
  countArticles(query?: Pick<ArticleQuery, 'status'>): Promise<number>;
  /** Full-text search over title and text of ok articles, best first. */
  search(query: string, limit?: number): Promise<SearchHit[]>;
  /** Replaces the stored events with this set (events are recomputed from all articles). */
  replaceEvents(events: DossierEvent[]): Promise<void>;
  listEvents(): Promise<DossierEvent[]>;
  getEvent(id: string): Promise<DossierEvent | null>;
  close(): Promise<void>;
}
