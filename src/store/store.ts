// One storage interface for every backend. It is asynchronous so that a networked
// backend (PostgreSQL) can implement it as well as the embedded SQLite one.
import type { Article } from '../types.js';
import type { AlignedQuote, DossierEvent, EventArticle, Participant } from '../events/types.js';
import type { EventRedirect } from '../ingest/event-ids.js';

export type { EventRedirect } from '../ingest/event-ids.js';

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

/** The fields of an event that lists, filters and lookups need: a small part of the whole event. */
export interface EventDigest {
  id: string;
  title: string;
  date: string | null;
  location: string | null;
  lastUpdated: string;
  articles: Pick<EventArticle, 'id' | 'publisher' | 'independent'>[];
  participants: Pick<Participant, 'id' | 'name' | 'type' | 'aliases'>[];
}

/** One participant as one event has it, with the quotes it speaks there (the speaker is one of its names). */
export interface ParticipantAppearance {
  event: { id: string; title: string; date: string | null; location: string | null };
  participant: Participant;
  quotes: AlignedQuote[];
}

// ---- Live sources: feeds, sitemaps and pages that `dossier watch` polls, and the URLs of fetched articles ----

/** How a source is read: a feed or a sitemap lists pages, a page is one article, `auto` tells by the response. */
export type SourceKind = 'auto' | 'feed' | 'sitemap' | 'page';

export interface SourceInput {
  url: string;
  kind: SourceKind;
  /** Seconds between two polls when all is well. */
  intervalSeconds: number;
}

export interface Source extends SourceInput {
  /** Derived from the URL (stable: adding the same URL again finds this source). */
  id: string;
  addedAt: string;
  /** ISO 8601 times; null before the first poll. */
  lastFetchAt: string | null;
  lastSuccessAt: string | null;
  /** What the last poll came to: "ok", "not modified", "HTTP 503", "refused: ...". */
  lastStatus: string | null;
  /** The last failure's reason, kept until a poll succeeds. */
  lastError: string | null;
  /** Validators of the last successful response, sent back for a conditional GET. */
  etag: string | null;
  lastModified: string | null;
  /** Failed polls in a row (0 after a success); the back-off grows with it. */
  errorCount: number;
  /** When the source is due next. */
  nextFetchAt: string;
  /** Articles this source brought that were not stored before. */
  articlesAdded: number;
}

/** The outcome of one poll, as `recordSourcePoll` stores it. */
export interface SourcePoll {
  at: string;
  ok: boolean;
  status: string;
  error: string | null;
  etag: string | null;
  lastModified: string | null;
  errorCount: number;
  nextFetchAt: string;
}

export interface SourceStore {
  /** Adds a source, or returns the one already stored under the same id (`created` false). */
  addSource(input: SourceInput, id: string): Promise<{ source: Source; created: boolean }>;
  /** In the order they were added. */
  listSources(): Promise<Source[]>;
  getSource(id: string): Promise<Source | null>;
  /** Removes the source and its state; its articles stay. False when there was no such source. */
  removeSource(id: string): Promise<boolean>;
  /** Stores the outcome of a poll. On success the validators are replaced; on failure the old ones are kept. */
  recordSourcePoll(id: string, poll: SourcePoll): Promise<void>;
  /** The id of the article stored under any of these (canonical) URLs, or null. */
  findArticleByUrl(urls: string[]): Promise<string | null>;
  /**
   * Stores a fetched article and the URLs it was found under, atomically. 'known' when an article
   * with the same id or under one of the URLs is stored; the URLs then point at that article.
   * When the article is added and `sourceId` is given, it counts towards that source's articles.
   */
  putFetchedArticle(article: Article, found: { urls: string[]; sourceId: string | null }): Promise<PutResult>;
}

export interface Store extends SourceStore {
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
  /**
   * Replaces the stored events with this set (events are recomputed from all articles) and bumps `eventsVersion`.
   * `grouped`: the ids of the articles the events were built from, when other processes may store articles
   * meanwhile (those stay in `articlesWithoutEvents`); without it, every stored article counts as grouped.
   * It must hold every id `articlesWithoutEvents` returned before the events were built.
   * `redirects` records ids that no event has any more and the event each now leads to (see `eventRedirect`).
   */
  replaceEvents(events: DossierEvent[], grouped?: string[], redirects?: EventRedirect[]): Promise<void>;
  /**
   * In one atomic step, removes the events with `removeIds` (unknown ids are ignored) and stores `events`,
   * with their digests, participants and search text, then bumps `eventsVersion`: an incremental rebuild
   * replaces the events it recomputed and leaves the others as they are. An event in `events` whose id is
   * stored must be among `removeIds`. `grouped` as for `replaceEvents`.
   */
  updateEvents(removeIds: string[], events: DossierEvent[], grouped?: string[], redirects?: EventRedirect[]): Promise<void>;
  /**
   * Where an id that no event has any more leads: the id of the event that holds its articles now, following
   * every later move; null for an id that is live or was never recorded. Storing an event under an id ends its redirect.
   */
  eventRedirect(id: string): Promise<string | null>;
  /**
   * A number that changes whenever the stored events change, also when another process changed them:
   * a cheap check before reusing anything derived from the events.
   */
  eventsVersion(): Promise<number>;
  /**
   * Ids of ok articles stored after the events were last replaced or updated, in ingestion order:
   * those no event has grouped yet (an ingest interrupted before its event refresh leaves some).
   */
  articlesWithoutEvents(): Promise<string[]>;
  /** Newest first (by date, undated last, then id). */
  listEvents(): Promise<DossierEvent[]>;
  /** Digests of all events, in `listEvents` order, without reading the events themselves. */
  listEventDigests(): Promise<EventDigest[]>;
  countEvents(): Promise<number>;
  /**
   * The events a new article could join, found through indexes whatever the number of stored events, in
   * `listEvents` order: those dated on one of `days`, and those naming one of these people or organisations
   * (ids as `nameIdsOf` writes them, under any of their names) that are undated or dated on one of `days`
   * (any date when `days` is empty). At most `limit` (newest first) when given.
   */
  eventDigestsFor(nameIds: string[], days: string[], limit?: number): Promise<EventDigest[]>;
  getEvent(id: string): Promise<DossierEvent | null>;
  /** The events with these ids that exist, in the order of `ids`. */
  getEvents(ids: string[]): Promise<DossierEvent[]>;
  /**
   * Ids of the events whose title, place, participant names, claims or quotes contain every word
   * of the query, as a word or the beginning of one (case and diacritics ignored).
   */
  searchEvents(query: string): Promise<string[]>;
  /** Every appearance of the participant with this id across the stored events, in no set order. */
  participantAppearances(participantId: string): Promise<ParticipantAppearance[]>;
  close(): Promise<void>;
}
