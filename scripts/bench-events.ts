// Time of `buildEvents` over every ok article of a dossier database, the work `refreshEvents` redoes
// after each ingest batch, with the share of its stages (copies and anchors, grouping, assembly).
// Usage: tsx scripts/bench-events.ts --db <file> [--runs N] [--articles N (the first N stored)]
import { SqliteStore } from '../src/store/sqlite.js';
import { buildEvents, groupBatch, prepareBatch } from '../src/events/build.js';

const option = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const dbPath = option('--db');
if (!dbPath) throw new Error('usage: tsx scripts/bench-events.ts --db <file> [--runs N] [--articles N]');
const runs = Number(option('--runs') ?? 3);
const limit = Number(option('--articles') ?? Number.POSITIVE_INFINITY);

const store = new SqliteStore(dbPath);
const articles = (await store.listArticles({ status: 'ok' })).slice(0, limit);
await store.close();

function seconds(run: () => unknown): number {
  const start = performance.now();
  run();
  return (performance.now() - start) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

// One untimed run compiles the hot paths.
const warm = buildEvents(articles);
const prepare = median(Array.from({ length: runs }, () => seconds(() => prepareBatch(articles))));
const batch = prepareBatch(articles);
const group = median(Array.from({ length: runs }, () => seconds(() => groupBatch(batch))));
const total = median(Array.from({ length: runs }, () => seconds(() => buildEvents(articles))));
const largest = Math.max(...warm.map((event) => event.articles.length));
console.log(`${articles.length} articles -> ${warm.length} events (largest ${largest} articles)`);
console.log(`prepare (copies, sentences, anchors) ${prepare.toFixed(2)} s`);
console.log(`group (clustering)                  ${group.toFixed(2)} s`);
console.log(`buildEvents total                   ${total.toFixed(2)} s (median of ${runs})`);
console.log(JSON.stringify({ dataset: dbPath, metric: 'build_events_seconds', value: Number(total.toFixed(3)), articles: articles.length, events: warm.length }));
