// Read models shared by the JSON API and the HTML pages: filtering events, and gathering what
// one event, article or participant page shows. Pure functions over the Store; no rendering.
import type { Article, EntityType } from '../types.js';
import type { AlignedQuote, Citation, DossierEvent, EventArticle } from '../events/types.js';
import type { Store } from '../store/store.js';
import type { EventSnapshot } from './catalog.js';
import { splitSentences, type Sentence } from '../extract/sentences.js';
import { buildBrief, type Brief } from '../report/brief.js';

export interface EventFilter {
  /** Words that must all appear in the event's title, place, participants, claims or quotes. */
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

export function independentSources(event: DossierEvent): number {
  return event.articles.filter((article) => article.independent).length;
}

function includesFolded(haystack: string | null, needle: string): boolean {
  return haystack !== null && haystack.toLocaleLowerCase().includes(needle.toLocaleLowerCase());
}

function eventMatches(event: DossierEvent, filter: EventFilter): boolean {
  if (filter.from && (!event.date || event.date < filter.from)) return false;
  if (filter.to && (!event.date || event.date > filter.to)) return false;
  if (filter.minSources !== undefined && independentSources(event) < filter.minSources) return false;
  if (filter.place && !includesFolded(event.location, filter.place)) return false;
  const participant = filter.participant;
  if (
    participant &&
    !event.participants.some(
      (p) => p.id === participant || [p.name, ...p.aliases].some((name) => includesFolded(name, participant)),
    )
  ) {
    return false;
  }
  const source = filter.source;
  if (source && !event.articles.some((a) => a.id === source || includesFolded(a.publisher, source))) return false;
  if (filter.q) {
    const haystack = [
      event.title,
      event.location ?? '',
      ...event.participants.flatMap((p) => [p.name, ...p.aliases]),
      ...event.claims.map((claim) => claim.text),
      ...event.quotes.map((quote) => quote.text),
    ]
      .join('\n')
      .toLocaleLowerCase();
    const words = filter.q.toLocaleLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    if (!words.every((word) => haystack.includes(word))) return false;
  }
  return true;
}

/** Newest first: by event date (undated last), then by last update, then id for a stable order. */
function newestFirst(a: DossierEvent, b: DossierEvent): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  if (a.lastUpdated !== b.lastUpdated) return a.lastUpdated < b.lastUpdated ? 1 : -1;
  return a.id < b.id ? -1 : 1;
}

export function summarizeEvent(event: DossierEvent): EventSummary {
  return {
    id: event.id,
    title: event.title,
    date: event.date,
    location: event.location,
    independentSources: independentSources(event),
    articleCount: event.articles.length,
    publishers: [...new Set(event.articles.flatMap((a) => (a.publisher ? [a.publisher] : [])))],
    participants: event.participants.map(({ id, name, type }) => ({ id, name, type })),
    lastUpdated: event.lastUpdated,
  };
}

export function findEvents(
  snapshot: EventSnapshot,
  filter: EventFilter,
  page: { limit: number; offset: number },
): EventPage {
  const matching = snapshot.events.filter((event) => eventMatches(event, filter)).sort(newestFirst);
  return {
    total: matching.length,
    events: matching.slice(page.offset, page.offset + page.limit).map(summarizeEvent),
  };
}

/** How many events fall on each date, oldest first: the data behind the timeline strip. */
export function eventCountsByDate(snapshot: EventSnapshot, filter: EventFilter): { date: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const event of snapshot.events) {
    if (event.date && eventMatches(event, filter)) counts.set(event.date, (counts.get(event.date) ?? 0) + 1);
  }
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
  for (const event of snapshot.byArticle.get(id) ?? []) {
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
export function getEntityDetail(snapshot: EventSnapshot, id: string): EntityDetail | null {
  const appearances = (snapshot.byParticipant.get(id) ?? [])
    .flatMap((event) => event.participants.filter((p) => p.id === id).map((participant) => ({ event, participant })))
    .sort((a, b) => byDateAscending(a.event.date, b.event.date));
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
  const quotes = appearances.flatMap(({ event }) =>
    event.quotes
      .filter((quote) => quote.speaker !== null && names.has(quote.speaker))
      .map((quote) => ({ ...quote, event: event.id, date: event.date })),
  );
  return {
    id,
    name: latest.name,
    type: latest.type,
    aliases: [...names].filter((name) => name !== latest.name),
    roles: [...roles.values()],
    events: appearances
      .map(({ event, participant }) => ({
        id: event.id,
        title: event.title,
        date: event.date,
        location: event.location,
        roles: participant.roles,
      })),
    quotes,
  };
}
