// Times the server's page renders (events list, event, article, entity) over a store, through
// the app in-process (no sockets), and reports the median and 95th percentile in milliseconds,
// plus the first (cold) events page, which loads every stored event into the snapshot.
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

// The newest event, its most-sourced participant and its first article stand for a typical page of each kind.
const events = await store.listEvents();
if (events.length === 0) throw new Error('the store has no events: run "dossier ingest" first');
const event = events[0];
const participant = [...event.participants].sort((a, b) => b.articles.length - a.articles.length)[0];
const pages: Record<string, string> = {
  events: '/',
  event: `/events/${encodeURIComponent(event.id)}`,
  article: `/articles/${event.articles[0].id}`,
};
if (participant) pages.entity = `/entities/${encodeURIComponent(participant.id)}`;

// The first request loads the event snapshot (every stored event); later ones reuse it for a minute.
const coldStart = performance.now();
await (await app.request('/')).text();
const coldEventsMs = Math.round((performance.now() - coldStart) * 100) / 100;
console.log(`cold events page (loads the event snapshot) ${coldEventsMs} ms`);

const results: Record<string, { url: string; median: number; p95: number }> = {};
for (const [name, url] of Object.entries(pages)) {
  results[name] = await time(url);
  console.log(`${name.padEnd(8)} median ${results[name].median} ms  p95 ${results[name].p95} ms  ${url}`);
}
const articles = await store.countArticles();
await store.close();
console.log(
  JSON.stringify({
    dataset: values.db ? path.basename(values.db) : 'test/fixtures/server',
    metric: 'page_render_ms_median_max',
    value: Math.max(...Object.values(results).map((r) => r.median)),
    articles,
    events: events.length,
    runs,
    coldEventsMs,
    pages: results,
  }),
);
