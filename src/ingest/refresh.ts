// Keeping the stored events in step with the stored articles. A full rebuild regroups every stored article
// (seconds for hundreds, most of an hour for 100,000); an incremental refresh regroups only the new articles
// with the stored events that could take one of them, and leaves every other event as stored.
import { buildEvents, SERIES_MIN_SHARED_PARTICIPANTS } from '../events/build.js';
import { contentTerms, MAX_DAY_GAP } from '../events/cluster.js';
import { participantId } from '../events/participants.js';
import { eventAnchor } from '../events/timeline.js';
import type { DossierEvent, RelatedEvent } from '../events/types.js';
import { entityKey } from '../extract/entities.js';
import { splitSentences } from '../extract/sentences.js';
import { nameIdsOf } from '../store/event-index.js';
import { assignStableIds } from './event-ids.js';
import type { EventDigest, Store } from '../store/store.js';
import type { Article, EntityType } from '../types.js';

const DAY_MS = 86_400_000;
/** A stored event can take a new article when they name one person, or this many organisations: one
 *  organisation alone (a news agency, the FBI) is named by many unrelated events. Measured on the
 *  Multi-News sample (10 articles added to 645): any shared name marked 64 of 300 events for rebuilding,
 *  this 23, and 304 of the 306 resulting events were the full rebuild's either way. */
const MIN_SHARED_NAMES = 2;

/** Recomputes the events from every stored article (deterministic for the same articles). */
async function rebuildAllEvents(store: Store): Promise<number> {
  const previous = await store.listEventDigests();
  const articles = await store.listArticles({ status: 'ok' });
  // Only these count as grouped: articles another process stores meanwhile wait for the next refresh.
  const { events, redirects } = assignStableIds(previous, buildEvents(articles));
  await store.replaceEvents(events, articles.map((article) => article.id), redirects);
  return events.length;
}

function daysAround(day: string): string[] {
  const time = Date.parse(`${day}T00:00:00Z`);
  const days: string[] = [];
  for (let offset = -MAX_DAY_GAP; offset <= MAX_DAY_GAP; offset++) days.push(new Date(time + offset * DAY_MS).toISOString().slice(0, 10));
  return days;
}

function addTo<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

const reportedDays = new WeakMap<Article, string | null>();
/** The day an article reports, read once per article however many look-ups need it. */
function reportedDay(article: Article): string | null {
  if (!reportedDays.has(article)) reportedDays.set(article, eventAnchor(article, splitSentences(article.text)).date);
  return reportedDays.get(article)!;
}

function articleDays(article: Article): string[] {
  const day = reportedDay(article);
  return day ? daysAround(day) : [];
}

/** Stored events read around a refresh for undated articles and for series links: the newest this many
 *  that share a name. Keeps the cost of a refresh flat when a person is named in thousands of events; an
 *  older event of a series keeps its stored links until it is itself regrouped. */
const NEIGHBOURHOOD_LIMIT = 200;

/** An undated article may join any event naming its people; it is regrouped with at most this many of
 *  them, those sharing the most names: a person in the news every week would otherwise send every event
 *  of theirs back through the clusterer with each new mention. */
const MAX_EVENTS_PER_UNDATED_ARTICLE = 30;

/**
 * Stored events that could take one of the new articles: those naming one of its people or two of its
 * organisations (under any of their names), and those reported within a day of it whose title shares a
 * word with it. A dated article can only join an undated event or one within MAX_DAY_GAP days of it (the
 * clusterer's day rule), so events of the same people on other days are left alone.
 */
export function eventsAffectedBy(articles: Article[], digests: EventDigest[]): Set<string> {
  const byParticipant = new Map<string, string[]>();
  const byDay = new Map<string, EventDigest[]>();
  const dateOf = new Map(digests.map((digest) => [digest.id, digest.date]));
  for (const digest of digests) {
    for (const id of new Set(nameIdsOf(digest.participants))) addTo(byParticipant, id, digest.id);
    if (digest.date) addTo(byDay, digest.date, digest);
  }
  const affected = new Set<string>();
  for (const article of articles) {
    const shared = new Map<string, number>();
    for (const id of new Set(nameIdsOf(article.entities ?? []))) {
      for (const eventId of byParticipant.get(id) ?? []) shared.set(eventId, (shared.get(eventId) ?? 0) + (id.startsWith('person-') ? MIN_SHARED_NAMES : 1));
    }
    const day = reportedDay(article);
    const window = day ? new Set(daysAround(day)) : null;
    const candidates = [...shared]
      .filter(([eventId, count]) => count >= MIN_SHARED_NAMES && (!window || !dateOf.get(eventId) || window.has(dateOf.get(eventId)!)))
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    for (const [eventId] of window ? candidates : candidates.slice(0, MAX_EVENTS_PER_UNDATED_ARTICLE)) affected.add(eventId);
    if (!day) continue;
    const terms = new Set(contentTerms(`${article.title ?? ''}\n${article.text}`));
    for (const near of daysAround(day)) {
      for (const digest of byDay.get(near) ?? []) if (contentTerms(digest.title).some((term) => terms.has(term))) affected.add(digest.id);
    }
  }
  return affected;
}

/** A stored event as `buildEvents` needs a known one (to link series and name referenced occasions):
 *  its digest holds every field read there, so the large event itself is not loaded. */
function knownEvent(digest: EventDigest): DossierEvent {
  return {
    id: digest.id,
    title: digest.title,
    date: digest.date,
    location: digest.location,
    articles: [],
    duplicates: [],
    participants: digest.participants.map((participant) => ({ ...participant, roles: [], articles: [] })),
    quotes: [],
    actions: [],
    claims: [],
    discrepancies: [],
    framing: [],
    related: [],
    firstSeen: digest.lastUpdated,
    lastUpdated: digest.lastUpdated,
  };
}

function sharedParticipants(a: { participants: { id: string }[] }, b: Set<string>): number {
  return a.participants.filter((participant) => b.has(participant.id)).length;
}

/**
 * The links of a kept event after the events in `changed` were rebuilt as `rebuilt`: series links to
 * changed events are recomputed by the rule `buildEvents` uses (keeping the evidence of a link that
 * stays), and a referenced occasion that named a vanished event, or none, is matched against the rebuilt ones.
 */
function relink(event: DossierEvent, rebuilt: DossierEvent[], changed: Set<string>): RelatedEvent[] {
  const own = new Set(event.participants.map((participant) => participant.id));
  const rebuiltIds = new Set(rebuilt.map((other) => other.id));
  const seriesEvidence = new Map(event.related.filter((link) => link.relation === 'series' && link.id).map((link) => [link.id!, link.evidence]));
  const kept = event.related
    .filter((link) => !(link.relation === 'series' && link.id !== null && changed.has(link.id)))
    .map((link) => {
      const vanished = link.id !== null && changed.has(link.id) && !rebuiltIds.has(link.id);
      if (link.relation !== 'referenced' || (link.id !== null && !vanished)) return link;
      const match = rebuilt.find(
        (other) =>
          link.date !== null &&
          other.date?.startsWith(link.date) &&
          (link.location === null || other.location === link.location) &&
          sharedParticipants(other, own) > 0,
      );
      return { ...link, id: match?.id ?? null };
    });
  const series = rebuilt
    .filter((other) => sharedParticipants(other, own) >= SERIES_MIN_SHARED_PARTICIPANTS)
    .map((other): RelatedEvent => ({
      id: other.id,
      title: other.title,
      date: other.date,
      location: other.location,
      relation: 'series',
      evidence: seriesEvidence.get(other.id) ?? [],
    }));
  return [...kept, ...series];
}

/** Kept events whose links may change: those sharing enough participants with a changed event to be in
 *  a series with it, or any participant with an event that is gone (a referenced occasion may name it). */
function neighbourIds(kept: EventDigest[], before: EventDigest[], rebuilt: DossierEvent[]): string[] {
  const rebuiltIds = new Set(rebuilt.map((event) => event.id));
  const changed = [...before, ...rebuilt].map((event) => new Set(event.participants.map((participant) => participant.id)));
  const vanished = before.filter((event) => !rebuiltIds.has(event.id)).map((event) => new Set(event.participants.map((participant) => participant.id)));
  return kept
    .filter(
      (digest) =>
        changed.some((ids) => sharedParticipants(digest, ids) >= SERIES_MIN_SHARED_PARTICIPANTS) ||
        vanished.some((ids) => sharedParticipants(digest, ids) > 0),
    )
    .map((digest) => digest.id);
}

/**
 * Brings the stored events up to date and returns how many there are. Without `addedIds`, or when no
 * event is stored yet, every event is rebuilt from every stored article. With the ids of newly stored
 * articles, only the events that could take one of them are rebuilt, from their articles and the new
 * ones, and the links of events in a series with them are brought up to date; every other event is left
 * as stored. The result is the full rebuild's wherever the regrouped events are the ones a full rebuild
 * would change; it can differ where a new article shifts what the whole corpus says (word weights), and
 * a person known by surname alone in a kept event keeps their id when a new event names them in full
 * (`refreshEvents(store)` recomputes everything).
 */
export async function refreshEvents(store: Store, addedIds?: string[]): Promise<number> {
  if (!addedIds) return rebuildAllEvents(store);
  // Articles an interrupted earlier run stored but never grouped join this refresh.
  const pending = [...new Set([...(await store.articlesWithoutEvents()), ...addedIds])];
  const added = (await Promise.all(pending.map((id) => store.getArticle(id)))).filter(
    (article): article is Article => article?.status === 'ok',
  );
  const stored = await store.countEvents();
  if (added.length === 0) return stored;
  if (stored === 0) return rebuildAllEvents(store);
  // Only the events that share a name or a day with the new articles are read: the cost follows what the
  // new articles touch, not the size of the store.
  const dated = added.filter((article) => reportedDay(article) !== null);
  const undated = added.filter((article) => reportedDay(article) === null);
  const found = [
    ...(dated.length > 0 ? await store.eventDigestsFor(dated.flatMap((article) => nameIdsOf(article.entities ?? [])), dated.flatMap(articleDays)) : []),
    ...(undated.length > 0 ? await store.eventDigestsFor(undated.flatMap((article) => nameIdsOf(article.entities ?? [])), [], NEIGHBOURHOOD_LIMIT) : []),
  ];
  const digests = [...new Map(found.map((digest) => [digest.id, digest])).values()];
  const affected = eventsAffectedBy(added, digests);
  const before = digests.filter((digest) => affected.has(digest.id));
  // Events in a series with the regrouped ones, or naming someone they name, may need their links redone.
  const around = await store.eventDigestsFor(
    [...added.flatMap((article) => nameIdsOf(article.entities ?? [])), ...before.flatMap((digest) => nameIdsOf(digest.participants))],
    [],
    NEIGHBOURHOOD_LIMIT,
  );
  const kept = [...new Map([...digests, ...around].map((digest) => [digest.id, digest])).values()].filter((digest) => !affected.has(digest.id));
  const memberIds = new Set(
    (await store.getEvents([...affected])).flatMap((event) => [...event.articles.map((article) => article.id), ...event.duplicates.map((copy) => copy.id)]),
  );
  const members = (await Promise.all([...memberIds].map((id) => store.getArticle(id)))).filter((article): article is Article => article !== null);
  // The regrouped events continue the ids of the events they were rebuilt from (see event-ids.ts).
  const { events: rebuilt, redirects } = assignStableIds(
    before,
    buildEvents([...members, ...added], { knownEvents: kept.map(knownEvent) }),
    new Set(kept.map((digest) => digest.id)),
  );
  const changed = new Set([...affected, ...rebuilt.map((event) => event.id)]);
  const relinked = (await store.getEvents(neighbourIds(kept, before, rebuilt))).flatMap((event) => {
    const related = relink(event, rebuilt, changed);
    return JSON.stringify(related) === JSON.stringify(event.related) ? [] : [{ ...event, related }];
  });
  await store.updateEvents([...affected, ...relinked.map((event) => event.id)], [...rebuilt, ...relinked], pending, redirects);
  return stored - affected.size + rebuilt.length;
}
