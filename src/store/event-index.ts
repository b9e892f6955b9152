// What a store indexes of each event besides the event itself, the same for every backend: a small
// digest for lists and lookups, the text that event search matches, and each participant's appearance.
// Stored events are large (10-30 KB of JSON each, with claims, quotes and evidence), so pages that
// span many events read these instead of parsing whole events.
import type { DossierEvent } from '../events/types.js';
import { participantId } from '../events/participants.js';
import { entityKey } from '../extract/entities.js';
import type { EntityType } from '../types.js';
import type { EventDigest, ParticipantAppearance } from './store.js';

export function digestEvent(event: DossierEvent): EventDigest {
  return {
    id: event.id,
    title: event.title,
    date: event.date,
    location: event.location,
    lastUpdated: event.lastUpdated,
    articles: event.articles.map(({ id, publisher, independent }) => ({ id, publisher, independent })),
    participants: event.participants.map(({ id, name, type, aliases }) => ({ id, name, type, aliases })),
  };
}

/** Ids of every name an event's people and organisations go by (places are left out: most events name a
 *  few common ones), as `participantId` writes them for an article's entity: the key a new article looks
 *  its candidate events up by. */
export function eventNameIds(event: Pick<DossierEvent, 'participants'>): string[] {
  return nameIdsOf(event.participants);
}

export function nameIdsOf(names: { name: string; aliases: string[]; type: EntityType }[]): string[] {
  const ids = new Set<string>();
  for (const named of names) {
    if (named.type === 'location') continue;
    for (const name of [named.name, ...named.aliases]) ids.add(participantId(entityKey(name, named.type)));
  }
  return [...ids];
}

/** Title, place, participant names, claims and quotes: what the events filter's `q` looks in. */
export function eventSearchText(event: DossierEvent): string {
  return [
    event.title,
    event.location ?? '',
    ...event.participants.flatMap((p) => [p.name, ...p.aliases]),
    ...event.claims.map((claim) => claim.text),
    ...event.quotes.map((quote) => quote.text),
  ].join('\n');
}

/** Each participant of the event with the quotes whose speaker is one of its names in this event. */
export function participantAppearances(event: DossierEvent): ParticipantAppearance[] {
  const heading = { id: event.id, title: event.title, date: event.date, location: event.location };
  return event.participants.map((participant) => {
    const names = new Set([participant.name, ...participant.aliases]);
    return {
      event: heading,
      participant,
      quotes: event.quotes.filter((quote) => quote.speaker !== null && names.has(quote.speaker)),
    };
  });
}
