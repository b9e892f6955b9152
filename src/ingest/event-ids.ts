// Stable event ids. Clustering names a new event after one of its articles, so an event whose membership
// changes (an article joins, two events merge) would get another id and every link to it would break. After
// each regrouping, the event that keeps most of an earlier event's articles takes that event's id, and every id
// retired on the way is recorded as a redirect to the event its articles went to.
import type { DossierEvent } from '../events/types.js';

/** An event as it was before the regrouping: its id and the ids of its articles. */
export interface PreviousEvent {
  id: string;
  articles: { id: string }[];
}

export interface EventRedirect {
  /** An id no event has any more. */
  from: string;
  /** The id of the event that holds most of its articles now. */
  to: string;
}

interface Claim {
  previous: PreviousEvent;
  /** How many of its articles the new event holds. */
  kept: number;
}

/** Which claim on a new event wins: most articles kept, then the larger earlier event, then the smaller id. */
function better(a: Claim, b: Claim): boolean {
  if (a.kept !== b.kept) return a.kept > b.kept;
  if (a.previous.articles.length !== b.previous.articles.length) return a.previous.articles.length > b.previous.articles.length;
  return a.previous.id < b.previous.id;
}

/**
 * Gives regrouped events the ids of the earlier events they continue. Each earlier event goes to the new event
 * holding most of its articles (the first such, in the order of `rebuilt`); a new event reached by several takes
 * the id of the one whose articles it keeps most of, and the others redirect to it. A new event no earlier one
 * reaches keeps its own id, suffixed if that id is taken (by `reserved`, ids of events left as stored, or by an
 * id just reused or retired). Links between the rebuilt events follow their renaming.
 */
export function assignStableIds(
  previous: PreviousEvent[],
  rebuilt: DossierEvent[],
  reserved: ReadonlySet<string> = new Set(),
): { events: DossierEvent[]; redirects: EventRedirect[] } {
  const eventOfArticle = new Map<string, number>();
  rebuilt.forEach((event, index) => {
    for (const article of event.articles) eventOfArticle.set(article.id, index);
  });
  const claims = new Map<number, Claim[]>();
  for (const earlier of previous) {
    const counts = new Map<number, number>();
    for (const article of earlier.articles) {
      const index = eventOfArticle.get(article.id);
      if (index !== undefined) counts.set(index, (counts.get(index) ?? 0) + 1);
    }
    let successor = -1;
    for (const [index, count] of counts) {
      if (successor < 0 || count > counts.get(successor)! || (count === counts.get(successor)! && index < successor)) successor = index;
    }
    if (successor < 0) continue;
    const list = claims.get(successor) ?? [];
    list.push({ previous: earlier, kept: counts.get(successor)! });
    claims.set(successor, list);
  }

  const finalIds: (string | null)[] = rebuilt.map(() => null);
  const taken = new Set(reserved);
  const retiredTo: { from: string; index: number }[] = [];
  for (const [index, list] of claims) {
    const winner = list.reduce((best, claim) => (better(claim, best) ? claim : best));
    finalIds[index] = winner.previous.id;
    taken.add(winner.previous.id);
    for (const claim of list) {
      if (claim !== winner) {
        retiredTo.push({ from: claim.previous.id, index });
        taken.add(claim.previous.id);
      }
    }
  }
  rebuilt.forEach((event, index) => {
    if (finalIds[index] !== null) return;
    let id = event.id;
    for (let suffix = 2; taken.has(id); suffix++) id = `${event.id}-${suffix}`;
    finalIds[index] = id;
    taken.add(id);
  });

  const renamed = new Map(rebuilt.map((event, index) => [event.id, finalIds[index]!]));
  const events = rebuilt.map((event, index) => ({
    ...event,
    id: finalIds[index]!,
    related: event.related.map((link) => (link.id !== null && renamed.has(link.id) ? { ...link, id: renamed.get(link.id)! } : link)),
  }));
  const redirects = retiredTo.map(({ from, index }) => ({ from, to: finalIds[index]! }));
  return { events, redirects };
}
