// Sources that `dossier watch` polls: validation of what a user adds, stable ids, intervals.
import { createHash } from 'node:crypto';
import { canonicalUrl } from '../fetch/url.js';
import type { Source, SourceKind, Store } from '../store/store.js';

export const SOURCE_KINDS: readonly SourceKind[] = ['auto', 'feed', 'sitemap', 'page'];
/** A feed polled every 15 minutes is current enough for news and light on the publisher. */
export const DEFAULT_INTERVAL_SECONDS = 15 * 60;
/** Faster than once a minute is not polite to anyone's server. */
export const MIN_INTERVAL_SECONDS = 60;

export class SourceInputError extends Error {}

/** The id of the source at this URL: the first 12 hex digits of the SHA-256 of its canonical form. */
export function sourceId(url: string): string {
  return createHash('sha256').update(canonicalUrl(url) ?? url).digest('hex').slice(0, 12);
}

/** "90", "90s", "15m", "2h", "1d" into seconds. */
export function parseInterval(value: string): number {
  const match = value.trim().match(/^(\d+(?:\.\d+)?)\s*(s|m|h|d)?$/i);
  if (!match) throw new SourceInputError(`not an interval: "${value}" (use seconds or 30s, 15m, 2h, 1d)`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[(match[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'];
  const seconds = Math.round(Number(match[1]) * unit);
  if (seconds < MIN_INTERVAL_SECONDS) throw new SourceInputError(`interval too short: ${value} (at least ${MIN_INTERVAL_SECONDS} s)`);
  return seconds;
}

export async function addSource(
  store: Store,
  input: { url: string; kind?: SourceKind; intervalSeconds?: number },
): Promise<{ source: Source; created: boolean }> {
  const url = canonicalUrl(input.url.trim());
  if (!url) throw new SourceInputError(`not an http or https URL: ${input.url}`);
  const kind = input.kind ?? 'auto';
  if (!SOURCE_KINDS.includes(kind)) throw new SourceInputError(`unknown source kind "${kind}" (one of ${SOURCE_KINDS.join(', ')})`);
  const intervalSeconds = input.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS;
  if (!Number.isInteger(intervalSeconds) || intervalSeconds < MIN_INTERVAL_SECONDS) throw new SourceInputError(`interval must be at least ${MIN_INTERVAL_SECONDS} s`);
  return store.addSource({ url, kind, intervalSeconds }, sourceId(url));
}

/** A source by id, id prefix or URL. */
export async function findSource(store: Store, key: string): Promise<Source | null> {
  const exact = await store.getSource(key);
  if (exact) return exact;
  if (/^https?:\/\//i.test(key)) return store.getSource(sourceId(key));
  const matches = (await store.listSources()).filter((source) => source.id.startsWith(key));
  return matches.length === 1 ? matches[0] : null;
}
