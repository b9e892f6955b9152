// Throughput of the whole article pipeline on real pages: `extract` (decode, clean,
// metadata, annotate; no database) and `ingest` (the same plus SQLite writes), next to
// Readability over linkedom alone on the same pages. Pages: the article-extraction
// benchmark's HTML (../shared/eval-data or DOSSIER_EVAL_DATA), then the bundled seeds.
// Usage: tsx scripts/bench-ingest.ts [--pages N]
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { analyse, emptySummary, ingestRaw } from '../src/ingest/index.js';
import { analyseInOrder, createAnalyser, defaultWorkers } from '../src/parallel/pool.js';
import { SqliteStore } from '../src/store/sqlite.js';
import type { RawDocument } from '../src/types.js';

const root = resolve(import.meta.dirname, '..');
const evalData = process.env.DOSSIER_EVAL_DATA ?? resolve(root, '../shared/eval-data');
const pagesArg = process.argv.indexOf('--pages');
const limit = pagesArg > 0 ? Number(process.argv[pagesArg + 1]) : 60;

function loadPages(): RawDocument[] {
  const dir = join(evalData, 'article-extraction-benchmark', 'html');
  const files = readdirSync(dir).filter((file) => file.endsWith('.html.gz')).sort().slice(0, limit);
  return files.map((file) => ({ source: file.replace(/\.gz$/, ''), bytes: gunzipSync(readFileSync(join(dir, file))) }));
}

function time(label: string, pages: number, run: () => void | Promise<void>): Promise<number> {
  return (async () => {
    const start = performance.now();
    await run();
    const seconds = (performance.now() - start) / 1000;
    const rate = pages / seconds;
    console.log(`${label.padEnd(34)} ${rate.toFixed(1).padStart(7)} pages/s  (${pages} pages in ${seconds.toFixed(2)} s)`);
    return rate;
  })();
}

const pages = loadPages();
// Warm up: loads the NER model and JIT-compiles the hot paths once before timing.
analyse(pages[0]);

const readability = await time('Readability over linkedom', pages.length, () => {
  for (const page of pages) {
    const { document } = parseHTML(page.bytes?.toString('utf8') ?? '');
    new Readability(document as unknown as Document).parse();
  }
});
const extract = await time('dossier extract (full pipeline)', pages.length, () => {
  for (const page of pages) analyse(page);
});
// The same pipeline on every core: a thread pool started (and warmed up on one page per thread) before timing.
const analyser = createAnalyser(defaultWorkers());
await Promise.all(pages.slice(0, analyser.workers).map((page) => analyser.analyse(page)));
const extractAllCores = await time(`dossier extract (${analyser.workers} threads)`, pages.length, async () => {
  for await (const _ of analyseInOrder(pages.map((raw) => ({ raw })), analyser));
});
await analyser.close();
const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'dossier-bench-')), 'bench.db'));
const ingest = await time('dossier ingest (pipeline + SQLite)', pages.length, async () => {
  await ingestRaw(store, pages, emptySummary());
});
await store.close();

console.log(
  JSON.stringify({
    dataset: 'article-extraction-benchmark',
    metric: 'pages_per_second',
    value: Number(ingest.toFixed(2)),
    pages: pages.length,
    extract: Number(extract.toFixed(2)),
    extractAllCores: Number(extractAllCores.toFixed(2)),
    threads: defaultWorkers(),
    // Time of the whole pipeline on all cores over Readability's single-threaded time (target <= 1.0).
    timeRatioAllCores: Number((readability / extractAllCores).toFixed(2)),
    ingest: Number(ingest.toFixed(2)),
    readability: Number(readability.toFixed(2)),
  }),
);
