// From articles to events: copies marked, articles grouped, each group turned into a DossierEvent with
// its date, place, participants, cross-source analysis and links to related events.
import type { Article } from '../types.js';
import type { DossierEvent, EventArticle, Participant, RelatedEvent } from './types.js';
import { splitSentences, type Sentence } from '../extract/sentences.js';
import { entityKey, mergeEntities } from '../extract/entities.js';
import { codeActions } from './actions.js';
import { corroborate } from '../corroborate/index.js';
import { compareByPublished, deduplicate, type DuplicateLink } from './dedup.js';
import { articleTerms, clusterArticles, contentTerms, dot, entityWeights, TfidfSpace, type ClusterInput, type ClusterOptions } from './cluster.js';
import { eventAnchor, referencedEvents, type EventAnchor } from './timeline.js';

/** Events sharing at least this many participants (people or organisations) form a series. */
const SERIES_MIN_SHARED_PARTICIPANTS = 2;

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

function participantsOf(members: Article[]): Participant[] {
  const merged = mergeEntities(members.map((article) => ({ article: article.id, entities: article.entities ?? [] })));
  return merged
    .filter((entity) => entity.type !== 'location')
    .map((entity) => ({ id: entity.key, name: entity.name, type: entity.type, aliases: entity.aliases, roles: entity.roles, articles: entity.articles }))
    .sort((a, b) => b.articles.length - a.articles.length);
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
  const date = mostCommon(leading.map((member) => member.anchor.date).filter((day): day is string => day !== null));
  const location = mostCommon(
    leading.filter((member) => date === null || member.anchor.date === date).map((member) => member.anchor.location).filter((place): place is string => place !== null),
  );
  const articles = members.map((member) => member.article);
  const referenced = mergeReferenced(leading.flatMap((member) => referencedEvents(member.article, member.sentences, member.anchor)));
  const { quotes, claims, discrepancies, framing } = corroborate(articles, new Set(independent.map((member) => member.article.id)));
  const actions = codeActions(
    leading.map((member) => member.article),
    { date, location },
  );
  const times = [...articles, ...copies].map((article) => timeOf(article, options.ingestedAt)).filter((time): time is string => time !== null).sort();
  const fallback = options.now ?? date ?? new Date().toISOString();
  return {
    anchors: leading.map((member) => member.anchor),
    event: {
      id: `event-${members[0].article.id}`,
      title: pickTitle(leading),
      date,
      location,
      articles: members.map((member) => eventArticle(member.article, originalOf.get(member.article.id) ?? null)),
      duplicates: [...articles, ...copies]
        .filter((article) => originalOf.has(article.id))
        .sort(compareByPublished)
        .map((article) => ({ id: article.id, duplicateOf: originalOf.get(article.id)! })),
      participants: participantsOf(leading.map((member) => member.article)),
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

/** A referenced earlier occasion that is itself one of the events gets that event's id; several
 *  mentions of one such event become one entry with the most precise date. */
function resolveReferenced(event: DossierEvent, all: DossierEvent[]): void {
  const own = participantIds(event);
  const resolved: RelatedEvent[] = [];
  for (const related of event.related) {
    const match =
      related.relation === 'referenced' && related.date
        ? all.find(
            (other) =>
              other !== event &&
              other.date !== null &&
              other.date.startsWith(related.date!) &&
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

function linkSeries(drafts: Draft[], known: DossierEvent[]): void {
  const pool = [...drafts.map((draft) => ({ event: draft.event, evidence: draft.anchors.find((anchor) => anchor.evidence)?.evidence ?? null })), ...known.map((event) => ({ event, evidence: null }))];
  for (const { event } of drafts) {
    const own = participantIds(event);
    for (const other of pool) {
      if (other.event.id === event.id) continue;
      const shared = other.event.participants.filter((participant) => own.has(participant.id)).length;
      if (shared < SERIES_MIN_SHARED_PARTICIPANTS) continue;
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
  for (const event of events) resolveReferenced(event, [...events, ...(options.knownEvents ?? [])]);
  linkSeries(drafts, options.knownEvents ?? []);
  return events.sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || a.firstSeen.localeCompare(b.firstSeen) || a.id.localeCompare(b.id));
}
