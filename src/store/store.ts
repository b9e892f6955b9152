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
  /**
   * Replaces the stored events with this set (events are recomputed from all articles) and bumps `eventsVersion`.
   * `redirects` records ids that no event has any more and the event each now leads to (see `eventRedirect`).
   */
  replaceEvents(events: DossierEvent[], redirects?: EventRedirect[]): Promise<void>;
  /**
   * In one atomic step, removes the events with `removeIds` (unknown ids are ignored) and stores `events`,
   * with their digests, participants and search text, then bumps `eventsVersion`: an incremental rebuild
   * replaces the events it recomputed and leaves the others as they are. An event in `events` whose id is
   * stored must be among `removeIds`.
   */
  updateEvents(removeIds: string[], events: DossierEvent[], redirects?: EventRedirect[]): Promise<void>;
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
