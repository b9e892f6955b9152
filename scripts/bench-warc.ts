// WARC ingestion throughput: the article-extraction benchmark's pages packed into a .warc.gz by
// scripts/pack-warc.ts, next to the same pages read as .html files, each into a fresh SQLite
// store (the whole pipeline: decode, clean, metadata, annotate, store). Pages come from
// ../shared/eval-data (or DOSSIER_EVAL_DATA). Usage: tsx scripts/bench-warc.ts [--pages N]
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { emptySummary, ingestFile } from '../src/ingest/index.js';
import { ingestWarcFile, readWarc } from '../src/ingest/warc.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { packWarc, pagesFromFolder } from './pack-warc.js';

const root = resolve(import.meta.dirname, '..');
const evalData = process.env.DOSSIER_EVAL_DATA ?? resolve(root, '../shared/eval-data');
const benchmark = join(evalData, 'article-extraction-benchmark');
const pagesArg = process.argv.indexOf('--pages');
const limit = pagesArg > 0 ? Number(process.argv[pagesArg + 1]) : Infinity;

const truth = JSON.parse(readFileSync(join(benchmark, 'ground-truth.json'), 'utf8')) as Record<string, { url?: string }>;
const urls = Object.fromEntries(Object.entries(truth).flatMap(([key, value]) => (value.url ? [[key, value.url]] : [])));
const pages = pagesFromFolder(join(benchmark, 'html'), urls).slice(0, limit);

const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-warc-'));
const warc = join(dir, 'aeb.warc.gz');
await packWarc(pages, warc);
const files = pages.map((page, index) => {
  const file = join(dir, `page-${String(index).padStart(4, '0')}.html`);
  writeFileSync(file, page.html);
  return file;
});
console.log(`${pages.length} pages; WARC ${(statSync(warc).size / 1048576).toFixed(1)} MB (gzip per record)`);

// Warm up: loads the NER model and JIT-compiles the whole ingest path (pipeline and SQLite writes)
// before timing; without it, whichever way runs first is measured a third slower.
{
  const store = new SqliteStore(join(dir, 'warm-up.db'));
  for (const file of files.slice(0, 30)) await ingestFile(store, file, emptySummary());
  await store.close();
}

async function time(label: string, run: () => Promise<number>): Promise<number> {
  const start = performance.now();
  const count = await run();
  const seconds = (performance.now() - start) / 1000;
  const rate = count / seconds;
  console.log(`${label.padEnd(40)} ${rate.toFixed(1).padStart(8)} pages/s  (${count} pages in ${seconds.toFixed(2)} s)`);
  return rate;
}

const readOnly = await time('read WARC records (warcio, no pipeline)', async () => {
  let count = 0;
  await readWarc(warc, async (raw) => {
    if (raw.bytes) count++;
  });
  return count;
});
const asFiles = await time('ingest as .html files', async () => {
  const store = new SqliteStore(join(dir, 'files.db'));
  const summary = emptySummary();
  for (const file of files) await ingestFile(store, file, summary);
  await store.close();
  return summary.files;
});
const asWarc = await time('ingest as one .warc.gz', async () => {
  const store = new SqliteStore(join(dir, 'warc.db'));
  const summary = emptySummary();
  await ingestWarcFile(store, warc, summary);
  await store.close();
  return summary.ok + summary.rejected + summary.known;
});

console.log(
  JSON.stringify({
    dataset: 'article-extraction-benchmark',
    metric: 'pages_per_second',
    value: Number(asWarc.toFixed(2)),
    pages: pages.length,
    warc: Number(asWarc.toFixed(2)),
    files: Number(asFiles.toFixed(2)),
    warcReadOnly: Number(readOnly.toFixed(1)),
  }),
);
