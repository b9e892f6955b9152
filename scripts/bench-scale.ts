// Flat cost as the store grows: builds stores of 10,000 and 100,000 generated articles (many stories,
// outlets and days, with syndicated near-duplicates; scripts/make-bench-store.ts), then times
// `dossier ingest` of one batch of new raw articles into each (a third of them further reports of
// stored stories, so they join stored events), through the real pipeline and the incremental event
// refresh, as `dossier ingest` does. Reports milliseconds per ingested article at each size, split into
// analysis (the pipeline, on all cores), store writes and the event refresh, and the peak memory of the
// ingest process. A refresh that fails is reported with its error, and the other parts still are.
//
//   npm run bench:scale [-- --sizes 10000,100000 --batch 500 --workers N --per-day 20]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    batch: { type: 'string', default: '500' },
    workers: { type: 'string', default: String(availableParallelism()) },
    // Stories per day stay the same at every size: a bigger store spans more days, as a growing archive does.
    'per-day': { type: 'string', default: '20' },
    child: { type: 'string' },
  },
});
const root = resolve(import.meta.dirname, '..');
const sizes = values.sizes.split(',').map(Number);
const batch = Number(values.batch);
/** Runs a command; returns its stdout and wall seconds. */
function run(command: string[]): { stdout: string; seconds: number } {
  const started = performance.now();
  const [program, ...args] = command;
  const result = spawnSync(program, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  return { stdout: result.stdout, seconds };
}

/**
 * The ingest itself, in a process of its own (its peak memory is the ingest's): the batch through the
 * analysis pool, stored article by article, then the incremental event refresh, each part timed.
 */
async function child(db: string, batchFile: string, workers: number): Promise<void> {
  const { analyseInOrder, createAnalyser } = await import('../src/parallel/pool.js');
  const { emptySummary, refreshEvents, storeArticle } = await import('../src/ingest/index.js');
  const { readFile } = await import('../src/ingest/read.js');
  const { SqliteStore } = await import('../src/store/sqlite.js');
  const store = new SqliteStore(db);
  const analyser = createAnalyser(workers);
  const raws = readFile(batchFile);
  const summary = emptySummary();
  let started = performance.now();
  const articles = [];
  for await (const [, article] of analyseInOrder(raws.map((raw) => ({ raw })), analyser)) articles.push(article);
  const analyseSeconds = (performance.now() - started) / 1000;
  await analyser.close();
  started = performance.now();
  for (const article of articles) await storeArticle(store, article, summary);
  const storeSeconds = (performance.now() - started) / 1000;
  // The refresh can take long on a large store: what is measured so far can be watched beside the store.
  writeFileSync(`${db}.progress.json`, JSON.stringify({ ok: summary.ok, analyseSeconds, storeSeconds, refreshing: true }));
  started = performance.now();
  let events: number | null = null;
  let eventsError: string | null = null;
  try {
    events = await refreshEvents(store, summary.added);
  } catch (error) {
    eventsError = `${(error as Error).name}: ${(error as Error).message}`;
  }
  const eventsSeconds = (performance.now() - started) / 1000;
  await store.close();
  console.log(JSON.stringify({ ok: summary.ok, analyseSeconds, storeSeconds, eventsSeconds, events, eventsError, peakMb: process.resourceUsage().maxRSS / 1024 }));
}

if (values.child) {
  const [db, batchFile] = values.child.split(',');
  await child(db, batchFile, Number(values.workers));
  process.exit(0);
}

const ms = (seconds: number) => Number(((seconds * 1000) / batch).toFixed(2));
const results = [];
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-scale-'));
  const db = join(dir, 'store.db');
  const batchFile = join(dir, 'batch.jsonl');
  try {
    const days = Math.max(1, Math.round(size / Number(values['per-day'])));
    const build = run([process.execPath, '--import', 'tsx', 'scripts/make-bench-store.ts', '--db', db, '--articles', String(size), '--days', String(days), '--hold-out', String(batch), '--hold-out-file', batchFile]);
    const built = JSON.parse(build.stdout.trim().split('\n').pop()!) as { events: number };
    const ingest = run([process.execPath, '--import', 'tsx', 'scripts/bench-scale.ts', '--child', `${db},${batchFile}`, '--workers', values.workers]);
    const measured = JSON.parse(ingest.stdout.trim().split('\n').pop()!) as {
      ok: number; analyseSeconds: number; storeSeconds: number; eventsSeconds: number; events: number | null; eventsError: string | null; peakMb: number;
    };
    const result = {
      storeArticles: size,
      storeEvents: built.events,
      days,
      batch,
      batchOk: measured.ok,
      workers: Number(values.workers),
      storeBuildSeconds: Number(build.seconds.toFixed(1)),
      ingestMsPerArticle: measured.eventsError ? null : ms(measured.analyseSeconds + measured.storeSeconds + measured.eventsSeconds),
      analyseMsPerArticle: ms(measured.analyseSeconds),
      storeMsPerArticle: ms(measured.storeSeconds),
      eventsMsPerArticle: ms(measured.eventsSeconds),
      eventsAfter: measured.events,
      eventsError: measured.eventsError,
      peakMb: Math.round(measured.peakMb),
    };
    console.log(JSON.stringify(result));
    results.push(result);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (results.length > 1) {
  const [first, last] = [results[0], results[results.length - 1]];
  const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : Number((b / a).toFixed(2)));
  console.log(
    JSON.stringify({
      metric: 'ingest_ms_per_article_ratio',
      value: ratio(first.ingestMsPerArticle, last.ingestMsPerArticle),
      store: ratio(first.storeMsPerArticle, last.storeMsPerArticle),
      events: ratio(first.eventsMsPerArticle, last.eventsMsPerArticle),
      sizes: [first.storeArticles, last.storeArticles],
      target: 1.3,
    }),
  );
}
