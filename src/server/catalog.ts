// An in-memory snapshot of the stored event digests, newest first, with lookups by article and
// participant and the lower-cased text the events filter compares. Reading every digest costs
// ~0.2 s for 25,000 events, too much per request, so the snapshot is kept until the store's
// events version changes (one tiny query per request): events rebuilt by a CLI ingest or an
// upload show up on the next request.
import type { EventDigest, Store } from '../store/store.js';

export interface CatalogEvent {
  digest: EventDigest;
  /** Participant names and aliases, lower-cased, one per line. */
  participantNames: string;
  /** Publishers, lower-cased, one per line. */
  publishers: string;
  location: string;
  independentSources: number;
}

export interface EventSnapshot {
  version: number;
  /** All events, newest first (see `newestFirst`). */
  events: CatalogEvent[];
  byArticle: Map<string, CatalogEvent[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const fold = (text: string): string => text.toLocaleLowerCase();

/** Newest first: by event date (undated last), then by last update, then id for a stable order. */
export function newestFirst(a: EventDigest, b: EventDigest): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  if (a.lastUpdated !== b.lastUpdated) return a.lastUpdated < b.lastUpdated ? 1 : -1;
  return a.id < b.id ? -1 : 1;
}

export class EventCatalog {
  private current: { version: number; snapshot: Promise<EventSnapshot> } | null = null;

  constructor(private readonly store: Store) {}

  async snapshot(): Promise<EventSnapshot> {
    const version = await this.store.eventsVersion();
    if (this.current?.version !== version) {
      const snapshot = this.load(version);
      this.current = { version, snapshot };
      // A failed load must not be served again: the next request retries.
      snapshot.catch(() => {
        if (this.current?.snapshot === snapshot) this.current = null;
      });
    }
    return this.current.snapshot;
  }

  private async load(version: number): Promise<EventSnapshot> {
    const digests = (await this.store.listEventDigests()).sort(newestFirst);
    const byArticle = new Map<string, CatalogEvent[]>();
    const events = digests.map((digest): CatalogEvent => {
      const event = {
        digest,
        participantNames: fold(digest.participants.flatMap((p) => [p.name, ...p.aliases]).join('\n')),
        publishers: fold(digest.articles.flatMap((a) => (a.publisher ? [a.publisher] : [])).join('\n')),
        location: fold(digest.location ?? ''),
        independentSources: digest.articles.filter((article) => article.independent).length,
      };
      for (const article of digest.articles) push(byArticle, article.id, event);
      return event;
    });
    return { version, events, byArticle };
  }
}
