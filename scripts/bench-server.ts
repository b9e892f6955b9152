// Times the server's page renders (events list, filtered list, event, article, entity, search)
// over a store, through the app in-process (no sockets), and reports the median and 95th
// percentile in milliseconds, plus the first (cold) events page, which reads every event digest.
// scripts/make-bench-store.ts builds a large store to run it on.
//
//   npx tsx scripts/bench-server.ts [--db FILE] [--runs N]
//
// Without --db it runs over the small server test fixture. The last stdout line is one JSON object.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/server/app.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { Store } from '../src/store/store.js';
import { fixtureStore } from '../test/fixtures/server/load.js';

const { values } = parseArgs({
  options: { db: { type: 'string' }, runs: { type: 'string', default: '20' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

const store: Store = values.db ? new SqliteStore(values.db) : await fixtureStore();
const app = createApp(store, {});

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function time(url: string): Promise<{ url: string; median: number; p95: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const response = await app.request(url);
    await response.text();
    samples.push(performance.now() - start);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  }
  samples.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 100) / 100;
  return { url, median: round(percentile(samples, 0.5)), p95: round(percentile(samples, 0.95)) };
}

// Typical and worst cases of each page: the newest event and its first article; the participant of
// that event who appears in the most events (the longest entity page); the events list unfiltered
// and filtered by a word (through the event search index); article search for the event's place
// and for a word nearly every article has.
const digests = await store.listEventDigests();
if (digests.length === 0) throw new Error('the store has no events: run "dossier ingest" first');
const appearances = new Map<string, number>();
for (const digest of digests) for (const p of digest.participants) appearances.set(p.id, (appearances.get(p.id) ?? 0) + 1);
const newest = digests[0];
const participant = [...newest.participants].sort((a, b) => appearances.get(b.id)! - appearances.get(a.id)!)[0];
const word = newest.title.match(/\p{L}{4,}/u)?.[0] ?? newest.title;
const place = newest.location ?? word;
const pages: Record<string, string> = {
  events: '/',
  'events?q': `/?q=${encodeURIComponent(word)}`,
  event: `/events/${encodeURIComponent(newest.id)}`,
  article: `/articles/${newest.articles[0].id}`,
  search: `/search?q=${encodeURIComponent(place)}`,
  // Found in nearly every news article: ranking all the matches is the slow part of a search.
  'search said': '/search?q=said',
};
if (participant) pages.entity = `/entities/${encodeURIComponent(participant.id)}`;

// The first request reads every event digest into the server's snapshot; later ones reuse it until
// the store's events change.
const coldStart = performance.now();
await (await app.request('/')).text();
const coldEventsMs = Math.round((performance.now() - coldStart) * 100) / 100;
console.log(`cold events page (reads the event digests) ${coldEventsMs} ms`);

const results: Record<string, { url: string; median: number; p95: number }> = {};
for (const [name, url] of Object.entries(pages)) {
  results[name] = await time(url);
  console.log(`${name.padEnd(11)} median ${results[name].median} ms  p95 ${results[name].p95} ms  ${url}`);
}
const articles = await store.countArticles();
await store.close();
console.log(
  JSON.stringify({
    dataset: values.db ? path.basename(values.db) : 'test/fixtures/server',
    metric: 'page_render_ms_median_max',
    value: Math.max(...Object.values(results).map((r) => r.median)),
    articles,
    events: digests.length,
    runs,
    coldEventsMs,
    pages: results,
  }),
);
