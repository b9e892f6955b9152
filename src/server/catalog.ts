// An in-memory snapshot of the stored events with lookups by article and participant. Listing
// every event means parsing every stored event (about 3 s for 25,000 events), far too slow per
// request, so the snapshot is kept for a while and reloaded when it is older than its maximum age.
import type { DossierEvent } from '../events/types.js';
import type { Store } from '../store/store.js';

/** How long a snapshot is served: events rebuilt by a CLI ingest show up within this time.
 *  One reload of 25,000 events took ~3 s (scripts/bench-server.ts), so a minute keeps reloads rare. */
export const EVENT_SNAPSHOT_MAX_AGE_MS = 60_000;

export interface EventSnapshot {
  /** All events, in the store's order. */
  events: DossierEvent[];
  byArticle: Map<string, DossierEvent[]>;
  byParticipant: Map<string, DossierEvent[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class EventCatalog {
  private current: { loadedAt: number; snapshot: Promise<EventSnapshot> } | null = null;

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = EVENT_SNAPSHOT_MAX_AGE_MS,
  ) {}

  snapshot(): Promise<EventSnapshot> {
    const now = Date.now();
    if (!this.current || now - this.current.loadedAt > this.maxAgeMs) {
      const snapshot = this.load();
      this.current = { loadedAt: now, snapshot };
      // A failed load must not be served again: the next request retries.
      snapshot.catch(() => {
        if (this.current?.snapshot === snapshot) this.current = null;
      });
    }
    return this.current.snapshot;
  }

  /** Forget the snapshot, e.g. after an upload changed the store. */
  invalidate(): void {
    this.current = null;
  }

  private async load(): Promise<EventSnapshot> {
    const events = await this.store.listEvents();
    const byArticle = new Map<string, DossierEvent[]>();
    const byParticipant = new Map<string, DossierEvent[]>();
    for (const event of events) {
      for (const article of event.articles) push(byArticle, article.id, event);
      for (const participant of new Set(event.participants.map((p) => p.id))) push(byParticipant, participant, event);
    }
    return { events, byArticle, byParticipant };
  }
}
