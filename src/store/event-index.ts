// What a store indexes of each event besides the event itself, the same for every backend: a small
// digest for lists and lookups, the text that event search matches, and each participant's appearance.
// Stored events are large (10-30 KB of JSON each, with claims, quotes and evidence), so pages that
// span many events read these instead of parsing whole events.
import type { DossierEvent } from '../events/types.js';
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
