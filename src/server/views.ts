// Read models shared by the JSON API and the HTML pages: filtering events, and gathering what
// one event, article or participant page shows. Pure functions over the Store; no rendering.
import type { Article, EntityType } from '../types.js';
import type { AlignedQuote, Citation, DossierEvent, EventArticle } from '../events/types.js';
import type { Store } from '../store/store.js';
import { fold, type CatalogEvent, type EventSnapshot } from './catalog.js';
import { splitSentences, type Sentence } from '../extract/sentences.js';
import { buildBrief, type Brief } from '../report/brief.js';

export interface EventFilter {
  /** Words that must all appear (as words or word beginnings) in the event's title, place, participants, claims or quotes. */
  q?: string;
  /** Inclusive YYYY-MM-DD bounds on the event date; undated events never match a date bound. */
  from?: string;
  to?: string;
  /** A participant id, or part of a participant's name or alias. */
  participant?: string;
  /** Part of the event's location. */
  place?: string;
  /** An article id, or part of a publisher's name. */
  source?: string;
  /** Fewest independent sources (articles that are not duplicates or re-posts). */
  minSources?: number;
}

export interface EventSummary {
  id: string;
  title: string;
  date: string | null;
  location: string | null;
  independentSources: number;
  articleCount: number;
  publishers: string[];
  participants: { id: string; name: string; type: EntityType }[];
  lastUpdated: string;
}

export interface EventPage {
  total: number;
  events: EventSummary[];
}

/** Whether an event passes every filter but `q`, which the store's event search answers. */
function eventMatches(event: CatalogEvent, filter: EventFilter): boolean {
  const { digest } = event;
  if (filter.from && (!digest.date || digest.date < filter.from)) return false;
  if (filter.to && (!digest.date || digest.date > filter.to)) return false;
  if (filter.minSources !== undefined && event.independentSources < filter.minSources) return false;
  if (filter.place && !event.location.includes(fold(filter.place))) return false;
  const participant = filter.participant;
  if (
    participant &&
    !digest.participants.some((p) => p.id === participant) &&
    !event.participantNames.includes(fold(participant))
  ) {
    return false;
  }
  const source = filter.source;
  if (source && !digest.articles.some((a) => a.id === source) && !event.publishers.includes(fold(source))) return false;
  return true;
}

export function summarizeEvent(event: CatalogEvent): EventSummary {
  const { digest } = event;
  return {
    id: digest.id,
    title: digest.title,
    date: digest.date,
    location: digest.location,
    independentSources: event.independentSources,
    articleCount: digest.articles.length,
    publishers: [...new Set(digest.articles.flatMap((a) => (a.publisher ? [a.publisher] : [])))],
    participants: digest.participants.map(({ id, name, type }) => ({ id, name, type })),
    lastUpdated: digest.lastUpdated,
  };
}

/** The events that pass the filter, newest first. */
export async function matchingEvents(store: Store, snapshot: EventSnapshot, filter: EventFilter): Promise<CatalogEvent[]> {
  const found = filter.q ? new Set(await store.searchEvents(filter.q)) : null;
  return snapshot.events.filter((event) => (found === null || found.has(event.digest.id)) && eventMatches(event, filter));
}

export function pageOfEvents(matching: CatalogEvent[], page: { limit: number; offset: number }): EventPage {
  return {
    total: matching.length,
    events: matching.slice(page.offset, page.offset + page.limit).map(summarizeEvent),
  };
}

/** How many events fall on each date, oldest first: the data behind the timeline strip. */
export function eventCountsByDate(matching: CatalogEvent[]): { date: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { digest } of matching) if (digest.date) counts.set(digest.date, (counts.get(digest.date) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, count]) => ({ date, count }));
}

export interface EventSource {
  meta: EventArticle;
  /** The stored article; null when the event names an article the store no longer has. */
  article: Article | null;
  sentences: Sentence[];
  /** Indices of the sentences the event cites from this article. */
  cited: number[];
}

export interface EventDetail {
  event: DossierEvent;
  brief: Brief;
  sources: EventSource[];
}

/** Every citation an event carries, wherever it sits (claims, actions, discrepancies, related events). */
export function eventCitations(event: DossierEvent): Citation[] {
  return [
    ...event.claims.flatMap((claim) => claim.evidence),
    ...event.actions.flatMap((action) => action.evidence),
    ...event.discrepancies.flatMap((d) => d.values.flatMap((value) => value.evidence)),
    ...event.related.flatMap((related) => related.evidence),
  ];
}

export async function getEventDetail(store: Store, id: string): Promise<EventDetail | null> {
  const event = await store.getEvent(id);
  if (!event) return null;
  const stored = await Promise.all(event.articles.map((meta) => store.getArticle(meta.id)));
  const brief = buildBrief(event, stored.filter((article) => article !== null));
  const citations = [...eventCitations(event), ...brief.whatHappened.map((sentence) => sentence.citation)];
  const sources = event.articles.map((meta, index): EventSource => {
    const article = stored[index];
    const cited = new Set(citations.filter((c) => c.article === meta.id).map((c) => c.sentence));
    return {
      meta,
      article,
      sentences: article ? splitSentences(article.text) : [],
      cited: [...cited].sort((a, b) => a - b),
    };
  });
  return { event, brief, sources };
}

export interface ArticleDuplicate {
  /** The other article of the pair. */
  id: string;
  /** `copy`: the other article re-posts this one; `original`: this article re-posts the other one. */
  relation: 'copy' | 'original';
  event: string;
}

export interface ArticleDetail {
  article: Article;
  sentences: Sentence[];
  events: { id: string; title: string; date: string | null }[];
  duplicates: ArticleDuplicate[];
  /** Participants of those events that this article mentions: links from mentions to entity pages. */
  participants: { id: string; name: string; aliases: string[] }[];
}

export async function getArticleDetail(store: Store, snapshot: EventSnapshot, id: string): Promise<ArticleDetail | null> {
  const article = await store.getArticle(id);
  if (!article) return null;
  const events: ArticleDetail['events'] = [];
  const duplicates = new Map<string, ArticleDuplicate>();
  const participants = new Map<string, ArticleDetail['participants'][number]>();
  const ids = (snapshot.byArticle.get(id) ?? []).map((event) => event.digest.id);
  for (const event of await store.getEvents(ids)) {
    events.push({ id: event.id, title: event.title, date: event.date });
    for (const p of event.participants) {
      if (p.articles.includes(id) && !participants.has(p.id)) {
        participants.set(p.id, { id: p.id, name: p.name, aliases: p.aliases });
      }
    }
    for (const pair of event.duplicates) {
      if (pair.duplicateOf === id) duplicates.set(pair.id, { id: pair.id, relation: 'copy', event: event.id });
      if (pair.id === id) duplicates.set(pair.duplicateOf, { id: pair.duplicateOf, relation: 'original', event: event.id });
    }
  }
  return {
    article,
    sentences: splitSentences(article.text),
    events,
    duplicates: [...duplicates.values()],
    participants: [...participants.values()],
  };
}

export interface EntityQuote extends AlignedQuote {
  event: string;
  date: string | null;
}

export interface EntityDetail {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** Each role with the events (and their dates) it was given in, earliest first. */
  roles: { role: string; first: string | null; events: string[] }[];
  events: { id: string; title: string; date: string | null; location: string | null; roles: string[] }[];
  quotes: EntityQuote[];
}

/** Orders nullable dates ascending with unknown dates last. */
function byDateAscending(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** One participant (by its cross-event id) gathered over every event that names it. */
export async function getEntityDetail(store: Store, id: string): Promise<EntityDetail | null> {
  const appearances = (await store.participantAppearances(id)).sort(
    (a, b) => byDateAscending(a.event.date, b.event.date) || (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0),
  );
  if (appearances.length === 0) return null;
  const latest = appearances[appearances.length - 1].participant;
  const names = new Set(appearances.flatMap(({ participant }) => [participant.name, ...participant.aliases]));
  const roles = new Map<string, EntityDetail['roles'][number]>();
  for (const { event, participant } of appearances) {
    for (const role of participant.roles) {
      const entry = roles.get(role) ?? { role, first: event.date, events: [] };
      entry.events.push(event.id);
      roles.set(role, entry);
    }
  }
  return {
    id,
    name: latest.name,
    type: latest.type,
    aliases: [...names].filter((name) => name !== latest.name),
    roles: [...roles.values()],
    events: appearances.map(({ event, participant }) => ({ ...event, roles: participant.roles })),
    quotes: appearances.flatMap(({ event, quotes }) => quotes.map((quote) => ({ ...quote, event: event.id, date: event.date }))),
  };
}
