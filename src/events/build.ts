// From articles to events: copies marked, articles grouped, each group turned into a DossierEvent with
// its date, place, participants, cross-source analysis and links to related events.
import type { Article } from '../types.js';
import type { DossierEvent, EventArticle, RelatedEvent } from './types.js';
import { splitSentences, type Sentence } from '../extract/sentences.js';
import { entityKey } from '../extract/entities.js';
import { codeActions, rankActions, resolveActions } from './actions.js';
import { eventEntities, isNotable, NameResolver, selectParticipants, unifyPersonIds } from './participants.js';
import { corroborate } from '../corroborate/index.js';
import { SentenceIndex } from '../corroborate/sentences.js';
import { compareByPublished, deduplicate, type DuplicateLink } from './dedup.js';
import { articleTerms, clusterArticles, contentTerms, dot, entityWeights, TfidfSpace, type ClusterInput, type ClusterOptions } from './cluster.js';
import { eventAnchor, referencedEvents, type EventAnchor, type EventPlace } from './timeline.js';

/** Events sharing at least this many participants (people or organisations) form a series. */
export const SERIES_MIN_SHARED_PARTICIPANTS = 2;

export interface BuildOptions {
  cluster?: ClusterOptions;
  /** When dossier first stored each article (id -> ISO time); publication dates are used where absent. */
  ingestedAt?: Record<string, string>;
  /** Previously built events, to link new ones into series with them. */
  knownEvents?: DossierEvent[];
  /** Fallback for firstSeen/lastUpdated when no article carries a time (ISO). */
  now?: string;
}

export interface Prepared extends ClusterInput {
  sentences: Sentence[];
}

function mostCommon<T>(values: T[]): T | null {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | null = null;
  // First seen wins ties; values come earliest article first.
  for (const [value, count] of counts) if (best === null || count > counts.get(best)!) best = value;
  return best;
}

/** The headline most typical of the group: highest mean cosine of its title to the other articles. */
function pickTitle(members: Prepared[]): string {
  const titled = members.filter((member) => member.article.title?.trim());
  if (titled.length === 0) {
    const first = members[0];
    return (first.sentences[0]?.text ?? first.article.text.slice(0, 120)).replace(/\s+/g, ' ').trim();
  }
  const space = new TfidfSpace(members.map((member) => articleTerms(member.article)));
  const bodies = members.map((member) => space.vector(articleTerms(member.article)));
  let best = titled[0];
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const member of titled) {
    const title = space.vector(contentTerms(member.article.title!));
    const score = bodies.reduce((sum, body, i) => sum + (members[i] === member ? 0 : dot(title, body)), 0);
    if (score > bestScore) {
      best = member;
      bestScore = score;
    }
  }
  return best.article.title!.replace(/\s+/g, ' ').trim();
}

/** The article with its quotes' speakers written as the event names them, so that one speaker spelt two
 *  ways in two sources is one speaker when quotes are aligned. */
function withCanonicalSpeakers(article: Article, names: NameResolver): Article {
  if (!article.quotes?.length) return article;
  return { ...article, quotes: article.quotes.map((quote) => ({ ...quote, speaker: quote.speaker && (names.resolve(quote.speaker) ?? quote.speaker) })) };
}

/** Merges mentions of the same earlier occasion (same day or month and place) across articles. */
function mergeReferenced(related: RelatedEvent[]): RelatedEvent[] {
  const byKey = new Map<string, RelatedEvent>();
  for (const event of related) {
    const key = `${event.date}|${event.location ?? ''}`;
    const known = byKey.get(key);
    if (known) known.evidence.push(...event.evidence);
    else byKey.set(key, { ...event, evidence: [...event.evidence] });
  }
  return [...byKey.values()];
}

/** The event's place: the city most of its articles name (a city beats a country), counted by gazetteer id so
 *  that "Kyiv" and "Kiev" are one vote. Articles dated to the event's day name its place; an undated one (a
 *  wire dateline without a year) does not disagree with that day, so its place serves when the dated ones
 *  name none. */
function eventPlace(leading: Prepared[], date: string | null): EventPlace | null {
  const vote = (members: Prepared[]): EventPlace | null => {
    const places = members.map((member) => member.anchor.place).filter((place): place is EventPlace => place !== null);
    const cities = places.filter((place) => place.geonameId !== null);
    const pool = cities.length > 0 ? cities : places;
    const key = mostCommon(pool.map((place) => (place.geonameId !== null ? `id:${place.geonameId}` : `name:${place.name}`)));
    if (key === null) return null;
    const same = pool.filter((place) => (place.geonameId !== null ? `id:${place.geonameId}` : `name:${place.name}`) === key);
    const name = mostCommon(same.map((place) => place.name))!;
    const venue = mostCommon(same.map((place) => place.venue).filter((venue): venue is string => venue !== null));
    return { ...same[0], name, venue };
  };
  return vote(leading.filter((member) => date === null || member.anchor.date === date)) ?? vote(leading.filter((member) => member.anchor.date === null));
}

function timeOf(article: Article, ingestedAt: Record<string, string> | undefined): string | null {
  return ingestedAt?.[article.id] ?? article.published;
}

function eventArticle(article: Article, duplicateOf: string | null): EventArticle {
  return { id: article.id, title: article.title, publisher: article.publisher, published: article.published, independent: duplicateOf === null, duplicateOf };
}

interface Draft {
  event: DossierEvent;
  anchors: EventAnchor[];
}

function assemble(group: Prepared[], copies: Article[], originalOf: Map<string, string>, options: BuildOptions): Draft {
  const members = [...group].sort((a, b) => compareByPublished(a.article, b.article));
  const independent = members.filter((member) => !originalOf.has(member.article.id));
  const leading = independent.length > 0 ? independent : members;
  // Reports of the occasion date it better than previews of it.
  const reports = leading.filter((member) => !member.anchor.preview);
  const dating = reports.some((member) => member.anchor.date) ? reports : leading;
  const date = mostCommon(dating.map((member) => member.anchor.date).filter((day): day is string => day !== null));
  const ends = dating.map((member) => member.anchor.endDate).filter((day): day is string => day !== null && date !== null && day >= date);
  const endDate = date === null ? null : ends.sort().at(-1) ?? date;
  const place = eventPlace(leading, date);
  const location = place?.name ?? null;
  const independentIds = new Set(independent.map((member) => member.article.id));
  const candidates = eventEntities(leading.map((member) => member.article));
  const everyName = new NameResolver(candidates.map((candidate) => candidate.entity));
  const articles = members.map((member) => withCanonicalSpeakers(member.article, everyName));
  const referenced = mergeReferenced(leading.flatMap((member) => referencedEvents(member.article, member.sentences, member.anchor)));
  const sentences = new SentenceIndex(new Map(members.map((member) => [member.article.id, member.sentences])));
  const { quotes, claims, discrepancies, framing } = corroborate(articles, independentIds, sentences);
  const speakers = new Set(quotes.flatMap((quote) => (quote.speaker ? [quote.speaker] : [])));
  const participants = selectParticipants(candidates, speakers);
  // Actions name only what the event is about: NER noise never becomes an actor.
  const names = new NameResolver(candidates.filter((candidate) => isNotable(candidate, speakers)).map((candidate) => candidate.entity));
  const coded = codeActions(
    leading.map((member) => member.article),
    { date, location },
    (article) => sentences.sentences(article),
  );
  const actions = rankActions(resolveActions(coded, names), {
    names,
    principals: participants.slice(0, 2).map((participant) => participant.name),
    independent: independentIds,
  });
  const times = [...articles, ...copies].map((article) => timeOf(article, options.ingestedAt)).filter((time): time is string => time !== null).sort();
  const fallback = options.now ?? date ?? new Date().toISOString();
  return {
    anchors: leading.map((member) => member.anchor),
    event: {
      id: `event-${members[0].article.id}`,
      title: pickTitle(leading),
      date,
      endDate,
      location,
      place,
      articles: members.map((member) => ({ ...eventArticle(member.article, originalOf.get(member.article.id) ?? null), preview: member.anchor.preview })),
      duplicates: [...articles, ...copies]
        .filter((article) => originalOf.has(article.id))
        .sort(compareByPublished)
        .map((article) => ({ id: article.id, duplicateOf: originalOf.get(article.id)! })),
      participants,
      quotes,
      actions,
      claims,
      discrepancies,
      framing,
      related: referenced,
      firstSeen: times[0] ?? fallback,
      lastUpdated: times[times.length - 1] ?? fallback,
    },
  };
}

function participantIds(event: DossierEvent): Set<string> {
  return new Set(event.participants.map((participant) => participant.id));
}

/** Events by day, month and year of their date, each list in the order given: a referenced date finds the
 *  events it can name without a scan of every event. */
function indexByDate(events: DossierEvent[]): Map<string, DossierEvent[]> {
  const index = new Map<string, DossierEvent[]>();
  for (const event of events) {
    if (!event.date) continue;
    for (const prefix of new Set([event.date, event.date.slice(0, 7), event.date.slice(0, 4)])) index.set(prefix, [...(index.get(prefix) ?? []), event]);
  }
  return index;
}

/** A referenced earlier occasion that is itself one of the events gets that event's id; several
 *  mentions of one such event become one entry with the most precise date. */
function resolveReferenced(event: DossierEvent, byDate: Map<string, DossierEvent[]>): void {
  const own = participantIds(event);
  const resolved: RelatedEvent[] = [];
  for (const related of event.related) {
    const match =
      related.relation === 'referenced' && related.date
        ? byDate.get(related.date)?.find(
            (other) =>
              other !== event &&
              (related.location === null || other.location === related.location) &&
              other.participants.some((participant) => own.has(participant.id)),
          )
        : undefined;
    if (!match) {
      resolved.push(related);
      continue;
    }
    const known = resolved.find((entry) => entry.id === match.id);
    if (!known) {
      resolved.push({ ...related, id: match.id });
      continue;
    }
    known.evidence.push(...related.evidence);
    if ((related.date ?? '').length > (known.date ?? '').length) Object.assign(known, { date: related.date, title: related.title, location: related.location ?? known.location });
  }
  event.related = resolved;
}

/** Links events that share participants. Shared participants are counted through an index from
 *  participant to events, so the work follows the links found, not the number of event pairs. */
function linkSeries(drafts: Draft[], known: DossierEvent[]): void {
  const pool = [...drafts.map((draft) => ({ event: draft.event, evidence: draft.anchors.find((anchor) => anchor.evidence)?.evidence ?? null })), ...known.map((event) => ({ event, evidence: null }))];
  const poolOf = new Map<string, number[]>();
  pool.forEach(({ event }, index) => {
    for (const id of participantIds(event)) poolOf.set(id, [...(poolOf.get(id) ?? []), index]);
  });
  for (const { event } of drafts) {
    const shared = new Map<number, number>();
    for (const id of participantIds(event)) for (const index of poolOf.get(id) ?? []) shared.set(index, (shared.get(index) ?? 0) + 1);
    const linked = [...shared].filter(([index, count]) => count >= SERIES_MIN_SHARED_PARTICIPANTS && pool[index].event.id !== event.id).map(([index]) => index);
    for (const index of linked.sort((a, b) => a - b)) {
      const other = pool[index];
      event.related.push({
        id: other.event.id,
        title: other.event.title,
        date: other.event.date,
        location: other.event.location,
        relation: 'series',
        evidence: other.evidence ? [other.evidence] : [],
      });
    }
  }
}

/** Articles ready for grouping: copies marked, sentences split, event day and place read, entities keyed. */
export interface PreparedBatch {
  usable: Article[];
  links: DuplicateLink[];
  originalOf: Map<string, string>;
  /** Non-exact-copy articles by id. */
  prepared: Map<string, Prepared>;
}

export function prepareBatch(articles: Article[]): PreparedBatch {
  const usable = articles.filter((article) => article.status === 'ok');
  const { kept, links, originalOf } = deduplicate(usable);
  const prepared = new Map<string, Prepared>(
    kept.map((article) => {
      const sentences = splitSentences(article.text);
      return [article.id, { article, sentences, anchor: eventAnchor(article, sentences), entities: entityWeights(article, entityKey) }];
    }),
  );
  return { usable, links, originalOf, prepared };
}

/** Groups a prepared batch into events. Only originals are clustered; each near-copy then follows its
 *  original (exact copies are not in the groups: see `links`). */
export function groupBatch(batch: PreparedBatch, options: ClusterOptions = {}): Prepared[][] {
  const originals = [...batch.prepared.values()].filter((member) => !batch.originalOf.has(member.article.id));
  const groups = clusterArticles(originals, options);
  const groupOf = new Map<string, Prepared[]>();
  for (const group of groups) for (const member of group) groupOf.set(member.article.id, group);
  for (const member of batch.prepared.values()) {
    const original = batch.originalOf.get(member.article.id);
    if (original) groupOf.get(original)!.push(member);
  }
  return groups;
}

/** Builds events from articles. Rejected articles are skipped; exact copies are folded into their original
 *  (listed under `duplicates` only), near-copies and syndicated re-posts join their original's event as
 *  non-independent sources. Events come out by date, undated last. */
export function buildEvents(articles: Article[], options: BuildOptions = {}): DossierEvent[] {
  const batch = prepareBatch(articles);
  const byId = new Map(batch.usable.map((article) => [article.id, article]));
  const copiesOf = new Map<string, Article[]>();
  for (const link of batch.links) {
    if (batch.prepared.has(link.id)) continue;
    copiesOf.set(link.duplicateOf, [...(copiesOf.get(link.duplicateOf) ?? []), byId.get(link.id)!]);
  }
  const drafts = groupBatch(batch, options.cluster).map((group) => {
    const copies = group.flatMap((member) => copiesOf.get(member.article.id) ?? []);
    return assemble(group, copies, batch.originalOf, options);
  });
  const events = drafts.map((draft) => draft.event);
  unifyPersonIds(events, options.knownEvents);
  const byDate = indexByDate([...events, ...(options.knownEvents ?? [])]);
  for (const event of events) resolveReferenced(event, byDate);
  linkSeries(drafts, options.knownEvents ?? []);
  return events.sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id));
}
